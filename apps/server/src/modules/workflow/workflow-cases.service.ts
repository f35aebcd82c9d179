import { Injectable } from '@nestjs/common';
import { In, type EntityManager, type FindOptionsWhere, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { fail } from '../../common/app-exception';
import { subtree, type QueuedAccess } from '../../common/case-access';
import { Db } from '../../database/db.service';
import { findRow } from '../../database/plain-reads';
import { requeue } from './case-queue';
import { CaseHistory } from './entities/case-history.entity';
import { CaseQueueCount } from './entities/case-queue-count.entity';
import { CaseQueueEntry } from './entities/case-queue-entry.entity';
import { WorkflowCase } from './entities/workflow-case.entity';

/** The case rows, for the domain modules to read through this service (never to query themselves). */
export type { WorkflowCase } from './entities/workflow-case.entity';
export type { CaseHistory } from './entities/case-history.entity';

/** What a domain may change on its case besides steps: who holds it, where it sits, its deadline, its title. */
export type CasePlacement = Partial<Pick<WorkflowCase, 'assigneeUserId' | 'organizationId' | 'organizationPath' | 'dueAt' | 'title'>>;

/** One stretch of the staff's queue: an access condition over `case_queue` (alias `q`, see staffHandlesQueued) and the step. */
export interface QueueBranch extends QueuedAccess {
  state: string;
}

/** Overdue cases are counted up to this many per step (an index range of at most this length); more show as this. */
export const OVERDUE_COUNT_CAP = 10_000;

/** True when a placement changes what the case's queue rows hold (place, deadline, assignee). */
function touchesQueue(placement: CasePlacement): boolean {
  return placement.organizationPath !== undefined || placement.dueAt !== undefined || placement.assigneeUserId !== undefined;
}

/**
 * The cases of `workflow_cases` as the domain modules see them: looked up by id (one query for a
 * list), joined into a domain list query by the workflow module's own fragment, re-placed (the
 * lawyer a case follows, its deadline) and version-bumped for edits that are not steps. Steps go
 * through the TransitionService.
 */
@Injectable()
export class WorkflowCases {
  constructor(private readonly db: Db) {}

  /** The case with this id (and these column values), or null. */
  async find(
    id: number,
    manager: EntityManager = this.db.manager,
    where: FindOptionsWhere<WorkflowCase> = {},
  ): Promise<WorkflowCase | null> {
    // The plain read when the conditions are plain values (every caller's); the query builder otherwise.
    const plain = Object.values(where).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
    return plain
      ? findRow(manager, WorkflowCase, { ...(where as Record<string, string | number | boolean | null>), id })
      : manager.getRepository(WorkflowCase).findOneBy({ ...where, id });
  }

  /** The case with this id; a missing one answers 404. */
  async get(id: number, manager: EntityManager = this.db.manager): Promise<WorkflowCase> {
    const kase = await this.find(id, manager);
    if (!kase) fail('not_found');
    return kase;
  }

  /** The cases with these ids (and these column values), in one query. */
  async byIds(
    ids: Iterable<number>,
    manager: EntityManager = this.db.manager,
    where: FindOptionsWhere<WorkflowCase> = {},
  ): Promise<WorkflowCase[]> {
    const unique = [...new Set(ids)];
    return unique.length ? manager.getRepository(WorkflowCase).findBy({ ...where, id: In(unique) }) : [];
  }

  /** The cases with these ids by id, in one query. */
  async mapByIds(ids: Iterable<number>, manager: EntityManager = this.db.manager): Promise<Map<number, WorkflowCase>> {
    return new Map((await this.byIds(ids, manager)).map((c) => [c.id, c]));
  }

  /** Move a case to another holder, organisation or deadline (inside the caller's transaction). */
  async place(manager: EntityManager, caseId: number, placement: CasePlacement): Promise<void> {
    await manager.getRepository(WorkflowCase).update({ id: caseId }, placement);
    if (touchesQueue(placement)) await this.requeue(manager, caseId);
  }

  /**
   * Rewrite a case's rows in the staff's queues from its row as it is now, inside the caller's
   * transaction: after an edit of the case row that did not go through a step or a placement
   * (the demo seed backdating a case).
   */
  async requeue(manager: EntityManager, caseId: number): Promise<void> {
    const kase = await findRow(manager, WorkflowCase, { id: caseId });
    if (kase) await requeue(manager, kase);
  }

  /**
   * An edit of the domain row that is not a step still moves the case's version, by compare-and-set:
   * of two people editing at once only one wins. False when the case moved on meanwhile.
   */
  async bumpVersion(
    manager: EntityManager,
    kase: WorkflowCase,
    expectedVersion: number,
    options: { state?: string; set?: CasePlacement; at: Date },
  ): Promise<boolean> {
    const qb = manager
      .createQueryBuilder()
      .update(WorkflowCase)
      .set({ ...options.set, version: kase.version + 1, updatedAt: options.at })
      .where('id = :id AND version = :version', { id: kase.id, version: expectedVersion });
    if (options.state) qb.andWhere('state = :state', { state: options.state });
    const won = (await qb.execute()).affected === 1;
    if (won && options.set && touchesQueue(options.set)) await this.requeue(manager, kase.id);
    return won;
  }

  /** Join each domain row's case into a domain list query as `alias` (`c`), on `<subjectAlias>.caseId`. */
  joinCase<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, subjectAlias: string, alias = 'c'): SelectQueryBuilder<T> {
    return qb.innerJoin(WorkflowCase, alias, `${alias}.id = ${subjectAlias}.caseId`);
  }

  /** Cases of one type submitted in [start, end] in the subtree at `organizationPath`, counted by state (statistics). */
  async countByState(
    caseType: string,
    period: { start: Date; end: Date },
    organizationPath: string,
    manager: EntityManager = this.db.manager,
  ): Promise<Record<string, number>> {
    const rows = await manager
      .getRepository(WorkflowCase)
      .createQueryBuilder('c')
      .select('c.state', 'state')
      .addSelect('COUNT(*)', 'n')
      .where('c.caseType = :caseType AND c.submittedAt BETWEEN :start AND :end', { caseType, start: period.start, end: period.end })
      .andWhere(subtree('c.organizationPath', organizationPath))
      .groupBy('c.state')
      .getRawMany<{ state: string; n: number | string }>();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  /** How many open cases wait for staff, by case type (for /metrics; the queue index's first column). */
  async waitingForStaff(manager: EntityManager = this.db.manager): Promise<Map<string, number>> {
    const rows = await manager
      .getRepository(WorkflowCase)
      .createQueryBuilder('c')
      .select('c.caseType', 'caseType')
      .addSelect('COUNT(*)', 'n')
      .where("c.holder = 'staff'")
      .groupBy('c.caseType')
      .getRawMany<{ caseType: string; n: string | number }>();
    return new Map(rows.map((r) => [r.caseType, Number(r.n)]));
  }

  /**
   * One page of the staff's queue, oldest deadline first, over `branches` (each an equality on an
   * organisation, a case type and a step, see case-access's staffHandlesQueued): every branch reads
   * at most a page from the front of its own stretch of `case_queue`'s primary key, past the cursor,
   * and one statement merges them. The cost is a page per branch, whatever the size of the subtree
   * and the depth of the page. Answers the page's cases in queue order, and whether more follow.
   */
  async queuedPage(
    branches: QueueBranch[],
    page: { after?: { dueAt: Date; caseId: number }; limit: number },
    manager: EntityManager = this.db.manager,
  ): Promise<{ cases: WorkflowCase[]; more: boolean }> {
    if (branches.length === 0) return { cases: [], more: false };
    const parts = branches.map((branch) => {
      const qb = manager
        .getRepository(CaseQueueEntry)
        .createQueryBuilder('q')
        .select('q.caseId', 'caseId')
        .addSelect('q.dueAt', 'dueAt')
        .where(branch.where, branch.params)
        .andWhere('q.state = :queueState', { queueState: branch.state });
      if (page.after) {
        // The plain `>=` lets every database start the branch's index range at the cursor (SQLite does not for the OR alone).
        qb.andWhere('q.dueAt >= :queueDue AND (q.dueAt > :queueDue OR q.caseId > :queueCase)', {
          queueDue: page.after.dueAt,
          queueCase: page.after.caseId,
        });
      }
      return qb
        .orderBy('q.dueAt', 'ASC')
        .addOrderBy('q.caseId', 'ASC')
        .limit(page.limit + 1)
        .getQueryAndParameters();
    });
    const union = parts.map(([sql], i) => `SELECT * FROM (${sql}) b${i}`).join(' UNION ALL ');
    const rows = (await manager.query(`SELECT caseId FROM (${union}) u ORDER BY dueAt, caseId LIMIT ${page.limit + 1}`, [
      ...parts.flatMap(([, params]) => params as unknown[]),
    ])) as { caseId: number | string }[];
    const ids = rows.map((r) => Number(r.caseId));
    const byId = await this.mapByIds(ids.slice(0, page.limit), manager);
    return {
      cases: ids
        .slice(0, page.limit)
        .map((id) => byId.get(id))
        .filter((c): c is WorkflowCase => !!c),
      more: ids.length > page.limit,
    };
  }

  /**
   * How many cases wait in each branch of the staff's queue, and how many of them are overdue at
   * `now`, in one statement: the waiting from the queues' counts (kept by every step; a few rows
   * whatever the size of the subtree) less the actor's own cases, which they may not handle; a
   * lawyer's own queue (assigned cases only) counted off its index; the overdue counted off the
   * queue's key up to {@link OVERDUE_COUNT_CAP}.
   */
  async queuedCounts(
    branches: QueueBranch[],
    now: Date,
    manager: EntityManager = this.db.manager,
  ): Promise<{ caseType: string; state: string; count: number; overdue: number }[]> {
    if (branches.length === 0) return [];
    const queue = () => manager.getRepository(CaseQueueEntry).createQueryBuilder('q');
    const parts = branches.map((branch) => {
      const waiting = branch.onlyAssigned
        ? queue().select('COUNT(*)').where(branch.where, branch.params).andWhere('q.state = :queueState', { queueState: branch.state })
        : manager
            .getRepository(CaseQueueCount)
            .createQueryBuilder('k')
            .select('COALESCE(SUM(k.waiting), 0)')
            .where('k.organizationId = :countOrg AND k.caseType = :countType AND k.state = :countState', {
              countOrg: branch.organizationId,
              countType: branch.caseType,
              countState: branch.state,
            });
      const own =
        branch.ownLeftOut && !branch.onlyAssigned
          ? queue()
              .select('COUNT(*)')
              .where('q.applicantUserId = :ownMe AND q.organizationId = :ownOrg AND q.caseType = :ownType AND q.state = :ownState', {
                ownMe: branch.actorUserId,
                ownOrg: branch.organizationId,
                ownType: branch.caseType,
                ownState: branch.state,
              })
              .getQueryAndParameters()
          : null;
      const overdue = queue()
        .select('1')
        .where(branch.where, branch.params)
        .andWhere('q.state = :queueState AND q.dueAt < :queueNow', { queueState: branch.state, queueNow: now })
        .limit(OVERDUE_COUNT_CAP)
        .getQueryAndParameters();
      return { waiting: waiting.getQueryAndParameters(), own, overdue };
    });
    const union = parts
      .map(
        ({ waiting, own, overdue }, i) =>
          `SELECT ? AS caseType, ? AS state, (${waiting[0]}) AS waiting, ${own ? `(${own[0]})` : '0'} AS own, ` +
          `(SELECT COUNT(*) FROM (${overdue[0]}) o${i}) AS overdue`,
      )
      .join(' UNION ALL ');
    const params = parts.flatMap(({ waiting, own, overdue }, i) => [
      branches[i].caseType,
      branches[i].state,
      ...(waiting[1] as unknown[]),
      ...((own?.[1] as unknown[] | undefined) ?? []),
      ...(overdue[1] as unknown[]),
    ]);
    const rows = (await manager.query(union, params)) as {
      caseType: string;
      state: string;
      waiting: number | string;
      own: number | string;
      overdue: number | string;
    }[];
    return rows.map((r) => ({
      caseType: r.caseType,
      state: r.state,
      count: Number(r.waiting) - Number(r.own),
      overdue: Number(r.overdue),
    }));
  }

  /** A query over the cases of every type as `alias` (the staff's case search). */
  query(manager: EntityManager = this.db.manager, alias = 'c'): SelectQueryBuilder<WorkflowCase> {
    return manager.getRepository(WorkflowCase).createQueryBuilder(alias);
  }

  /** How many times `action` was taken on cases of `caseType` in the subtree at `organizationPath` within [start, end]. */
  async countSteps(
    caseType: string,
    action: string,
    period: { start: Date; end: Date },
    organizationPath: string,
    manager: EntityManager = this.db.manager,
  ): Promise<number> {
    return manager
      .getRepository(CaseHistory)
      .createQueryBuilder('h')
      .innerJoin(WorkflowCase, 'c', 'c.id = h.caseId')
      .where('h.action = :action AND c.caseType = :caseType', { action, caseType })
      .andWhere(subtree('c.organizationPath', organizationPath))
      .andWhere('h.createdAt BETWEEN :start AND :end', { start: period.start, end: period.end })
      .getCount();
  }
}
