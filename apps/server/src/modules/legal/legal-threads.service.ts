import { mayBeAssigned, staffHolds, whereStaffHandles } from '../../common/case-access';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DISPUTE_TYPE_LABEL,
  LEGAL_THREAD_WORKFLOW,
  type CreateLegalThreadRequest,
  type LegalThreadAction,
  type LegalThreadListQuery,
  type LegalThreadState,
  type LegalThreadSummary,
  type LegalThreadView,
  type Page,
  type PageQuery,
  type PostThreadMessageRequest,
  type TransitionRequest,
} from '@union/shared';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { decodeCursor, encodeCursor, pageBy } from '../../common/cursor';
import { Db } from '../../database/db.service';
import { IdentityService, type User } from '../identity/identity.service';
import { Notifier } from '../notifications/notifier.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { UploadsService } from '../uploads/uploads.service';
import { CaseViews } from '../workflow/case-views';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { LegalThread, LegalThreadMessage } from './entities/legal-thread.entity';
import { OrganizationsService, type Organization } from '../organizations/organizations.service';
import { LegalRulesService } from './legal-rules.service';
import { LegalScheduleService } from './legal-schedule.service';
import { LegalThreadProcess, legalThreadLink as link, THREAD_MESSAGES_TABLE as TABLE } from './legal-thread.process';
import { Clock } from '../../common/clock';
import { findRow } from '../../database/plain-reads';

const WF = LEGAL_THREAD_WORKFLOW;

/**
 * Online consultation (在线咨询): a thread between a worker and the centre, text and photos,
 * assigned to the lawyer with the fewest open threads, answered within the response deadline,
 * with unread counts on both sides.
 */
@Injectable()
export class LegalThreadsService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly transitions: TransitionService,
    private readonly caseViews: CaseViews,
    private readonly cipher: PiiCipher,
    private readonly uploads: UploadsService,
    private readonly notifier: Notifier,
    private readonly legalRules: LegalRulesService,
    private readonly identity: IdentityService,
    private readonly schedule: LegalScheduleService,
    private readonly process: LegalThreadProcess,
    private readonly organizations: OrganizationsService,
  ) {}

  async create(actor: Actor, body: CreateLegalThreadRequest): Promise<LegalThreadView> {
    // The problem and the phone are personal data: collected only after the privacy notice was accepted.
    if (!(await this.identity.hasCurrentConsent(actor.userId, 'privacy_notice')))
      fail('consent_required', '请先阅读并同意个人信息保护告知');
    const id = await this.db.transaction(async (manager) => {
      // The question goes to the legal-aid centre of the county the worker chose (a county's own deployment: its only one).
      const centre = await this.organizations.countyFor(body.countyId, manager);
      const { rules } = await this.legalRules.effective(manager, this.clock.now(), centre.id);
      const lawyer = await this.leastBusyLawyer(manager, centre);
      const kase = await this.transitions.open(manager, WF, {
        actor,
        organization: centre,
        applicantUserId: actor.userId,
        assigneeUserId: lawyer?.id ?? null,
        title: `${DISPUTE_TYPE_LABEL[body.topic]}在线咨询`,
        deadlines: { threadResponse: rules.threadResponseWorkingDays },
      });
      const now = this.clock.now();
      const repo = manager.getRepository(LegalThread);
      const thread = await repo.save(
        repo.create({
          caseId: kase.id,
          uid: randomUUID(),
          applicantUserId: actor.userId,
          topic: body.topic,
          workerReadId: 0,
          centreReadId: 0,
          lastAt: now,
          createdAt: now,
        }),
      );
      await this.transitions.attachSubject(manager, kase, thread.id);
      const message = await this.process.insertMessage(manager, actor, thread, kase.id, false, body);
      await repo.update({ id: thread.id }, { workerReadId: message.id });
      if (lawyer) {
        await this.notifier.notify(manager, {
          userId: lawyer.id,
          title: '新的在线咨询',
          body: `${DISPUTE_TYPE_LABEL[body.topic]}：${body.body.trim().slice(0, 40)}`,
          link: link(thread.id),
          status: WF.states.waiting_centre.label,
        });
      }
      await this.transitions.notifyApplicant(manager, WF, kase, {
        title: '在线咨询已发出',
        body: `律师会在 ${rules.threadResponseWorkingDays} 个工作日内答复。`,
        link: link(thread.id),
      });
      return thread.id;
    });
    return this.get(actor, id);
  }

  /** The worker's own threads, latest activity first (by keyset on the last message's time, then the id). */
  async mine(actor: Actor, page: PageQuery): Promise<Page<LegalThreadSummary>> {
    const { rows, nextCursor } = await pageBy(
      this.db.manager.getRepository(LegalThread).createQueryBuilder('t').where('t.applicantUserId = :me', { me: actor.userId }),
      { column: 't.lastAt', direction: 'DESC', kind: 'instant', of: (t) => t.lastAt },
      't.id',
      page,
    );
    return { items: await this.summaries(this.db.manager, actor, rows), nextCursor };
  }

  /** The centre's threads: a lawyer's own, every thread for the centre's staff; `waiting` = unanswered only. */
  async list(actor: Actor, query: LegalThreadListQuery): Promise<Page<LegalThreadSummary>> {
    if (!actor.organization) fail('forbidden');
    const limit = query.limit ?? 20;
    const qb = this.cases.joinCase(this.db.manager.getRepository(LegalThread).createQueryBuilder('t'), 't', 'c');
    // A lawyer's own threads (the case's assignee), every thread for the centre's staff.
    whereStaffHandles(qb, actor, [WF.caseType]);
    if (query.waiting) qb.andWhere('c.state = :state', { state: 'waiting_centre' });
    if (query.after) {
      const [id] = decodeCursor<[number]>(query.after, ['number']);
      qb.andWhere('t.id < :id', { id });
    }
    const rows = await qb
      .orderBy('t.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.summaries(this.db.manager, actor, page),
      nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null,
    };
  }

  /** The whole thread; the other side's messages count as read for the viewer from now. */
  async get(actor: Actor, id: number): Promise<LegalThreadView> {
    return this.db.transaction(async (manager) => {
      const thread = await findRow(manager, LegalThread, { id });
      const kase = thread ? await this.cases.find(thread.caseId, manager) : null;
      const ctx = kase ? this.transitions.actorContext(actor, kase) : null;
      if (!thread || !kase || !ctx) fail('not_found');
      const messages = await manager.getRepository(LegalThreadMessage).find({ where: { threadId: id }, order: { id: 'ASC' } });
      const lastId = messages[messages.length - 1]?.id ?? 0;
      if (ctx.isApplicant && thread.workerReadId < lastId) {
        await manager.getRepository(LegalThread).update({ id }, { workerReadId: lastId });
        thread.workerReadId = lastId;
      } else if (
        !ctx.isApplicant &&
        thread.centreReadId < lastId &&
        (kase.assigneeUserId === null || kase.assigneeUserId === actor.userId)
      ) {
        // The centre's marker is the assigned lawyer's: a colleague looking in does not mark it read for them.
        await manager.getRepository(LegalThread).update({ id }, { centreReadId: lastId });
        thread.centreReadId = lastId;
      }
      const [summary] = await this.summaries(manager, actor, [thread]);
      const photos = new Map((await this.uploads.listForCase(manager, [kase.id])).get(kase.id)?.map((u) => [u.id, u]) ?? []);
      const aad = piiAad(TABLE, thread.uid, 'body');
      return {
        ...summary,
        caseId: kase.id,
        version: kase.version,
        mine: ctx.isApplicant,
        lawyerUserId: kase.assigneeUserId,
        messages: messages.map((m) => ({
          id: m.id,
          fromCentre: m.fromCentre,
          authorName: m.authorName,
          body: this.cipher.readable(m.bodyEnc, aad),
          photos: m.uploadIds.map((u) => photos.get(u)).filter((u) => !!u),
          at: m.createdAt.toISOString(),
        })),
        actions: this.transitions.actionsFor(WF, kase, ctx),
      };
    });
  }

  /** A message: the worker's follows up (back to the centre), the lawyer's answers (to the worker). */
  async post(actor: Actor, id: number, body: PostThreadMessageRequest): Promise<LegalThreadView> {
    const thread = await findRow(this.db.manager, LegalThread, { id });
    if (!thread) fail('not_found');
    const kase = await this.cases.get(thread.caseId, this.db.manager);
    const fromWorker = kase.applicantUserId === actor.userId;
    const action: LegalThreadAction = fromWorker ? 'follow_up' : 'reply';
    if (!fromWorker && !actor.permissions.includes('legal.consult')) fail('not_found');
    await this.transitions.apply(actor, this.process, thread.caseId, { action, version: kase.version }, body);
    return this.get(actor, id);
  }

  /** Close (the worker: solved; the centre: after its answer). */
  async transition(actor: Actor, id: number, body: TransitionRequest<LegalThreadAction>): Promise<LegalThreadView> {
    const thread = await findRow(this.db.manager, LegalThread, { id });
    if (!thread) fail('not_found');
    await this.transitions.apply(actor, this.process, thread.caseId, body);
    return this.get(actor, id);
  }

  /** The centre's staff hand a thread to another lawyer. */
  async assign(actor: Actor, id: number, lawyerUserId: number): Promise<LegalThreadView> {
    await this.db.transaction(async (manager) => {
      const thread = await findRow(manager, LegalThread, { id });
      const kase = thread ? await this.cases.find(thread.caseId, manager) : null;
      const ctx = kase ? this.transitions.actorContext(actor, kase) : null;
      if (!thread || !kase || !ctx?.staffLevel) fail('not_found');
      const lawyer = (await this.schedule.lawyers(manager)).find((u) => u.id === lawyerUserId);
      // Only a lawyer whose organisation contains the thread's can see it once it is theirs.
      if (!lawyer || !mayBeAssigned(lawyer, kase)) {
        fail('validation_failed', '请选择本中心的律师', [{ field: 'lawyerUserId', message: '请选择本中心的律师' }]);
      }
      await this.cases.place(manager, kase.id, { assigneeUserId: lawyerUserId });
      await this.notifier.notify(manager, {
        userId: lawyerUserId,
        title: '转给您的在线咨询',
        body: `${DISPUTE_TYPE_LABEL[thread.topic]}在线咨询`,
        link: link(id),
        status: WF.states[kase.state as LegalThreadState].label,
      });
    });
    return this.get(actor, id);
  }

  /** The centre's lawyer with the fewest open threads (ties: the lowest id), or null when the centre has none. */
  private async leastBusyLawyer(manager: EntityManager, county: Organization): Promise<User | null> {
    const lawyers = (await this.schedule.lawyers(manager)).filter((u) => staffHolds(u, 'legal.represent'));
    const centreLawyers = lawyers.filter((l) => l.organizationId === county.id);
    if (centreLawyers.length === 0) return null;
    const open = await this.cases
      .joinCase(manager.getRepository(LegalThread).createQueryBuilder('t'), 't', 'c')
      .select('c.assigneeUserId', 'lawyer')
      .addSelect('COUNT(*)', 'n')
      .where('c.closedAt IS NULL AND c.assigneeUserId IN (:...ids)', { ids: centreLawyers.map((l) => l.id) })
      .groupBy('c.assigneeUserId')
      .getRawMany<{ lawyer: number; n: string | number }>();
    const load = new Map(open.map((o) => [Number(o.lawyer), Number(o.n)]));
    return [...centreLawyers].sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id - b.id)[0];
  }

  /** List lines with unread counts and the last message, in a constant number of queries. */
  private async summaries(manager: EntityManager, actor: Actor, rows: LegalThread[]): Promise<LegalThreadSummary[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const cases = await this.cases.mapByIds(
      rows.map((r) => r.caseId),
      manager,
    );
    const stats = await manager
      .getRepository(LegalThreadMessage)
      .createQueryBuilder('m')
      .innerJoin(LegalThread, 't', 't.id = m.threadId')
      .select('m.threadId', 'threadId')
      .addSelect('MAX(m.id)', 'lastId')
      .addSelect('SUM(CASE WHEN m.fromCentre = 1 AND m.id > t.workerReadId THEN 1 ELSE 0 END)', 'workerUnread')
      .addSelect('SUM(CASE WHEN m.fromCentre = 0 AND m.id > t.centreReadId THEN 1 ELSE 0 END)', 'centreUnread')
      .where('m.threadId IN (:...ids)', { ids })
      .groupBy('m.threadId')
      .getRawMany<{ threadId: number; lastId: number; workerUnread: string | number; centreUnread: string | number }>();
    const byThread = new Map(stats.map((s) => [Number(s.threadId), s]));
    const lastMessages = new Map(
      (await manager.getRepository(LegalThreadMessage).findBy({ id: In(stats.map((s) => Number(s.lastId))) })).map((m) => [m.threadId, m]),
    );
    const people = new Map(
      (
        await this.identity.usersByIds(
          [...new Set(rows.flatMap((r) => [r.applicantUserId, cases.get(r.caseId)?.assigneeUserId ?? 0]))],
          manager,
        )
      ).map((u) => [u.id, u.displayName]),
    );
    const out: LegalThreadSummary[] = [];
    for (const row of rows) {
      const kase = cases.get(row.caseId);
      const ctx = kase ? this.transitions.actorContext(actor, kase) : null;
      if (!kase || !ctx) continue;
      const s = byThread.get(row.id);
      const last = lastMessages.get(row.id);
      const state = kase.state as LegalThreadState;
      out.push({
        id: row.id,
        state,
        stateLabel: WF.states[state].label,
        topicLabel: DISPUTE_TYPE_LABEL[row.topic],
        applicantName: people.get(row.applicantUserId) ?? '',
        lawyerName: kase.assigneeUserId ? (people.get(kase.assigneeUserId) ?? null) : null,
        lastMessage: last ? this.cipher.readable(last.bodyEnc, piiAad(TABLE, row.uid, 'body')).slice(0, 60) : '',
        lastAt: row.lastAt.toISOString(),
        unread: Number((ctx.isApplicant ? s?.workerUnread : s?.centreUnread) ?? 0),
        deadline: this.caseViews.deadline(kase),
      });
    }
    return out;
  }
}
