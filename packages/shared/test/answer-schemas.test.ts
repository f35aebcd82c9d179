import {
  actionView,
  caseSearchItem,
  caseView,
  competitionView,
  consultationView,
  legalAidSummary,
  legalThreadSummary,
  legalThreadView,
  memberCardView,
  membershipApplicationView,
  membershipTransferView,
  nominationView,
  petitionView,
  proposalView,
  workbenchItem,
  type ActionView,
  type CaseType,
  type CompetitionView,
  type ConsultationView,
  type DeadlineView,
  type LegalAidSummary,
  type LegalThreadSummary,
  type LegalThreadView,
  type MemberCardView,
  type MembershipApplicationView,
  type MembershipTransferView,
  type NominationView,
  type PetitionView,
  type ProposalView,
  type WorkbenchCaseType,
  z,
} from '../src';
import {
  cardVerification,
  createdId,
  demoPersona,
  healthView,
  invitationCode,
  messageView,
  meView,
  organizationRouteSuggestion,
  organizationView,
  revealResponse,
  subscribeTemplates,
  tokenPair,
  unreadCount,
  uploadLink,
  uploadView,
  type CardVerification,
  type CreatedId,
  type DemoPersona,
  type HealthView,
  type InvitationCode,
  type MessageView,
  type MeView,
  type OrganizationRouteSuggestion,
  type OrganizationView,
  type RevealResponse,
  type SubscribeTemplates,
  type TokenPair,
  type UnreadCount,
  type UploadLink,
  type UploadView,
} from '../src';
import {
  certificateImageView,
  competitionObjectionView,
  competitionResultsView,
  competitionScoresView,
  competitionStatistics,
  directResultView,
  employerFlagView,
  entryView,
  judgeView,
  judgingEntryView,
  resultLineView,
  type CertificateImageView,
  type CompetitionObjectionView,
  type CompetitionResultsView,
  type CompetitionScoresView,
  type CompetitionStatistics,
  type DirectResultView,
  type EmployerFlagView,
  type EntryView,
  type JudgeView,
  type JudgingEntryView,
  type ResultLineView,
} from '../src';
import {
  availabilityExceptionView,
  availabilityRuleView,
  evidenceChecklistItem,
  lawyerView,
  legalAidApplicationView,
  legalAidEligibilityCheck,
  legalAidEligibilityView,
  legalAidRuleSetView,
  legalStatistics,
  slotDayView,
  statutoryClockItemView,
  type AvailabilityExceptionView,
  type AvailabilityRuleView,
  type EvidenceChecklistItem,
  type LawyerView,
  type LegalAidApplicationView,
  type LegalAidEligibility,
  type LegalAidEligibilityCheck,
  type LegalAidRuleSetView,
  type LegalStatistics,
  type SlotDayView,
  type StatutoryClockItem,
} from '../src';
import {
  honourKindView,
  honourRollLine,
  honourStatistics,
  modelWorkerView,
  nominationNoticeView,
  type HonourKindView,
  type HonourRollLine,
  type HonourStatistics,
  type ModelWorkerView,
  type NominationNoticeView,
} from '../src';
import { expertView, proposalStatistics, type ExpertView, type ProposalStatistics } from '../src';

/** True only when A and B are the same type (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// Type tests, checked by the compiler (npm run typecheck): a line fails to build when a schema and
// the type the code uses drift apart.
const actionViewIsTheInterface: Same<z.output<typeof actionView>, ActionView> = true;
const caseTypesAgree: Same<z.output<typeof caseView>['caseType'], CaseType> = true;
const workbenchTypesAgree: Same<z.output<typeof workbenchItem>['caseType'], WorkbenchCaseType> = true;
const deadlinesAgree: Same<z.output<typeof caseSearchItem>['deadline'], DeadlineView | null> = true;
// The domains' answers: the interfaces in contracts.ts stay the types the code uses, and each is
// exactly its schema's output (a field added, renamed or retyped on one side alone does not build).
const domainAnswersAgree: [
  Same<z.output<typeof membershipApplicationView>, MembershipApplicationView>,
  Same<z.output<typeof memberCardView>, MemberCardView>,
  Same<z.output<typeof membershipTransferView>, MembershipTransferView>,
  Same<z.output<typeof proposalView>, ProposalView>,
  Same<z.output<typeof nominationView>, NominationView>,
  Same<z.output<typeof competitionView>, CompetitionView>,
  Same<z.output<typeof legalThreadSummary>, LegalThreadSummary>,
  Same<z.output<typeof legalThreadView>, LegalThreadView>,
  Same<z.output<typeof petitionView>, PetitionView>,
  Same<z.output<typeof consultationView>, ConsultationView>,
  Same<z.output<typeof legalAidSummary>, LegalAidSummary>,
] = [true, true, true, true, true, true, true, true, true, true, true];
// Sign-in, the organisation tree, the message centre, uploads and the small answers several domains share.
const platformAnswersAgree: [
  Same<z.output<typeof organizationView>, OrganizationView>,
  Same<z.output<typeof organizationRouteSuggestion>, OrganizationRouteSuggestion>,
  Same<z.output<typeof tokenPair>, TokenPair>,
  Same<z.output<typeof demoPersona>, DemoPersona>,
  Same<z.output<typeof invitationCode>, InvitationCode>,
  Same<z.output<typeof meView>, MeView>,
  Same<z.output<typeof cardVerification>, CardVerification>,
  Same<z.output<typeof revealResponse>, RevealResponse>,
  Same<z.output<typeof createdId>, CreatedId>,
  Same<z.output<typeof messageView>, MessageView>,
  Same<z.output<typeof unreadCount>, UnreadCount>,
  Same<z.output<typeof subscribeTemplates>, SubscribeTemplates>,
  Same<z.output<typeof healthView>, HealthView>,
  Same<z.output<typeof uploadView>, UploadView>,
  Same<z.output<typeof uploadLink>, UploadLink>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
const competitionAnswersAgree: [
  Same<z.output<typeof judgeView>, JudgeView>,
  Same<z.output<typeof entryView>, EntryView>,
  Same<z.output<typeof judgingEntryView>, JudgingEntryView>,
  Same<z.output<typeof directResultView>, DirectResultView>,
  Same<z.output<typeof competitionScoresView>, CompetitionScoresView>,
  Same<z.output<typeof resultLineView>, ResultLineView>,
  Same<z.output<typeof competitionResultsView>, CompetitionResultsView>,
  Same<z.output<typeof competitionObjectionView>, CompetitionObjectionView>,
  Same<z.output<typeof employerFlagView>, EmployerFlagView>,
  Same<z.output<typeof certificateImageView>, CertificateImageView>,
  Same<z.output<typeof competitionStatistics>, CompetitionStatistics>,
] = [true, true, true, true, true, true, true, true, true, true, true];
const legalAnswersAgree: [
  Same<z.output<typeof legalAidRuleSetView>, LegalAidRuleSetView>,
  Same<z.output<typeof availabilityRuleView>, AvailabilityRuleView>,
  Same<z.output<typeof availabilityExceptionView>, AvailabilityExceptionView>,
  Same<z.output<typeof lawyerView>, LawyerView>,
  Same<z.output<typeof slotDayView>, SlotDayView>,
  Same<z.output<typeof evidenceChecklistItem>, EvidenceChecklistItem>,
  Same<z.output<typeof legalAidEligibilityView>, LegalAidEligibility>,
  Same<z.output<typeof legalAidEligibilityCheck>, LegalAidEligibilityCheck>,
  Same<z.output<typeof statutoryClockItemView>, StatutoryClockItem>,
  Same<z.output<typeof legalAidApplicationView>, LegalAidApplicationView>,
  Same<z.output<typeof legalStatistics>, LegalStatistics>,
] = [true, true, true, true, true, true, true, true, true, true, true];
const honourAnswersAgree: [
  Same<z.output<typeof honourKindView>, HonourKindView>,
  Same<z.output<typeof honourRollLine>, HonourRollLine>,
  Same<z.output<typeof nominationNoticeView>, NominationNoticeView>,
  Same<z.output<typeof modelWorkerView>, ModelWorkerView>,
  Same<z.output<typeof honourStatistics>, HonourStatistics>,
] = [true, true, true, true, true];
const proposalAnswersAgree: [Same<z.output<typeof expertView>, ExpertView>, Same<z.output<typeof proposalStatistics>, ProposalStatistics>] =
  [true, true];

describe('the answer schemas of the case API', () => {
  it('agree with the types the code uses (compile-time checks above)', () => {
    // The proof is the compiler's (npm run typecheck checks this file); this only keeps the names used.
    expect(
      [
        actionViewIsTheInterface,
        caseTypesAgree,
        workbenchTypesAgree,
        deadlinesAgree,
        ...domainAnswersAgree,
        ...platformAnswersAgree,
        ...competitionAnswersAgree,
        ...legalAnswersAgree,
        ...honourAnswersAgree,
        ...proposalAnswersAgree,
      ].every(Boolean),
    ).toBe(true);
  });

  it('refuse an answer that leaves the shape: an unknown tone, a missing history', () => {
    const good = {
      id: 1,
      caseType: 'membership_application',
      caseTypeLabel: '入会申请',
      subjectId: 2,
      title: '张*',
      state: 'submitted',
      stateLabel: '待审核',
      stateTone: 'primary',
      terminal: false,
      holder: 'staff',
      version: 1,
      submittedAt: '2026-12-01T02:00:00.000Z',
      closedAt: null,
      deadline: { dueAt: '2026-12-08T02:00:00.000Z', workingDaysLeft: 5, overdue: false },
      route: null,
      staffStep: null,
      actions: [],
      history: [],
    };
    expect(caseView.safeParse(good).success).toBe(true);
    expect(caseView.safeParse({ ...good, stateTone: 'pink' }).success).toBe(false);
    const { history: _history, ...withoutHistory } = good;
    expect(caseView.safeParse(withoutHistory).success).toBe(false);
  });
});
