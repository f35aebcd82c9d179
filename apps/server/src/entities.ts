import { AssistanceRecord } from './modules/hardship/entities/assistance-record.entity';
import { Proposal, ProposalCounter, ProposalOpinion } from './modules/proposals/entities/proposal.entity';
import { HonourKind, ModelWorker, ModelWorkerRecord, Nomination } from './modules/honours/entities/honour.entity';
import { Competition, CompetitionEvent } from './modules/competitions/entities/competition.entity';
import {
  CompetitionConflict,
  CompetitionEntry,
  CompetitionScore,
  CompetitionScoreCorrection,
  EmployerFlag,
} from './modules/competitions/entities/entry.entity';
import { AvailabilityException, AvailabilityRule } from './modules/legal/entities/availability.entity';
import { Consultation } from './modules/legal/entities/consultation.entity';
import { LegalAidApplication, LegalAidStageRecord } from './modules/legal/entities/legal-aid-application.entity';
import { LegalThread, LegalThreadMessage } from './modules/legal/entities/legal-thread.entity';
import { Petition, PetitionMeeting } from './modules/legal/entities/petition.entity';
import { Campaign } from './modules/hardship/entities/campaign.entity';
import { GrantApplication } from './modules/hardship/entities/grant-application.entity';
import { DemocraticReview } from './modules/hardship/entities/democratic-review.entity';
import { HardshipApplication } from './modules/hardship/entities/hardship-application.entity';
import { HardshipDraft } from './modules/hardship/entities/hardship-draft.entity';
import { HardshipFile } from './modules/hardship/entities/hardship-file.entity';
import { RuleSet } from './modules/rule-sets/entities/rule-set.entity';
import { HomeVisit } from './modules/hardship/entities/home-visit.entity';
import { HouseholdMember } from './modules/hardship/entities/household-member.entity';
import { NoticeObjection } from './modules/notices/entities/notice-objection.entity';
import { PublicNotice } from './modules/notices/entities/public-notice.entity';
import { Consent } from './modules/identity/entities/consent.entity';
import { Invitation } from './modules/identity/entities/invitation.entity';
import { RefreshToken } from './modules/identity/entities/refresh-token.entity';
import { User } from './modules/identity/entities/user.entity';
import { Member } from './modules/membership/entities/member.entity';
import { MembershipApplication } from './modules/membership/entities/membership-application.entity';
import { MembershipTransfer } from './modules/membership/entities/membership-transfer.entity';
import { Message } from './modules/notifications/message.entity';
import { Organization } from './modules/organizations/organization.entity';
import { AuditLog } from './modules/pii/audit-log.entity';
import { Upload } from './modules/uploads/entities/upload.entity';
import { CaseHistory } from './modules/workflow/entities/case-history.entity';
import { OutboxEntry } from './modules/notifications/entities/outbox.entity';
import { WorkflowCase } from './modules/workflow/entities/workflow-case.entity';
import { JobRun } from './modules/jobs/entities/job-run.entity';
import { CaseQueueCount } from './modules/workflow/entities/case-queue-count.entity';
import { WorkCalendarDay } from './modules/workflow/entities/work-calendar-day.entity';
import { CaseQueueEntry } from './modules/workflow/entities/case-queue-entry.entity';

/** Every entity of the schema. */
export const ENTITIES = [
  Organization,
  User,
  RefreshToken,
  Consent,
  Invitation,
  WorkflowCase,
  CaseQueueEntry,
  CaseQueueCount,
  WorkCalendarDay,
  JobRun,
  CaseHistory,
  OutboxEntry,
  Message,
  AuditLog,
  MembershipApplication,
  Member,
  MembershipTransfer,
  Upload,
  RuleSet,
  HardshipDraft,
  HardshipApplication,
  HouseholdMember,
  HomeVisit,
  DemocraticReview,
  PublicNotice,
  NoticeObjection,
  HardshipFile,
  Campaign,
  GrantApplication,
  AssistanceRecord,
  AvailabilityRule,
  AvailabilityException,
  Consultation,
  LegalAidApplication,
  LegalAidStageRecord,
  LegalThread,
  LegalThreadMessage,
  Petition,
  PetitionMeeting,
  Competition,
  CompetitionEvent,
  CompetitionEntry,
  CompetitionScore,
  CompetitionScoreCorrection,
  CompetitionConflict,
  EmployerFlag,
  Proposal,
  ProposalOpinion,
  ProposalCounter,
  HonourKind,
  Nomination,
  ModelWorker,
  ModelWorkerRecord,
];
