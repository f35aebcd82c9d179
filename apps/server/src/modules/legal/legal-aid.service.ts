import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  assessLegalAidEligibility,
  DISPUTE_TYPE_LABEL,
  LEGAL_AID_WORKFLOW,
  LEGAL_CONSENT_VERSION,
  type AcceptLegalAidRequest,
  type CloseLegalAidRequest,
  type CreateLegalAidApplicationRequest,
  type LegalAidApplicationView,
  type LegalAidCaseDates,
  type LegalAidDatesRequest,
  type LegalAidEligibilityCheck,
  type LegalAidEligibilityRequest,
  type LegalAidStageRequest,
  type LegalAidState,
  type Page,
  type PageQuery,
  type RejectLegalAidRequest,
  type RevealResponse,
} from '@union/shared';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { newestFirst } from '../../common/cursor';
import { Db } from '../../database/db.service';
import { IdentityService } from '../identity/identity.service';
import { PiiAuditService } from '../pii/pii-audit.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { UploadsService } from '../uploads/uploads.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { Consultation } from './entities/consultation.entity';
import { LegalAidApplication } from './entities/legal-aid-application.entity';
import { employerKey } from '@union/shared';
import { clockInput, DATE_FIELDS, LEGAL_AID_TABLE } from './legal-aid.helpers';
import { LegalAidViews } from './legal-aid-views.service';
import { LegalAidClocks } from './legal-aid-clocks.service';
import { LegalAidProcess, legalAidLink as link } from './legal-aid.process';
import { OrganizationsService } from '../organizations/organizations.service';
import { LegalRulesService } from './legal-rules.service';
import { Clock } from '../../common/clock';
import { findRow } from '../../database/plain-reads';

const WF = LEGAL_AID_WORKFLOW;
/**
 * Legal aid from application to money recovered: the preliminary eligibility check, the centre's
 * written decision within its deadline (accept with a lawyer, or refuse with a reason and where
 * else to go), the stages with their dates and documents, the statutory clocks, and closing.
 */
@Injectable()
export class LegalAidService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly transitions: TransitionService,
    private readonly cipher: PiiCipher,
    private readonly uploads: UploadsService,
    private readonly identity: IdentityService,
    private readonly legalRules: LegalRulesService,
    private readonly views: LegalAidViews,
    private readonly audit: PiiAuditService,
    private readonly clocks: LegalAidClocks,
    private readonly process: LegalAidProcess,
    private readonly organizations: OrganizationsService,
  ) {}

  /**
   * The applicant's phone for the lawyer handling the case or the centre's staff (the lawyer must be
   * able to call their client). Audited in the same transaction, like every reveal.
   */
  async revealPhone(actor: Actor, id: number, reason: string): Promise<RevealResponse> {
    return this.db.transaction(async (manager) => {
      const row = await findRow(manager, LegalAidApplication, { id });
      const kase = row ? await this.cases.find(row.caseId, manager) : null;
      const ctx = kase ? this.transitions.actorContext(actor, kase) : null;
      if (!row || !ctx?.staffLevel) fail('not_found');
      const value = this.cipher.decrypt(row.phoneEnc, piiAad(LEGAL_AID_TABLE, row.uid, 'phone'));
      await this.audit.recordReveal(manager, actor, 'legal_aid_application', row.id, 'phone', reason.trim());
      return { value };
    });
  }

  /** The preliminary check anyone signed in can run before applying. */
  async eligibility(body: LegalAidEligibilityRequest): Promise<LegalAidEligibilityCheck> {
    const county = await this.organizations.countyFor(body.countyId);
    const { version, rules } = await this.legalRules.effective(this.db.manager, this.clock.now(), county.id);
    return { ...assessLegalAidEligibility(body, rules), ruleSetVersion: version };
  }

  async submit(actor: Actor, body: CreateLegalAidApplicationRequest): Promise<LegalAidApplicationView> {
    if (!(await this.identity.hasCurrentConsent(actor.userId, 'privacy_notice')))
      fail('consent_required', '请先阅读并同意个人信息保护告知');
    if (body.consentVersion !== LEGAL_CONSENT_VERSION) {
      fail('validation_failed', '授权书已更新，请重新阅读后同意', [{ field: 'consentVersion', message: '请同意当前版本的授权' }]);
    }
    const today = this.clock.today();
    const problems: { field: string; message: string }[] = [];
    if (body.employmentStartedOn > today) problems.push({ field: 'employmentStartedOn', message: '入职日期不能晚于今天' });
    if (body.employmentEndedOn && body.employmentEndedOn < body.employmentStartedOn)
      problems.push({ field: 'employmentEndedOn', message: '离职日期不能早于入职日期' });
    if (body.employmentEndedOn && body.employmentEndedOn > today)
      problems.push({ field: 'employmentEndedOn', message: '离职日期不能晚于今天' });
    if (body.learnedOn > today) problems.push({ field: 'learnedOn', message: '知道权益受侵害的日期不能晚于今天' });
    const purposes = body.evidence.map((e) => e.purpose);
    if (new Set(purposes).size !== purposes.length) problems.push({ field: 'evidence', message: '同一类证据请放在一起' });
    if (problems.length) fail('validation_failed', problems[0].message, problems);

    const now = this.clock.now();
    const id = await this.db.transaction(async (manager) => {
      await this.identity.lockUser(manager, actor.userId);
      const key = employerKey(body.employer);
      // One open application per worker and employer; a closed or refused one does not block a new one.
      const openSame = await this.cases
        .joinCase(manager.getRepository(LegalAidApplication).createQueryBuilder('a'), 'a', 'c')
        .where('a.applicantUserId = :user AND a.employerKey = :key AND c.closedAt IS NULL', { user: actor.userId, key })
        .getCount();
      if (openSame > 0) fail('legal_aid_open');

      let consultation: Consultation | null = null;
      if (body.fromConsultationId) {
        consultation = await manager.getRepository(Consultation).findOneBy({ id: body.fromConsultationId, applicantUserId: actor.userId });
        if (!consultation) fail('validation_failed', undefined, [{ field: 'fromConsultationId', message: '没有找到这次咨询' }]);
        if (consultation.legalAidApplicationId)
          fail('validation_failed', '这次咨询已经转为法律援助申请', [{ field: 'fromConsultationId', message: '已经转过了' }]);
      }
      // The application goes to the legal-aid centre of the county the worker chose (a county's own deployment: its only one).
      const centre = await this.organizations.countyFor(body.countyId, manager);
      const { version, rules } = await this.legalRules.effective(manager, now, centre.id);
      const eligibility = assessLegalAidEligibility(body, rules);
      const kase = await this.transitions.open(manager, WF, {
        actor,
        organization: centre,
        applicantUserId: actor.userId,
        title: `${DISPUTE_TYPE_LABEL[body.disputeType]}法律援助`,
        deadlines: { legalAidDecision: rules.decisionWorkingDays },
      });
      const uid = randomUUID();
      const aad = (field: string) => piiAad(LEGAL_AID_TABLE, uid, field);
      const repo = manager.getRepository(LegalAidApplication);
      const row = repo.create({
        caseId: kase.id,
        uid,
        applicantUserId: actor.userId,
        applicantName: actor.displayName,
        phoneEnc: this.cipher.encrypt(body.phone, aad('phone')),
        disputeType: body.disputeType,
        employerName: body.employer.name.trim(),
        employerKey: key,
        employerCreditCode: body.employer.creditCode?.toUpperCase() ?? null,
        employerAddress: body.employer.address?.trim() || null,
        claimsEnc: this.cipher.encrypt(body.claims.trim(), aad('claims')),
        amountClaimedFen: body.amountClaimedFen,
        employmentStartedOn: body.employmentStartedOn,
        employmentEndedOn: body.employmentEndedOn,
        learnedOn: body.learnedOn,
        isMigrantWorker: body.isMigrantWorker,
        householdEnc: this.cipher.encrypt(
          JSON.stringify({ monthlyIncomeFen: body.householdMonthlyIncomeFen, size: body.householdSize }),
          aad('household'),
        ),
        circumstancesEnc: this.cipher.encrypt(
          JSON.stringify({
            seriousIllnessOrDisaster: body.seriousIllnessOrDisaster,
            unionStaffHarmedForDuty: body.unionStaffHarmedForDuty,
          }),
          aad('circumstances'),
        ),
        eligibilityEnc: '',
        ruleSetVersion: version,
        evidence: body.evidence.map((e) => ({ purpose: e.purpose, uploadIds: [...new Set(e.uploadIds)] })),
        witnessesEnc: body.witnesses?.trim() ? this.cipher.encrypt(body.witnesses.trim(), aad('witnesses')) : null,
        consentVersion: body.consentVersion,
        fromConsultationId: consultation?.id ?? null,
        decisionReason: null,
        otherHelp: null,
        mediationStartedOn: null,
        mediationEndedOn: null,
        arbitrationAppliedOn: null,
        arbitrationAcceptedOn: null,
        awardExtended: false,
        awardReceivedOn: null,
        lawsuitFiledOn: null,
        nextClockDueOn: null,
        outcome: null,
        amountRecoveredFen: null,
        recoveredOn: null,
        closingNote: null,
        createdAt: now,
      });
      // The result quotes income and names illness: encrypted like the facts it comes from.
      row.eligibilityEnc = this.cipher.encrypt(JSON.stringify(eligibility), aad('eligibility'));
      row.nextClockDueOn = this.clocks.nextClockDue(row, kase.state as LegalAidState);
      await repo.save(row);
      await this.transitions.attachSubject(manager, kase, row.id);
      await this.uploads.attachToCase(
        manager,
        actor,
        body.evidence.flatMap((e) => e.uploadIds),
        kase.id,
      );
      if (consultation) {
        // Compare-and-set: one consultation becomes one application.
        const result = await manager
          .getRepository(Consultation)
          .createQueryBuilder()
          .update()
          .set({ legalAidApplicationId: row.id })
          .where('id = :id AND legal_aid_application_id IS NULL', { id: consultation.id })
          .execute();
        if (result.affected !== 1) fail('state_conflict');
      }
      await this.transitions.notifyApplicant(manager, WF, kase, {
        title: '法律援助申请已提交',
        body: `法律援助中心将在 ${rules.decisionWorkingDays} 个工作日内书面答复。${eligibility.eligible ? '' : '按您填写的情况，初步看可能不符合条件，中心会再审查。'}`,
        link: link(row.id),
      });
      return row.id;
    });
    return this.get(actor, id);
  }

  /** The worker's own applications, newest first, a page at a time. */
  async mine(actor: Actor, page: PageQuery): Promise<Page<LegalAidApplicationView>> {
    const { rows, nextCursor } = await newestFirst(
      this.db.manager.getRepository(LegalAidApplication).createQueryBuilder('a').where('a.applicantUserId = :me', { me: actor.userId }),
      'a.id',
      page,
    );
    return { items: await this.views.many(this.db.manager, actor, rows), nextCursor };
  }

  async get(actor: Actor, id: number): Promise<LegalAidApplicationView> {
    const row = await findRow(this.db.manager, LegalAidApplication, { id });
    const [view] = row ? await this.views.many(this.db.manager, actor, [row]) : [];
    if (!view) fail('not_found');
    return view;
  }

  /** The centre gives aid and assigns a lawyer of the centre. */
  async accept(actor: Actor, id: number, body: AcceptLegalAidRequest): Promise<LegalAidApplicationView> {
    const row = await this.row(id);
    await this.transitions.apply(actor, this.process, row.caseId, { action: 'accept', version: body.version, comment: body.comment }, body);
    return this.get(actor, id);
  }

  /** The centre refuses, in writing, with the reason and where else to go. */
  async reject(actor: Actor, id: number, body: RejectLegalAidRequest): Promise<LegalAidApplicationView> {
    const row = await this.row(id);
    await this.transitions.apply(actor, this.process, row.caseId, { action: 'reject', version: body.version, comment: body.reason }, body);
    return this.get(actor, id);
  }

  /** The worker withdraws before the decision. */
  async withdraw(actor: Actor, id: number, version: number): Promise<LegalAidApplicationView> {
    const row = await this.row(id);
    await this.transitions.apply(actor, this.process, row.caseId, { action: 'withdraw', version });
    return this.get(actor, id);
  }

  /** The lawyer moves the case into a stage, with its start date, dates and documents. */
  async stage(actor: Actor, id: number, body: LegalAidStageRequest): Promise<LegalAidApplicationView> {
    const row = await this.row(id);
    this.checkDates(row, body);
    await this.transitions.apply(actor, this.process, row.caseId, { action: body.action, version: body.version, comment: body.note }, body);
    return this.get(actor, id);
  }

  /** Dates learned during a stage (mediation ended, award received …); the clocks follow. */
  async updateDates(actor: Actor, id: number, body: LegalAidDatesRequest): Promise<LegalAidApplicationView> {
    const row = await this.row(id);
    this.checkDates(row, body);
    await this.db.transaction(async (manager) => {
      const { kase, ctx } = await this.transitions.loadVisible(manager, actor, WF.caseType, row.caseId);
      const state = kase.state as LegalAidState;
      if (!ctx.staffLevel || !actor.permissions.includes('legal.aid.handle') || WF.states[state].terminal || state === 'submitted') {
        fail('action_not_allowed', '只有承办中的案件可以登记日期');
      }
      // Compare-and-set on the case version, so two people editing at once cannot both win.
      if (!(await this.cases.bumpVersion(manager, kase, body.version, { at: this.clock.now() }))) fail('state_conflict');
      await this.process.recordStage(
        manager,
        actor,
        row,
        state === 'accepted' ? 'accepted' : state,
        this.clock.today(),
        body,
        kase.id,
        state,
      );
    });
    return this.get(actor, id);
  }

  /** The lawyer closes the case with the outcome and the money recovered. */
  async close(actor: Actor, id: number, body: CloseLegalAidRequest): Promise<LegalAidApplicationView> {
    const row = await this.row(id);
    const problems: { field: string; message: string }[] = [];
    if (body.amountRecoveredFen > 0 && !body.recoveredOn) problems.push({ field: 'recoveredOn', message: '请填写追回款项的日期' });
    if (body.recoveredOn && body.recoveredOn > this.clock.today()) problems.push({ field: 'recoveredOn', message: '日期不能晚于今天' });
    if (body.outcome === 'withdrawn' && body.amountRecoveredFen > 0)
      problems.push({ field: 'amountRecoveredFen', message: '撤回的案件不应有追回金额' });
    if (problems.length) fail('validation_failed', problems[0].message, problems);
    await this.transitions.apply(actor, this.process, row.caseId, { action: 'close', version: body.version, comment: body.note }, body);
    return this.get(actor, id);
  }

  /** Dates must follow each other and not lie in the future. */
  private checkDates(row: LegalAidApplication, body: LegalAidCaseDates & { startedOn?: string }): void {
    const today = this.clock.today();
    type DateField = (typeof DATE_FIELDS)[number];
    const merged: Partial<Record<DateField, string | null>> = { ...clockInput(row) };
    for (const f of DATE_FIELDS) if (body[f] !== undefined && (body[f] !== null || !body.startedOn)) merged[f] = body[f];
    const problems: { field: string; message: string }[] = [];
    for (const f of [...DATE_FIELDS, 'startedOn'] as const) {
      const v = f === 'startedOn' ? body.startedOn : body[f];
      if (v && v > today) problems.push({ field: f, message: '日期不能晚于今天' });
    }
    const order: [DateField, DateField][] = [
      ['mediationStartedOn', 'mediationEndedOn'],
      ['arbitrationAppliedOn', 'arbitrationAcceptedOn'],
      ['arbitrationAcceptedOn', 'awardReceivedOn'],
      ['awardReceivedOn', 'lawsuitFiledOn'],
    ];
    for (const [a, b] of order) {
      const first = merged[a];
      const second = merged[b];
      if (first && second && second < first) problems.push({ field: b, message: '日期早于上一步，请核对' });
      if (!first && second && b !== 'lawsuitFiledOn') problems.push({ field: a, message: '请先填写上一步的日期' });
    }
    if (problems.length) fail('validation_failed', problems[0].message, problems);
  }

  private async row(id: number): Promise<LegalAidApplication> {
    const row = await findRow(this.db.manager, LegalAidApplication, { id });
    if (!row) fail('not_found');
    return row;
  }
}
