import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  CONSULTATION_CHANNEL_LABEL,
  DEFAULT_LEGAL_AID_RULES,
  type LegalAidRules,
  CONSULTATION_WORKFLOW,
  DISPUTE_TYPE_LABEL,
  maskPhone,
  type BookConsultationRequest,
  type ConsultationAction,
  type ConsultationAdviceRequest,
  type ConsultationState,
  type ConsultationView,
  type RateConsultationRequest,
  type RescheduleConsultationRequest,
  type RevealResponse,
  type TransitionRequest,
  stateAllows,
} from '@union/shared';
import { MoreThan, type EntityManager } from 'typeorm';
import type { Page, PageQuery } from '@union/shared';
import { newestFirst, pageBy } from '../../common/cursor';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { IdentityService } from '../identity/identity.service';
import { Notifier } from '../notifications/notifier.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { PiiAuditService } from '../pii/pii-audit.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { UploadsService } from '../uploads/uploads.service';
import { CaseViews } from '../workflow/case-views';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { Consultation } from './entities/consultation.entity';
import { LegalRulesService } from './legal-rules.service';
import { LegalScheduleService } from './legal-schedule.service';
import { Clock } from '../../common/clock';
import { CONSULTATION_TABLE as TABLE, consultationLink, HOUR_MS, whenText } from './consultation.helpers';
import { LegalConsultationProcess } from './legal-consultation.process';
import { findRow } from '../../database/plain-reads';

const WF = CONSULTATION_WORKFLOW;

/**
 * Booked consultations: booking a free slot (the database refuses a second booking of a held
 * slot), cancel and reschedule up to the centre's cut-off, no-shows, the lawyer's summary and
 * advice, the worker's rating. Reminders: ConsultationReminders.
 */
@Injectable()
export class LegalConsultationsService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly transitions: TransitionService,
    private readonly caseViews: CaseViews,
    private readonly cipher: PiiCipher,
    private readonly uploads: UploadsService,
    private readonly notifier: Notifier,
    private readonly schedule: LegalScheduleService,
    private readonly legalRules: LegalRulesService,
    private readonly identity: IdentityService,
    private readonly audit: PiiAuditService,
    private readonly process: LegalConsultationProcess,
  ) {}

  async book(actor: Actor, body: BookConsultationRequest): Promise<ConsultationView> {
    // The problem and the phone are personal data: collected only after the privacy notice was accepted.
    if (!(await this.identity.hasCurrentConsent(actor.userId, 'privacy_notice')))
      fail('consent_required', '请先阅读并同意个人信息保护告知');
    const startsAt = new Date(body.startsAt);
    const now = this.clock.now();
    if (body.channel !== 'in_person' && !body.phone) {
      fail('validation_failed', '电话或视频咨询请留下手机号', [{ field: 'phone', message: '电话或视频咨询请留下手机号' }]);
    }
    try {
      const id = await this.db.transaction(async (manager) => {
        // The booking is judged by the rules of the lawyer's county (their centre's cut-off and limits).
        const lawyer = (await this.identity.usersByIds([body.lawyerUserId], manager))[0];
        const org = lawyer?.organizationId ? await this.organizations.findById(lawyer.organizationId, manager) : null;
        if (!lawyer || !org) fail('slot_unavailable');
        const { rules } = await this.legalRules.effectiveFor(manager, now, org.path);
        const slot = await this.schedule.findSlot(
          manager,
          body.lawyerUserId,
          startsAt,
          body.channel,
          now.getTime() + rules.bookingChangeHours * HOUR_MS,
        );
        if (!slot) fail('slot_unavailable');
        // One user's bookings are counted under a row lock, so two taps at once cannot both pass the limit.
        await this.identity.lockUser(manager, actor.userId);
        const open = await manager
          .getRepository(Consultation)
          .countBy({ applicantUserId: actor.userId, slotHeld: 1, startsAt: MoreThan(now) });
        if (open >= rules.maxOpenBookings) fail('booking_limit');
        const kase = await this.transitions.open(manager, WF, {
          actor,
          organization: org,
          applicantUserId: actor.userId,
          assigneeUserId: lawyer.id,
          title: `${DISPUTE_TYPE_LABEL[body.topic]}咨询`,
        });
        const uid = randomUUID();
        const aad = (field: string) => piiAad(TABLE, uid, field);
        const repo = manager.getRepository(Consultation);
        const row = await repo.save(
          repo.create({
            caseId: kase.id,
            uid,
            applicantUserId: actor.userId,
            lawyerUserId: lawyer.id,
            startsAt,
            endsAt: new Date(slot.endsAt),
            slotHeld: 1,
            channel: body.channel,
            place: body.channel === 'in_person' ? slot.place : CONSULTATION_CHANNEL_LABEL[body.channel],
            topic: body.topic,
            descriptionEnc: this.cipher.encrypt(body.description.trim(), aad('description')),
            phoneEnc: body.phone ? this.cipher.encrypt(body.phone, aad('phone')) : null,
            summaryEnc: null,
            adviceEnc: null,
            suggestLegalAid: false,
            rating: null,
            ratingComment: null,
            legalAidApplicationId: null,
            remindedDayBeforeAt: null,
            remindedHourBeforeAt: null,
            createdAt: now,
          }),
        );
        await this.transitions.attachSubject(manager, kase, row.id);
        await this.uploads.attachToCase(manager, actor, body.uploadIds ?? [], kase.id);
        await this.transitions.notifyApplicant(manager, WF, kase, {
          title: '法律咨询已预约',
          body: `${whenText(startsAt)}，${lawyer.displayName}，${CONSULTATION_CHANNEL_LABEL[body.channel]}。不能参加请提前取消。`,
          link: consultationLink(row.id),
        });
        await this.notifier.notify(manager, {
          userId: lawyer.id,
          title: '新的咨询预约',
          body: `${whenText(startsAt)} ${DISPUTE_TYPE_LABEL[body.topic]}咨询（${CONSULTATION_CHANNEL_LABEL[body.channel]}）`,
          link: `/pages/legal/consultation/index?id=${row.id}`,
          status: '已预约',
        });
        return row.id;
      });
      return this.get(actor, id);
    } catch (err) {
      if (isUniqueViolation(err)) fail('slot_taken');
      throw err;
    }
  }

  /** The worker's own consultations, newest first. */
  async mine(actor: Actor, page: PageQuery): Promise<Page<ConsultationView>> {
    const { rows, nextCursor } = await newestFirst(
      this.db.manager.getRepository(Consultation).createQueryBuilder('k').where('k.applicantUserId = :me', { me: actor.userId }),
      'k.id',
      page,
    );
    return { items: await this.views(this.db.manager, actor, rows), nextCursor };
  }

  /** The day's consultations of a lawyer (their own; the centre's staff see everyone's). */
  async day(actor: Actor, date: string, page: { after?: string; limit?: number } = {}): Promise<Page<ConsultationView>> {
    const start = new Date(Date.parse(`${date}T00:00:00+08:00`));
    const end = new Date(start.getTime() + 24 * HOUR_MS);
    // Cancelled ones are left out of the day's list; the rest only when the actor may see the case.
    const qb = this.cases
      .joinCase(this.db.manager.getRepository(Consultation).createQueryBuilder('k'), 'k', 'c')
      .where('k.startsAt >= :start AND k.startsAt < :end', { start, end })
      .andWhere("c.state <> 'cancelled'");
    if (!actor.permissions.includes('legal.schedule.manage')) qb.andWhere('k.lawyerUserId = :me', { me: actor.userId });
    const { rows, nextCursor } = await pageBy(
      qb,
      { column: 'k.startsAt', direction: 'ASC', kind: 'instant', of: (k) => k.startsAt },
      'k.id',
      page,
    );
    return { items: await this.views(this.db.manager, actor, rows), nextCursor };
  }

  async get(actor: Actor, id: number): Promise<ConsultationView> {
    const row = await findRow(this.db.manager, Consultation, { id });
    const [view] = row ? await this.views(this.db.manager, actor, [row]) : [];
    if (!view) fail('not_found');
    return view;
  }

  /**
   * The worker's phone for a phone or video consultation, for the lawyer holding it (or the centre's
   * staff): without it the call cannot happen. Audited in the same transaction, like every reveal.
   */
  async revealPhone(actor: Actor, id: number, reason: string): Promise<RevealResponse> {
    return this.db.transaction(async (manager) => {
      const row = await findRow(manager, Consultation, { id });
      const kase = row ? await this.cases.find(row.caseId, manager) : null;
      const ctx = kase ? this.transitions.actorContext(actor, kase) : null;
      if (!row || !ctx?.staffLevel) fail('not_found');
      if (!row.phoneEnc) fail('action_not_allowed', '这次咨询没有留手机号');
      const value = this.cipher.decrypt(row.phoneEnc, piiAad(TABLE, row.uid, 'phone'));
      await this.audit.recordReveal(manager, actor, 'legal_consultation', row.id, 'phone', reason.trim());
      return { value };
    });
  }

  /** Plain steps: cancel (worker, before the cut-off), cancel by the centre (with reason), no-show. */
  async transition(actor: Actor, id: number, body: TransitionRequest<ConsultationAction>): Promise<ConsultationView> {
    const row = await this.row(id);
    await this.transitions.apply(actor, this.process, row.caseId, body);
    return this.get(actor, id);
  }

  /** The worker moves a booking to another free slot, before the cut-off. */
  async reschedule(actor: Actor, id: number, body: RescheduleConsultationRequest): Promise<ConsultationView> {
    const row = await this.row(id);
    try {
      await this.transitions.apply(actor, this.process, row.caseId, { action: 'reschedule', version: body.version }, body);
    } catch (err) {
      if (isUniqueViolation(err)) fail('slot_taken');
      throw err;
    }
    return this.get(actor, id);
  }

  /** The lawyer records what was said and what they advise; the worker is told. */
  async advice(actor: Actor, id: number, body: ConsultationAdviceRequest): Promise<ConsultationView> {
    const row = await this.row(id);
    await this.transitions.apply(actor, this.process, row.caseId, { action: 'record_advice', version: body.version }, body);
    return this.get(actor, id);
  }

  /** The worker rates a held consultation (once; a second rating replaces the first). */
  async rate(actor: Actor, id: number, body: RateConsultationRequest): Promise<ConsultationView> {
    await this.db.transaction(async (manager) => {
      const row = await manager.getRepository(Consultation).findOneBy({ id, applicantUserId: actor.userId });
      if (!row) fail('not_found');
      const kase = await this.cases.get(row.caseId, manager);
      if (!stateAllows(WF.caseType, kase.state, 'rating')) fail('action_not_allowed', '咨询结束后才能评价');
      await manager.getRepository(Consultation).update({ id }, { rating: body.rating, ratingComment: body.comment?.trim() || null });
    });
    return this.get(actor, id);
  }

  private async row(id: number): Promise<Consultation> {
    const row = await findRow(this.db.manager, Consultation, { id });
    if (!row) fail('not_found');
    return row;
  }

  /** Views of the rows the actor may see (others are left out), in a constant number of queries. */
  async views(manager: EntityManager, actor: Actor, rows: Consultation[]): Promise<ConsultationView[]> {
    if (rows.length === 0) return [];
    const caseIds = rows.map((r) => r.caseId);
    const cases = await this.cases.mapByIds(caseIds, manager);
    const users = new Map(
      (await this.identity.usersByIds([...new Set(rows.flatMap((r) => [r.lawyerUserId, r.applicantUserId]))], manager)).map((u) => [
        u.id,
        u,
      ]),
    );
    const [histories, photos, rules] = await Promise.all([
      this.transitions.historyOf(manager, caseIds),
      this.uploads.listForCase(manager, caseIds),
      this.rulesByCounty(
        manager,
        [...cases.values()].map((c) => c.organizationPath),
      ),
    ]);
    const result: ConsultationView[] = [];
    for (const row of rows) {
      const kase = cases.get(row.caseId);
      const ctx = kase ? this.transitions.actorContext(actor, kase) : null;
      if (!kase || !ctx) continue;
      const aad = (field: string) => piiAad(TABLE, row.uid, field);
      const state = kase.state as ConsultationState;
      result.push({
        id: row.id,
        caseId: kase.id,
        mine: ctx.isApplicant,
        state,
        stateLabel: WF.states[state].label,
        nextStep: WF.states[state].nextStep,
        version: kase.version,
        applicantName: users.get(row.applicantUserId)?.displayName ?? '',
        lawyerUserId: row.lawyerUserId,
        lawyerName: users.get(row.lawyerUserId)?.displayName ?? '',
        startsAt: row.startsAt.toISOString(),
        endsAt: row.endsAt.toISOString(),
        channel: row.channel,
        channelLabel: CONSULTATION_CHANNEL_LABEL[row.channel],
        place: row.place,
        topic: row.topic,
        topicLabel: DISPUTE_TYPE_LABEL[row.topic],
        description: this.cipher.readable(row.descriptionEnc, aad('description')),
        phoneMasked: row.phoneEnc ? this.cipher.readable(row.phoneEnc, aad('phone'), maskPhone) : null,
        photos: photos.get(row.caseId) ?? [],
        changeableUntil: new Date(
          row.startsAt.getTime() - (rules.get(kase.organizationPath) as LegalAidRules).bookingChangeHours * HOUR_MS,
        ).toISOString(),
        summary: row.summaryEnc ? this.cipher.readable(row.summaryEnc, aad('summary')) : null,
        advice: row.adviceEnc ? this.cipher.readable(row.adviceEnc, aad('advice')) : null,
        suggestLegalAid: row.suggestLegalAid,
        rating: row.rating,
        ratingComment: row.ratingComment,
        legalAidApplicationId: row.legalAidApplicationId,
        history: this.caseViews.history(WF, histories.get(row.caseId) ?? []),
        actions: this.transitions.actionsFor(WF, kase, ctx),
      });
    }
    return result;
  }

  /** The rules in force today for each place (the county's of each), in a query per county at most. */
  private async rulesByCounty(manager: EntityManager, paths: string[]): Promise<Map<string, LegalAidRules>> {
    const countyOf = await this.organizations.countiesOf(paths, manager);
    const now = this.clock.now();
    const byCounty = new Map<number, LegalAidRules>();
    for (const county of new Set([...countyOf.values()].map((c) => c.id))) {
      byCounty.set(county, (await this.legalRules.effective(manager, now, county)).rules);
    }
    return new Map(paths.map((p) => [p, byCounty.get(countyOf.get(p)?.id ?? 0) ?? DEFAULT_LEGAL_AID_RULES]));
  }
}
