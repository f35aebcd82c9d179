import { Injectable } from '@nestjs/common';
import {
  addDays,
  type LegalAidListQuery,
  type Page,
  computeStatutoryClock,
  DISPUTE_TYPE_LABEL,
  LEGAL_AID_OUTCOME_LABEL,
  LEGAL_AID_WORKFLOW,
  maskPhone,
  UPLOAD_PURPOSE_LABEL,
  WorkCalendar,
  type ConflictWarning,
  type LegalAidApplicationView,
  type LegalAidEligibility,
  type LegalAidStage,
  type LegalAidState,
  type LegalAidSummary,
  type UploadView,
} from '@union/shared';
import { In, Not, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { UploadsService } from '../uploads/uploads.service';
import { CaseViews } from '../workflow/case-views';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { IdentityService } from '../identity/identity.service';
import { LegalAidApplication, LegalAidStageRecord } from './entities/legal-aid-application.entity';
import { clockInput, LEGAL_AID_TABLE } from './legal-aid.helpers';
import { Clock } from '../../common/clock';
import { fail } from '../../common/app-exception';
import { whereStaffHandles } from '../../common/case-access';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { Db } from '../../database/db.service';

const WF = LEGAL_AID_WORKFLOW;
/** The states of a case in hand (accepted and in one of its stages), for the list's `handling` filter. */
const HANDLING_STATES: LegalAidState[] = ['accepted', 'negotiation', 'mediation', 'arbitration', 'litigation'];

const STAGE_LABEL: Record<LegalAidStage | 'accepted', string> = {
  accepted: '受理后',
  negotiation: '协商',
  mediation: '调解',
  arbitration: '仲裁',
  litigation: '诉讼',
};

/** How legal-aid cases are shown: masked, with clocks, stages, conflicts; a constant number of queries per list. */
@Injectable()
export class LegalAidViews {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly transitions: TransitionService,
    private readonly caseViews: CaseViews,
    private readonly calendar: WorkCalendar,
    private readonly cipher: PiiCipher,
    private readonly uploads: UploadsService,
    private readonly identity: IdentityService,
    private readonly db: Db,
  ) {}

  /** The names of the lawyers the cases are assigned to (the case's assignee), in one query. */
  private async lawyerNames(manager: EntityManager, cases: Iterable<{ assigneeUserId: number | null }>): Promise<Map<number, string>> {
    const ids = [...new Set([...cases].map((c) => c.assigneeUserId).filter((id): id is number => id !== null))];
    return new Map((await this.identity.usersByIds(ids, manager)).map((u) => [u.id, u.displayName]));
  }

  /**
   * The centre's cases, newest first; with `clockWithinDays`, only open cases whose next statutory
   * period ends within that many days, soonest first. A lawyer sees the cases assigned to them;
   * the centre's staff see every case in their scope.
   */
  async list(actor: Actor, query: LegalAidListQuery): Promise<Page<LegalAidSummary>> {
    if (!actor.organization) fail('forbidden');
    const limit = query.limit ?? 20;
    const qb = this.cases.joinCase(this.db.manager.getRepository(LegalAidApplication).createQueryBuilder('a'), 'a', 'c');
    whereStaffHandles(qb, actor, [WF.caseType]);
    if (query.state === 'open') qb.andWhere('c.closedAt IS NULL');
    else if (query.state === 'handling') qb.andWhere('c.state IN (:...handling)', { handling: HANDLING_STATES });
    else if (query.state) qb.andWhere('c.state = :state', { state: query.state });
    if (query.clockWithinDays !== undefined) {
      // Driven by the clock index (idx_legal_aid_clock; a lawyer's own cases through the case's
      // assignee index); the column is kept current by LegalClocksJob, so this read writes nothing.
      const today = this.clock.today();
      const until = addDays(today, query.clockWithinDays);
      qb.andWhere('a.nextClockDueOn >= :today AND a.nextClockDueOn <= :until', { today, until });
      if (!actor.permissions.includes('legal.aid.decide')) qb.andWhere('c.assigneeUserId = :me', { me: actor.userId });
      if (query.after) {
        const [day, id] = decodeCursor<[string, number]>(query.after, ['string', 'number']);
        qb.andWhere('(a.nextClockDueOn > :day OR (a.nextClockDueOn = :day AND a.id > :id))', { day, id });
      }
      qb.orderBy('a.nextClockDueOn', 'ASC').addOrderBy('a.id', 'ASC');
    } else {
      // Newest first, driven by the case index (idx_cases_type / idx_cases_assignee).
      if (query.after) {
        const [caseId] = decodeCursor<[number]>(query.after, ['number']);
        qb.andWhere('c.id < :caseId', { caseId });
      }
      qb.orderBy('c.id', 'DESC');
    }
    const rows = await qb.limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor(query.clockWithinDays !== undefined ? [last.nextClockDueOn as string, last.id] : [last.caseId])
        : null;
    return { items: await this.summaries(this.db.manager, actor, page), nextCursor };
  }

  /** Views of the rows the actor may see; rows outside their view are left out. */
  async many(manager: EntityManager, actor: Actor, rows: LegalAidApplication[]): Promise<LegalAidApplicationView[]> {
    if (rows.length === 0) return [];
    const caseIds = rows.map((r) => r.caseId);
    const cases = await this.cases.mapByIds(caseIds, manager);
    const orgs = new Map(
      (await this.organizations.byIds([...new Set([...cases.values()].map((c) => c.organizationId))], manager)).map((o) => [o.id, o]),
    );
    const [histories, files, stages, conflicts, lawyers] = await Promise.all([
      this.transitions.historyOf(manager, caseIds),
      this.uploads.listForCase(manager, caseIds),
      manager.getRepository(LegalAidStageRecord).find({ where: { applicationId: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } }),
      this.conflicts(manager, rows),
      this.lawyerNames(manager, cases.values()),
    ]);
    const today = this.clock.today();
    const result: LegalAidApplicationView[] = [];
    for (const row of rows) {
      const kase = cases.get(row.caseId);
      const ctx = kase ? this.transitions.actorContext(actor, kase) : null;
      if (!kase || !ctx) continue;
      const aad = (field: string) => piiAad(LEGAL_AID_TABLE, row.uid, field);
      const state = kase.state as LegalAidState;
      const caseFiles = new Map((files.get(row.caseId) ?? []).map((f) => [f.id, f]));
      const pick = (ids: number[]) => ids.map((id) => caseFiles.get(id)).filter((f): f is UploadView => !!f);
      const isStaff = ctx.staffLevel !== undefined;
      result.push({
        id: row.id,
        caseId: kase.id,
        state,
        stateLabel: WF.states[state].label,
        nextStep: WF.states[state].nextStep,
        version: kase.version,
        applicantName: row.applicantName,
        phoneMasked: this.cipher.readable(row.phoneEnc, aad('phone'), maskPhone),
        organizationName: orgs.get(kase.organizationId)?.name ?? '',
        disputeType: row.disputeType,
        disputeTypeLabel: DISPUTE_TYPE_LABEL[row.disputeType],
        employer: { name: row.employerName, creditCode: row.employerCreditCode, address: row.employerAddress },
        claims: this.cipher.readable(row.claimsEnc, aad('claims')),
        amountClaimedFen: row.amountClaimedFen,
        employmentStartedOn: row.employmentStartedOn,
        employmentEndedOn: row.employmentEndedOn,
        learnedOn: row.learnedOn,
        isMigrantWorker: row.isMigrantWorker,
        eligibility: JSON.parse(this.cipher.decrypt(row.eligibilityEnc, aad('eligibility'))) as LegalAidEligibility,
        ruleSetVersion: row.ruleSetVersion,
        evidence: row.evidence.map((e) => ({
          purpose: e.purpose,
          purposeLabel: UPLOAD_PURPOSE_LABEL[e.purpose],
          files: pick(e.uploadIds),
        })),
        witnessesMasked: row.witnessesEnc ? '已填写（如需查看请联系承办律师）' : null,
        fromConsultationId: row.fromConsultationId,
        lawyerUserId: kase.assigneeUserId,
        lawyerName: kase.assigneeUserId ? (lawyers.get(kase.assigneeUserId) ?? null) : null,
        decisionReason: row.decisionReason,
        otherHelp: row.otherHelp,
        dates: {
          mediationStartedOn: row.mediationStartedOn,
          mediationEndedOn: row.mediationEndedOn,
          arbitrationAppliedOn: row.arbitrationAppliedOn,
          arbitrationAcceptedOn: row.arbitrationAcceptedOn,
          awardExtended: row.awardExtended,
          awardReceivedOn: row.awardReceivedOn,
          lawsuitFiledOn: row.lawsuitFiledOn,
        },
        clock: computeStatutoryClock(clockInput(row), today, this.calendar),
        stages: stages
          .filter((s) => s.applicationId === row.id)
          .map((s) => ({
            stage: s.stage as LegalAidStage,
            stageLabel: STAGE_LABEL[s.stage as LegalAidStage] ?? s.stage,
            startedOn: s.startedOn,
            note: s.note,
            documents: pick(s.uploadIds),
            recordedByName: s.recordedByName,
          })),
        // Only the centre sees the conflict check; it never names the other worker.
        conflicts: isStaff ? (conflicts.get(row.id) ?? []) : [],
        outcome: row.outcome,
        outcomeLabel: row.outcome ? LEGAL_AID_OUTCOME_LABEL[row.outcome] : null,
        amountRecoveredFen: row.amountRecoveredFen,
        recoveredOn: row.recoveredOn,
        closingNote: row.closingNote,
        submittedAt: kase.submittedAt.toISOString(),
        deadline: this.caseViews.deadline(kase),
        history: this.caseViews.history(WF, histories.get(row.caseId) ?? []),
        actions: this.transitions.actionsFor(WF, kase, ctx),
      });
    }
    return result;
  }

  /** List lines (no decryption beyond what a list needs). */
  async summaries(manager: EntityManager, actor: Actor, rows: LegalAidApplication[]): Promise<LegalAidSummary[]> {
    if (rows.length === 0) return [];
    const cases = await this.cases.mapByIds(
      rows.map((r) => r.caseId),
      manager,
    );
    const today = this.clock.today();
    const lawyers = await this.lawyerNames(manager, cases.values());
    const out: LegalAidSummary[] = [];
    for (const row of rows) {
      const kase = cases.get(row.caseId);
      if (!kase || !this.transitions.actorContext(actor, kase)) continue;
      const state = kase.state as LegalAidState;
      const next = WF.states[state].terminal ? null : computeStatutoryClock(clockInput(row), today, this.calendar).next;
      out.push({
        id: row.id,
        state,
        stateLabel: WF.states[state].label,
        applicantName: row.applicantName,
        disputeTypeLabel: DISPUTE_TYPE_LABEL[row.disputeType],
        employerName: row.employerName,
        amountClaimedFen: row.amountClaimedFen,
        lawyerName: kase.assigneeUserId ? (lawyers.get(kase.assigneeUserId) ?? null) : null,
        nextClock: next && next.dueOn && next.daysLeft !== null ? { label: next.label, dueOn: next.dueOn, daysLeft: next.daysLeft } : null,
        deadline: this.caseViews.deadline(kase),
        submittedAt: kase.submittedAt.toISOString(),
      });
    }
    return out;
  }

  /** Other cases of the centre against the same employer (by credit code or normalised name). */
  private async conflicts(manager: EntityManager, rows: LegalAidApplication[]): Promise<Map<number, ConflictWarning[]>> {
    const result = new Map<number, ConflictWarning[]>();
    const keys = [...new Set(rows.map((r) => r.employerKey))];
    const others = await manager.getRepository(LegalAidApplication).find({
      select: { id: true, caseId: true, employerKey: true, applicantUserId: true },
      where: { employerKey: In(keys), id: Not(In(rows.map((r) => r.id))) },
      order: { id: 'DESC' },
      take: 200,
    });
    if (others.length === 0) return result;
    const cases = new Map(
      (
        await this.cases.byIds(
          others.map((o) => o.caseId),
          manager,
        )
      ).map((c) => [c.id, c]),
    );
    const lawyers = await this.lawyerNames(manager, cases.values());
    for (const row of rows) {
      const list = others
        .filter((o) => o.employerKey === row.employerKey && o.applicantUserId !== row.applicantUserId)
        .map((o) => {
          const kase = cases.get(o.caseId);
          return {
            caseId: o.caseId,
            stateLabel: kase ? WF.states[kase.state as LegalAidState].label : '',
            lawyerName: kase?.assigneeUserId ? (lawyers.get(kase.assigneeUserId) ?? null) : null,
            submittedAt: kase?.submittedAt.toISOString() ?? '',
          };
        });
      if (list.length) result.set(row.id, list);
    }
    return result;
  }

  /**
   * Of these employers (by key), the ones the centre holds a wage-arrears case against now: an
   * application is only an allegation, so a case counts once the centre took it on and while it is
   * being handled. One query for any number of employers.
   */
  async employersWithWageCasesInHand(manager: EntityManager, employerKeys: string[]): Promise<Set<string>> {
    if (employerKeys.length === 0) return new Set();
    const rows = await this.cases
      .joinCase(manager.getRepository(LegalAidApplication).createQueryBuilder('a'), 'a', 'c')
      .select('a.employerKey', 'employerKey')
      .where("a.employerKey IN (:...keys) AND a.disputeType = 'unpaid_wages' AND c.state IN (:...handling)", {
        keys: employerKeys,
        handling: ['accepted', 'negotiation', 'mediation', 'arbitration', 'litigation'],
      })
      .groupBy('a.employerKey')
      .getRawMany<{ employerKey: string }>();
    return new Set(rows.map((r) => r.employerKey));
  }
}
