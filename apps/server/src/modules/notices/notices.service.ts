import { Injectable } from '@nestjs/common';
import type { NoticeObjectionView } from '@union/shared';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import { Db } from '../../database/db.service';
import { NoticeObjection } from './entities/notice-objection.entity';

/** The objection rows, for the domains to read through this service. */
export type { NoticeObjection } from './entities/notice-objection.entity';

/** An objection as it is raised: online by anyone signed in, or recorded by staff. */
export interface RaisedObjection {
  channel?: NoticeObjectionView['channel'];
  content: string;
  itemId?: number | null;
}

/**
 * Objections to public notices (公示异议), for every case type that puts something on notice: each
 * domain checks who may object or resolve and when (its state allows `objections`), this keeps
 * the objections, answers how many are open (an open one blocks the step that ends the notice)
 * and resolves each exactly once (compare-and-set on its status).
 */
@Injectable()
export class NoticesService {
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

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
