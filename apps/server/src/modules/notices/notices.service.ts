import { Injectable } from '@nestjs/common';
import { noticeHoldReason, type NoticeObjectionView } from '@union/shared';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import { Db } from '../../database/db.service';
import { newestFirst } from '../../common/cursor';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { NoticeObjection } from './entities/notice-objection.entity';
import { PublicNotice } from './entities/public-notice.entity';

/** The objection and notice rows, for the domains to read through this service. */
export type { NoticeObjection } from './entities/notice-objection.entity';
export type { PublicNotice } from './entities/public-notice.entity';

/** Why the step that ends a notice cannot be taken now. */
export interface NoticeHold {
  code: 'action_not_allowed' | 'notice_period_running' | 'objection_open';
  message: string;
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
 * and no objection is open) and resolves each objection exactly once (compare-and-set on its
 * status). Each domain checks who may object or resolve and when (its state allows `objections`).
 */
@Injectable()
export class NoticesService {
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly cases: WorkflowCases,
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
    return manager.getRepository(PublicNotice).findOneBy({ id });
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

  /** Record an objection to the notice of `caseId` (inside the caller's transaction). */
  async raise(manager: EntityManager, actor: Actor, caseId: number, objection: RaisedObjection): Promise<NoticeObjection> {
    const repo = manager.getRepository(NoticeObjection);
    return repo.save(
      repo.create({
        caseId,
        itemId: objection.itemId ?? null,
        channel: objection.channel ?? 'online',
        content: objection.content.trim(),
        status: 'open',
        receivedByUserId: actor.userId,
        receivedAt: this.clock.now(),
        resolution: null,
        upheld: null,
        resolvedByUserId: null,
        resolvedAt: null,
      }),
    );
  }

  /** An objection to one of these cases' notices, or 404. */
  async get(manager: EntityManager, objectionId: number, caseId?: number): Promise<NoticeObjection> {
    const row = await manager
      .getRepository(NoticeObjection)
      .findOneBy(caseId === undefined ? { id: objectionId } : { id: objectionId, caseId });
    if (!row) fail('not_found');
    return row;
  }

  /** Answer an open objection; one already answered (or answered meanwhile) is a conflict. */
  async resolve(
    manager: EntityManager,
    actor: Actor,
    objection: NoticeObjection,
    answer: { resolution: string; upheld?: boolean | null },
  ): Promise<void> {
    const result = await manager.getRepository(NoticeObjection).update(
      { id: objection.id, status: 'open' },
      {
        status: 'resolved',
        resolution: answer.resolution.trim(),
        upheld: answer.upheld ?? null,
        resolvedByUserId: actor.userId,
        resolvedAt: this.clock.now(),
      },
    );
    if (result.affected !== 1) fail('state_conflict');
  }

  /** The objections to these cases' notices, oldest first, by case (one query). */
  async ofCases(caseIds: number[], manager: EntityManager = this.db.manager): Promise<Map<number, NoticeObjection[]>> {
    const byCase = new Map<number, NoticeObjection[]>();
    if (caseIds.length === 0) return byCase;
    const rows = await manager.getRepository(NoticeObjection).find({ where: { caseId: In([...new Set(caseIds)]) }, order: { id: 'ASC' } });
    for (const row of rows) byCase.set(row.caseId, [...(byCase.get(row.caseId) ?? []), row]);
    return byCase;
  }

  /** How many objections to these cases' notices are open, by case (one query; cases without any are absent). */
  async openCounts(caseIds: number[], manager: EntityManager = this.db.manager): Promise<Map<number, number>> {
    if (caseIds.length === 0) return new Map();
    const rows = await manager
      .getRepository(NoticeObjection)
      .createQueryBuilder('o')
      .select('o.caseId', 'caseId')
      .addSelect('COUNT(*)', 'n')
      .where("o.caseId IN (:...ids) AND o.status = 'open'", { ids: [...new Set(caseIds)] })
      .groupBy('o.caseId')
      .getRawMany<{ caseId: number; n: string | number }>();
    return new Map(rows.map((r) => [Number(r.caseId), Number(r.n)]));
  }

  /** How many objections to the notice of `caseId` are open. */
  async openCount(caseId: number, manager: EntityManager = this.db.manager): Promise<number> {
    return manager.getRepository(NoticeObjection).countBy({ caseId, status: 'open' });
  }
}
