import { Injectable } from '@nestjs/common';
import {
  type AidType,
  AID_TYPE_LABEL,
  ASSISTANCE_RECORD_WORKFLOW,
  HARDSHIP_APPLICATION_WORKFLOW,
  HARDSHIP_CAUSE_LABEL,
  HEALTH_STATUS_LABEL,
  HOUSEHOLD_RELATION_LABEL,
  maskPhone,
  PROXY_CONSENT_METHOD_LABEL,
  WORK_STATUS_LABEL,
  type AssistanceRecordState,
  type AssistanceRecordView,
  type HardshipApplicationState,
  type HardshipApplicationSummary,
  type HardshipApplicationView,
  type HouseholdMemberView,
  type OrganizationLevel,
  type PublicNoticeView,
} from '@union/shared';
import { type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { NoticesService, type NoticeHold } from '../notices/notices.service';
import { OrganizationsService, type Organization } from '../organizations/organizations.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { UploadsService } from '../uploads/uploads.service';
import { CaseViews } from '../workflow/case-views';
import { WorkflowCases, type WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { AssistanceRecord } from './entities/assistance-record.entity';
import { DemocraticReview } from './entities/democratic-review.entity';
import type { HardshipApplication } from './entities/hardship-application.entity';
import { HomeVisit } from './entities/home-visit.entity';
import { HouseholdMember } from './entities/household-member.entity';
import { Clock } from '../../common/clock';

const WF = HARDSHIP_APPLICATION_WORKFLOW;
export const APPLICATIONS_TABLE = 'hardship_applications';
export const MEMBERS_TABLE = 'hardship_household_members';

/** Builds what clients see of hardship cases: personal data masked, who holds the case, what is next. */
@Injectable()
export class HardshipViews {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
    private readonly cipher: PiiCipher,
    private readonly organizations: OrganizationsService,
    private readonly transitions: TransitionService,
    private readonly caseViews: CaseViews,
    private readonly uploads: UploadsService,
    private readonly objections: NoticesService,
  ) {}

  /** Amounts approved (not cancelled) this year per aid type. */
  async usedThisYear(manager: EntityManager, fileId: number, year: number): Promise<Map<AidType, number>> {
    const rows = await this.cases
      .joinCase(manager.createQueryBuilder(AssistanceRecord, 'r'), 'r', 'c')
      .select('r.aidType', 'aidType')
      .addSelect('SUM(r.amountFen)', 'total')
      .where('r.fileId = :fileId AND r.year = :year AND c.state <> :cancelled', { fileId, year, cancelled: 'cancelled' })
      .groupBy('r.aidType')
      .getRawMany<{ aidType: AidType; total: string | number }>();
    return new Map(rows.map((r) => [r.aidType, Number(r.total)]));
  }

  /** The level of the tree that acts in `state`, or null when it is not staff's move. */
  private actingLevel(state: HardshipApplicationState): OrganizationLevel | null {
    if (WF.states[state].holder !== 'staff') return null;
    const t = Object.values(WF.transitions).find((d) => d.actor === 'staff' && d.from.includes(state));
    return t?.levels?.[0] ?? null;
  }

  /** Name of whoever holds the case now: the worker, or the union at the acting level above the case. */
  async holderNames(manager: EntityManager, cases: WorkflowCase[]): Promise<Map<number, string>> {
    const ids = new Set<number>();
    for (const c of cases) for (const id of c.organizationPath.split('/').filter(Boolean)) ids.add(Number(id));
    const orgs = ids.size ? await this.organizations.byIds([...ids], manager) : [];
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const result = new Map<number, string>();
    for (const c of cases) {
      const state = c.state as HardshipApplicationState;
      const holder = WF.states[state].holder;
      if (holder === 'applicant') result.set(c.id, '您（请补充材料）');
      else if (holder === 'none') result.set(c.id, '办结');
      else {
        const level = this.actingLevel(state);
        const chain = c.organizationPath
          .split('/')
          .filter(Boolean)
          .map((id) => byId.get(Number(id)))
          .filter((o): o is Organization => !!o);
        const own = chain[chain.length - 1];
        const acting = level === 'grassroots' || !level ? own : [...chain].reverse().find((o) => o.level === level);
        result.set(c.id, (acting ?? own)?.name ?? '');
      }
    }
    return result;
  }

  members(rows: HouseholdMember[]): HouseholdMemberView[] {
    return rows.map((m) => ({
      id: m.id,
      relation: m.relation,
      relationLabel: HOUSEHOLD_RELATION_LABEL[m.relation],
      nameMasked: m.nameMasked,
      idNumberMasked: m.idNumberMasked,
      annualIncomeFen: m.annualIncomeFen,
      health: m.health,
      healthLabel: HEALTH_STATUS_LABEL[m.health],
      hasHealthNote: !!m.healthNoteEnc,
      workStatus: m.workStatus,
      workStatusLabel: WORK_STATUS_LABEL[m.workStatus],
    }));
  }

  async householdMembers(manager: EntityManager, applicationId: number): Promise<HouseholdMember[]> {
    return manager.getRepository(HouseholdMember).find({ where: { applicationId }, order: { id: 'ASC' } });
  }

  /**
   * Why a public notice does not yet let the application move on (still running, or an objection
   * open), or null: the one check behind both the step and the reason shown on its button.
   */
  /** Why the notice does not yet let the application go up (running, or an objection open); null when it may. */
  noticeHold(manager: EntityManager, app: { caseId: number }): Promise<NoticeHold | null> {
    return this.objections.hold(manager, app.caseId, '报上级审核');
  }

  async notice(manager: EntityManager, app: { caseId: number }, now = this.clock.now()): Promise<PublicNoticeView | null> {
    const notice = await this.objections.noticeOf(app.caseId, manager);
    if (!notice) return null;
    const objections = (await this.objections.ofCases([app.caseId], manager)).get(app.caseId) ?? [];
    return {
      id: notice.id,
      startsAt: notice.startsAt.toISOString(),
      endsAt: notice.endsAt.toISOString(),
      content: notice.content ?? '',
      ended: now.getTime() >= notice.endsAt.getTime(),
      objections: objections.map((o) => ({
        id: o.id,
        receivedAt: o.receivedAt.toISOString(),
        channel: o.channel,
        content: o.content,
        status: o.status,
        resolution: o.resolution,
        resolvedAt: o.resolvedAt?.toISOString() ?? null,
      })),
    };
  }

  summary(app: HardshipApplication, kase: WorkflowCase, holderName: string): HardshipApplicationSummary {
    const state = kase.state as HardshipApplicationState;
    return {
      id: app.id,
      state,
      stateLabel: WF.states[state].label,
      nextStep: WF.states[state].nextStep,
      holderName,
      submittedAt: kase.submittedAt.toISOString(),
      deadline: this.caseViews.deadline(kase),
    };
  }

  async application(manager: EntityManager, actor: Actor, app: HardshipApplication, kase: WorkflowCase): Promise<HardshipApplicationView> {
    const state = kase.state as HardshipApplicationState;
    // The same check the step runs, shown on its button: the notice period, open objections.
    const ctx = this.transitions.actorContext(actor, kase);
    const hold = state === 'public_notice' && ctx?.staffLevel ? await this.noticeHold(manager, app) : null;
    const [members, visit, review, notice, history, holder, organization] = await Promise.all([
      this.householdMembers(manager, app.id),
      manager.getRepository(HomeVisit).findOneBy({ applicationId: app.id }),
      manager.getRepository(DemocraticReview).findOneBy({ applicationId: app.id }),
      this.notice(manager, app),
      this.transitions.history(manager, kase.id),
      this.holderNames(manager, [kase]),
      this.organizations.get(app.organizationId, manager).then((o) => this.organizations.view(o, manager)),
    ]);
    const files = (await this.uploads.listForCase(manager, [kase.id])).get(kase.id) ?? [];
    const photoIds = new Set(visit?.photoUploadIds ?? []);
    const lastStaffComment = [...history].reverse().find((h) => h.comment && h.actorUserId !== kase.applicantUserId);
    return {
      id: app.id,
      caseId: kase.id,
      state,
      stateLabel: WF.states[state].label,
      nextStep: WF.states[state].nextStep,
      version: kase.version,
      applicantNameMasked: app.applicantNameMasked,
      phoneMasked: this.cipher.readable(app.phoneEnc, piiAad(APPLICATIONS_TABLE, app.uid, 'phone'), maskPhone),
      organization,
      holderName: holder.get(kase.id) ?? '',
      submittedAt: kase.submittedAt.toISOString(),
      deadline: this.caseViews.deadline(kase),
      employmentType: app.employmentType,
      employmentMonths: app.employmentMonths,
      members: this.members(members),
      otherIncomeFen: app.otherIncomeFen,
      annualIncomeFen: app.annualIncomeFen,
      essentialSpendingFen: app.essentialSpendingFen,
      accidentCostsFen: app.accidentCostsFen,
      mainCause: app.mainCause,
      secondaryCauses: app.secondaryCauses,
      causeLabels: [app.mainCause, ...app.secondaryCauses].map((c) => HARDSHIP_CAUSE_LABEL[c]),
      exclusions: app.exclusions,
      bankAccountMasked: app.bankAccountMasked,
      assessment: app.assessment,
      ruleSetVersion: app.ruleSetVersion,
      evidence: files.filter((f) => !photoIds.has(f.id)),
      missingItems: app.missingItems,
      duplicates: app.duplicates,
      proxy: app.filedByUserId
        ? {
            filedByName: app.filedByName ?? '',
            consentMethodLabel: app.proxyConsentMethod ? PROXY_CONSENT_METHOD_LABEL[app.proxyConsentMethod] : '',
            consentNote: app.proxyConsentNote ?? '',
          }
        : null,
      homeVisit: visit
        ? {
            visitedOn: visit.visitedOn,
            visitors: visit.visitors,
            findings: this.cipher.readable(visit.findingsEnc, piiAad('hardship_home_visits', app.uid, 'findings')),
            matchesDeclaration: visit.matchesDeclaration,
            photos: files.filter((f) => photoIds.has(f.id)),
          }
        : null,
      democraticReview: review
        ? {
            meetingOn: review.meetingOn,
            attendees: review.attendees,
            votesFor: review.votesFor,
            votesAgainst: review.votesAgainst,
            abstentions: review.abstentions,
          }
        : null,
      publicNotice: notice,
      fileId: app.fileId,
      history: this.caseViews.history(WF, history),
      lastReviewerComment: lastStaffComment?.comment ?? null,
      actions: this.transitions.actionsOf(actor, WF, kase, { complete_public_notice: hold?.message }),
    };
  }

  /** Assistance records with their cases and histories, in one query each for the whole list. */
  async assistance(
    manager: EntityManager,
    actor: Actor,
    records: AssistanceRecord[],
    fileNos: Map<number, string>,
  ): Promise<AssistanceRecordView[]> {
    if (records.length === 0) return [];
    const caseIds = records.map((r) => r.caseId);
    const cases = await this.cases.byIds(caseIds, manager);
    const byCase = new Map(cases.map((c) => [c.id, c]));
    const histories = await this.transitions.historyOf(manager, caseIds);
    return records.map((r) => {
      const kase = byCase.get(r.caseId) as WorkflowCase;
      const state = kase.state as AssistanceRecordState;
      return {
        id: r.id,
        caseId: kase.id,
        fileId: r.fileId,
        fileNo: fileNos.get(r.fileId) ?? '',
        aidType: r.aidType,
        aidTypeLabel: AID_TYPE_LABEL[r.aidType],
        amountFen: r.amountFen,
        fundSource: r.fundSource,
        year: r.year,
        state,
        stateLabel: ASSISTANCE_RECORD_WORKFLOW.states[state].label,
        version: kase.version,
        approvedAt: r.approvedAt.toISOString(),
        approvedByName: r.approvedByName,
        paidAt: r.paidAt?.toISOString() ?? null,
        paymentReference: r.paymentReference,
        signedAt: r.signedAt?.toISOString() ?? null,
        signMethod: r.signMethod,
        history: this.caseViews.history(ASSISTANCE_RECORD_WORKFLOW, histories.get(r.caseId) ?? []),
        actions: this.transitions.actionsOf(actor, ASSISTANCE_RECORD_WORKFLOW, kase),
      };
    });
  }
}
