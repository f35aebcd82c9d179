import { Injectable } from '@nestjs/common';
import { noticeHoldReason, type CaseType, type NoticeObjectionView } from '@union/shared';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import { Db } from '../../database/db.service';
import { newestFirst } from '../../common/cursor';
import type { CaseHandler } from '../workflow/case-handlers';
import { TransitionService } from '../workflow/transition.service';
import { WorkflowCases, type WorkflowCase } from '../workflow/workflow-cases.service';
import { NoticeObjection } from './entities/notice-objection.entity';
import { PublicNotice } from './entities/public-notice.entity';
import type { ObjectionAnswer, ObjectionProcess } from './objection.process';
import { findRow } from '../../database/plain-reads';

/** The objection and notice rows, for the domains to read through this service. */
export type { NoticeObjection } from './entities/notice-objection.entity';
export type { PublicNotice } from './entities/public-notice.entity';

/** Why the step that ends a notice cannot be taken now. */
export interface NoticeHold {
  code: 'action_not_allowed' | 'notice_period_running' | 'objection_open';
  message: string;
}

/** An objection with what its case says of it: open or answered, and when. */
export interface ObjectionRecord extends NoticeObjection {
  status: 'open' | 'resolved';
  resolvedAt: Date | null;
}

/** An objection as it is raised: online by anyone signed in, or recorded by staff. */
export interface RaisedObjection {
  channel?: NoticeObjectionView['channel'];
  content: string;
  itemId?: number | null;
}

/**
 * Public notices (公示) and their objections (公示异议), for every case type that puts something on
 * notice: this keeps when each case's notice runs (and its text, when the system writes one) and
 * the objections, answers whether the step that ends the notice may be taken (the period is over
 * and no objection is open). Each objection is a case of its own, opened when it is raised and
 * answered once through the transition service (the domain's {@link ObjectionProcess}: who may
 * answer is its table's). Each domain checks who may object and when (its state allows `objections`).
 */
@Injectable()
export class NoticesService {
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly cases: WorkflowCases,
    private readonly transitions: TransitionService,
  ) {}

  /** Put a case on notice from `startsAt` to `endsAt` (inside the caller's transaction; one notice per case). */
  async start(
    manager: EntityManager,
    kase: { id: number; caseType: string; organizationPath: string },
    notice: { startsAt: Date; endsAt: Date; content?: string | null },
  ): Promise<PublicNotice> {
    const repo = manager.getRepository(PublicNotice);
    const existing = await repo.findOneBy({ caseId: kase.id });
    // A notice started again (results computed again after an objection) runs again from now.
    if (existing) {
      await repo.update(
        { id: existing.id },
        { startsAt: notice.startsAt, endsAt: notice.endsAt, content: notice.content ?? existing.content },
      );
      return repo.findOneByOrFail({ id: existing.id });
    }
    return repo.save(
      repo.create({
        caseId: kase.id,
        caseType: kase.caseType,
        organizationPath: kase.organizationPath,
        startsAt: notice.startsAt,
        endsAt: notice.endsAt,
        content: notice.content ?? null,
        createdAt: this.clock.now(),
      }),
    );
  }

  /** A notice by its id, or null. */
  notice(id: number, manager: EntityManager = this.db.manager): Promise<PublicNotice | null> {
    return findRow(manager, PublicNotice, { id });
  }

  /** The notice of a case, or null when it has none (yet). */
  noticeOf(caseId: number, manager: EntityManager = this.db.manager): Promise<PublicNotice | null> {
    return manager.getRepository(PublicNotice).findOneBy({ caseId });
  }

  /** The notices of these cases, by case (one query). */
  async noticesOf(caseIds: number[], manager: EntityManager = this.db.manager): Promise<Map<number, PublicNotice>> {
    if (caseIds.length === 0) return new Map();
    const rows = await manager.getRepository(PublicNotice).findBy({ caseId: In([...new Set(caseIds)]) });
    return new Map(rows.map((n) => [n.caseId, n]));
  }

  /** Notices of a case type running now, newest first, a page at a time (only of cases still in `state`, when given). */
  async running(
    caseType: string,
    after: string | undefined,
    limit: number,
    state?: string,
  ): Promise<{ rows: PublicNotice[]; nextCursor: string | null }> {
    const qb = this.db.manager
      .getRepository(PublicNotice)
      .createQueryBuilder('n')
      .where('n.caseType = :caseType AND n.endsAt > :now', { caseType, now: this.clock.now() });
    if (state) this.cases.joinCase(qb, 'n', 'c').andWhere('c.state = :state', { state });
    return newestFirst(qb, 'n.id', { after, limit });
  }

  /**
   * Why the step after the notice of `caseId` (worded `next`, e.g. 报上级审核) cannot be taken now:
   * there is no notice, it is still running, or an objection is open; null when it may.
   */
  async hold(manager: EntityManager, caseId: number, next: string): Promise<NoticeHold | null> {
    const notice = await this.noticeOf(caseId, manager);
    if (!notice) return { code: 'action_not_allowed', message: '还没有公示' };
    const now = this.clock.nowMs();
    if (now < notice.endsAt.getTime()) {
      return { code: 'notice_period_running', message: noticeHoldReason(notice.endsAt, 0, next, now) as string };
    }
    const open = await this.openCount(caseId, manager);
    return open > 0 ? { code: 'objection_open', message: noticeHoldReason(null, open, next, now) as string } : null;
  }

  /**
   * Record an objection to the notice of `noticeCase` (inside the caller's transaction): it opens
   * the objection's case (`process`'s type) in the notice case's organisation.
   */
  async raise(
    manager: EntityManager,
    actor: Actor,
    process: ObjectionProcess,
    noticeCase: WorkflowCase,
    objection: RaisedObjection,
  ): Promise<NoticeObjection> {
    const channel = objection.channel ?? 'online';
    const kase = await this.transitions.open(manager, process.def, {
      actor,
      organization: { id: noticeCase.organizationId, path: noticeCase.organizationPath },
      applicantUserId: actor.userId,
      title: `对“${noticeCase.title}”的公示异议`.slice(0, 100),
      ...(channel === 'online' ? {} : { applicant: { nameMasked: '线下收到' } }),
    });
    const repo = manager.getRepository(NoticeObjection);
    const row = await repo.save(
      repo.create({
        caseId: kase.id,
        noticeCaseId: noticeCase.id,
        itemId: objection.itemId ?? null,
        channel,
        content: objection.content.trim(),
        receivedByUserId: actor.userId,
        receivedAt: this.clock.now(),
        resolution: null,
        upheld: null,
      }),
    );
    await this.transitions.attachSubject(manager, kase, row.id);
    return row;
  }

  /** An objection to one of these cases' notices, or 404. */
  async get(manager: EntityManager, objectionId: number, noticeCaseId?: number): Promise<NoticeObjection> {
    const row = await manager
      .getRepository(NoticeObjection)
      .findOneBy(noticeCaseId === undefined ? { id: objectionId } : { id: objectionId, noticeCaseId });
    if (!row) fail('not_found');
    return row;
  }

  /**
   * Answer an open objection, as a step of its case through the transition service (its own
   * transaction): who may answer is the table's, and one already answered, or answered meanwhile,
   * is refused.
   */
  async resolve(actor: Actor, process: ObjectionProcess, objection: NoticeObjection, answer: ObjectionAnswer): Promise<void> {
    const kase = await this.cases.get(objection.caseId);
    if (kase.state !== 'open') fail('state_conflict', '这条异议已经答复过了');
    await this.transitions.apply(actor, process, kase.id, { action: 'resolve', version: kase.version }, answer);
  }

  /** The case API's view of an objection case type: the actions the actor may take on one objection now. */
  handler(process: ObjectionProcess): CaseHandler {
    return {
      caseType: process.def.caseType as CaseType,
      actions: async (actor, objectionId) => {
        const row = await this.db.manager.getRepository(NoticeObjection).findOneBy({ id: objectionId });
        const kase = row ? await this.cases.find(row.caseId) : null;
        return kase ? this.transitions.actionsOf(actor, process.def, kase) : [];
      },
    };
  }

  /** The objections to these cases' notices, oldest first, by case (one query). */
  async ofCases(caseIds: number[], manager: EntityManager = this.db.manager): Promise<Map<number, ObjectionRecord[]>> {
    const byCase = new Map<number, ObjectionRecord[]>();
    if (caseIds.length === 0) return byCase;
    const rows = await manager
      .getRepository(NoticeObjection)
      .find({ where: { noticeCaseId: In([...new Set(caseIds)]) }, order: { id: 'ASC' } });
    const cases = await this.cases.mapByIds(
      rows.map((r) => r.caseId),
      manager,
    );
    for (const row of rows) {
      const kase = cases.get(row.caseId);
      const record: ObjectionRecord = { ...row, status: kase?.state === 'open' ? 'open' : 'resolved', resolvedAt: kase?.closedAt ?? null };
      byCase.set(row.noticeCaseId, [...(byCase.get(row.noticeCaseId) ?? []), record]);
    }
    return byCase;
  }

  /** How many objections to these cases' notices are open, by case (one query; cases without any are absent). */
  async openCounts(caseIds: number[], manager: EntityManager = this.db.manager): Promise<Map<number, number>> {
    if (caseIds.length === 0) return new Map();
    const rows = await this.cases
      .joinCase(manager.getRepository(NoticeObjection).createQueryBuilder('o'), 'o', 'c')
      .select('o.noticeCaseId', 'caseId')
      .addSelect('COUNT(*)', 'n')
      .where("o.noticeCaseId IN (:...ids) AND c.state = 'open'", { ids: [...new Set(caseIds)] })
      .groupBy('o.noticeCaseId')
      .getRawMany<{ caseId: number; n: string | number }>();
    return new Map(rows.map((r) => [Number(r.caseId), Number(r.n)]));
  }

  /** How many objections to the notice of `caseId` are open. */
  async openCount(caseId: number, manager: EntityManager = this.db.manager): Promise<number> {
    return (await this.openCounts([caseId], manager)).get(caseId) ?? 0;
  }
}
