import { defaultWorkCalendar, type WorkflowDef } from '@union/shared';
import { FindOperator, type EntityManager } from 'typeorm';
import type { Actor } from '../../../common/actor';
import { MovableClock } from '../../../common/clock';
import type { AnyCaseProcess, CaseNotice, StepContext, StepOutcome, StepWork } from '../case-process';
import type { WorkflowCase } from '../entities/workflow-case.entity';
import type { WorkCalendars } from '../work-calendars';

/*
 * Small doubles for the unit tests of the case processes (Immich's `newTestService` is the model):
 * an in-memory database behind an EntityManager, a clock that stands still between moves, and the
 * step context the transition service would hand a process. Nothing here needs Jest, so it also
 * compiles with the server.
 */

type Row = Record<string, unknown>;
/** An entity class as `getRepository` takes it. */
export type EntityClass<T = unknown> = new () => T;

/** A query the code under test built with a query builder, with the call that ran it. */
export interface RecordedQuery {
  /** The entity class's name, when the builder was given one (`createQueryBuilder(E)`, `.update(E)`, a repository's builder). */
  entity: string | null;
  calls: { method: string; args: unknown[] }[];
  /** The method that ran it: `execute`, `getCount`, `getRawOne` … */
  end: string;
}

/** The arguments of the first call of `method` in a recorded query. */
export function argsOf(query: RecordedQuery | undefined, method: string): unknown[] | undefined {
  return query?.calls.find((c) => c.method === method)?.args;
}

/** One write through a repository, as the test reads it back. */
export interface RecordedWrite {
  entity: string;
  op: 'insert' | 'update' | 'save' | 'increment';
  where?: Row;
  changes: Row;
  affected: number;
}

const ENDS = new Set(['execute', 'getCount', 'getRawOne', 'getRawMany', 'getMany', 'getOne', 'getOneOrFail', 'getExists']);

function defaultAnswer(query: RecordedQuery): unknown {
  switch (query.end) {
    case 'execute':
      return { affected: 1, raw: [] };
    case 'getCount':
      return 0;
    case 'getRawMany':
    case 'getMany':
      return [];
    case 'getExists':
      return false;
    default:
      return undefined;
  }
}

/** A column's value against a where's: equal, or meeting one of the find operators the code uses (`Not`, `In`, `IsNull`). */
function same(a: unknown, b: unknown): boolean {
  if (b instanceof FindOperator) return meets(a, b as FindOperator<unknown>);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

function meets(a: unknown, op: FindOperator<unknown>): boolean {
  switch (op.type) {
    case 'not':
      return !(op.child ? meets(a, op.child) : same(a, op.value));
    case 'in':
      return (op.value as unknown as unknown[]).some((v) => same(a, v));
    case 'isNull':
      return a === null || a === undefined;
    default:
      throw new Error(`the in-memory database does not know the ${op.type} operator`);
  }
}

const matches = (row: Row, where: Row = {}) => Object.entries(where).every(([k, v]) => same(row[k], v));

/**
 * An in-memory database behind a fake EntityManager: one table per entity class, rows matched by
 * equal column values (or `Not`, `In`, `IsNull`), copies handed out so code under test changes a
 * row only through `update`/`save`/`increment`. Query builders record their calls and are answered by `answer`.
 */
export class InMemoryDb {
  private readonly tables = new Map<EntityClass, Row[]>();
  readonly writes: RecordedWrite[] = [];
  readonly queries: RecordedQuery[] = [];
  /** The answer to a query builder's last call; by default one row affected, a count of 0, no raw row. */
  answer: (query: RecordedQuery) => unknown = defaultAnswer;
  readonly manager: EntityManager;

  constructor() {
    this.manager = {
      getRepository: (entity: EntityClass) => this.repository(entity),
      createQueryBuilder: (entity?: EntityClass) => this.builder(typeof entity === 'function' ? entity.name : null),
    } as unknown as EntityManager;
  }

  /** Put rows in a table (ids given, or numbered on). */
  seed<T>(entity: EntityClass<T>, ...rows: Partial<T>[]): T[] {
    return rows.map((r) => this.put(entity, { ...(r as Row) }) as T);
  }

  /** The rows of a table now (copies). */
  rows<T>(entity: EntityClass<T>): T[] {
    return this.table(entity).map((r) => ({ ...r }) as T);
  }

  /** One row by id now (a copy), or undefined. */
  row<T>(entity: EntityClass<T>, id: number): T | undefined {
    const found = this.table(entity).find((r) => r.id === id);
    return found ? ({ ...found } as T) : undefined;
  }

  /** The writes to one table, in order. */
  writesTo(entity: EntityClass, op?: RecordedWrite['op']): RecordedWrite[] {
    return this.writes.filter((w) => w.entity === entity.name && (!op || w.op === op));
  }

  private table(entity: EntityClass): Row[] {
    let rows = this.tables.get(entity);
    if (!rows) this.tables.set(entity, (rows = []));
    return rows;
  }

  private put(entity: EntityClass, row: Row): Row {
    const rows = this.table(entity);
    if (row.id === undefined) row.id = rows.reduce((max, r) => Math.max(max, Number(r.id)), 0) + 1;
    rows.push(row);
    return { ...row };
  }

  private repository(entity: EntityClass) {
    const rows = () => this.table(entity);
    const name = entity.name;
    const one = (where: Row) => rows().find((r) => matches(r, where));
    return {
      findOneBy: (where: Row) => Promise.resolve(one(where) ? { ...one(where) } : null),
      findOneByOrFail: (where: Row) => {
        const found = one(where);
        return found ? Promise.resolve({ ...found }) : Promise.reject(new Error(`no ${name} matching ${JSON.stringify(where)}`));
      },
      findBy: (where: Row) =>
        Promise.resolve(
          rows()
            .filter((r) => matches(r, where))
            .map((r) => ({ ...r })),
        ),
      find: (options: { where?: Row } = {}) =>
        Promise.resolve(
          rows()
            .filter((r) => matches(r, options.where))
            .map((r) => ({ ...r })),
        ),
      countBy: (where: Row) => Promise.resolve(rows().filter((r) => matches(r, where)).length),
      update: (where: Row, changes: Row) => {
        const hit = rows().filter((r) => matches(r, where));
        for (const r of hit) Object.assign(r, changes);
        this.writes.push({ entity: name, op: 'update', where, changes, affected: hit.length });
        return Promise.resolve({ affected: hit.length, raw: [], generatedMaps: [] });
      },
      increment: (where: Row, column: string, by: number) => {
        const hit = rows().filter((r) => matches(r, where));
        for (const r of hit) r[column] = Number(r[column]) + by;
        this.writes.push({ entity: name, op: 'increment', where, changes: { [column]: by }, affected: hit.length });
        return Promise.resolve({ affected: hit.length, raw: [], generatedMaps: [] });
      },
      insert: (row: Row) => {
        const stored = this.put(entity, { ...row });
        this.writes.push({ entity: name, op: 'insert', changes: stored, affected: 1 });
        return Promise.resolve({ identifiers: [{ id: stored.id }], raw: [], generatedMaps: [] });
      },
      create: (fields: Row) => ({ ...fields }),
      save: (row: Row) => {
        const existing = row.id === undefined ? undefined : rows().find((r) => r.id === row.id);
        if (existing) Object.assign(existing, row);
        else row.id = this.put(entity, { ...row }).id;
        this.writes.push({ entity: name, op: 'save', changes: { ...row }, affected: 1 });
        return Promise.resolve(row);
      },
      createQueryBuilder: () => this.builder(name),
    };
  }

  /** A query builder that records every call and answers its last one with `answer`. */
  private builder(entity: string | null): unknown {
    const query: RecordedQuery = { entity, calls: [], end: '' };
    const proxy: object = new Proxy(
      {},
      {
        get: (_target, prop) => {
          if (typeof prop !== 'string' || prop === 'then') return undefined;
          if (ENDS.has(prop)) {
            return () => {
              query.end = prop;
              this.queries.push(query);
              return Promise.resolve(this.answer(query));
            };
          }
          return (...args: unknown[]) => {
            query.calls.push({ method: prop, args });
            if (prop === 'update' && typeof args[0] === 'function') query.entity = (args[0] as EntityClass).name;
            return proxy;
          };
        },
      },
    );
    return proxy;
  }
}

/** A MovableClock that stands still between moves, so a test can name the exact instants it expects. */
export class StillClock extends MovableClock {
  private at: number;

  constructor(at: Date | string) {
    super();
    this.at = new Date(at).getTime();
  }

  override nowMs(): number {
    return this.at;
  }

  override advance(ms: number): void {
    this.at += ms;
  }

  override set(instant: Date): void {
    this.at = instant.getTime();
  }
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** A case row with plain defaults (case 7 of union 5 under /1/2/, applicant 100). */
export function caseRow(over: Partial<WorkflowCase> = {}): WorkflowCase {
  return {
    id: 7,
    caseType: 'membership_application',
    subjectType: 'membership_applications',
    subjectId: 70,
    state: 'submitted',
    version: 3,
    holder: 'staff',
    organizationId: 5,
    organizationPath: '/1/2/5/',
    applicantUserId: 100,
    applicantNameMasked: '王*',
    applicantIdIndex: null,
    assigneeUserId: null,
    title: '王*',
    submittedAt: new Date('2026-12-01T02:00:00Z'),
    dueAt: null,
    closedAt: null,
    updatedAt: new Date('2026-12-01T02:00:00Z'),
    ...over,
  };
}

/** A staff member of union 5 (or of the organisation given), holding the permissions given. */
export function staffActor(over: Partial<Actor> = {}): Actor {
  return {
    userId: 1,
    displayName: '张干事',
    roles: ['grassroots_cadre'],
    permissions: [],
    organization: { id: 5, path: '/1/2/5/', level: 'grassroots', kind: 'enterprise_union', name: '城关镇机械厂工会' },
    requestId: 'test',
    ...over,
  } as Actor;
}

/** The worker the case is about (user 100, no organisation). */
export function applicantActor(over: Partial<Actor> = {}): Actor {
  return staffActor({ userId: 100, displayName: '王师傅', roles: ['worker'], permissions: [], organization: null, ...over });
}

/**
 * The context the transition service hands a process for `action` of a case in `kase.state`: the
 * step's target from the table, the comment trimmed (undefined when blank), the case's version.
 */
export function stepOf<S extends string, A extends string, Sub>(
  def: WorkflowDef<S, A>,
  action: A,
  ctx: { manager: EntityManager; kase: WorkflowCase; subject: Sub; actor?: Actor; comment?: string; targetOrganizationId?: number },
): StepContext<S, Sub> {
  return {
    manager: ctx.manager,
    actor: ctx.actor ?? staffActor(),
    kase: ctx.kase,
    subject: ctx.subject,
    action,
    from: ctx.kase.state as S,
    to: def.transitions[action].to,
    input: {
      action,
      version: ctx.kase.version,
      comment: ctx.comment?.trim() || undefined,
      targetOrganizationId: ctx.targetOrganizationId,
    },
  };
}

/**
 * A process's part of one step in the transition service's order: the common checks, the action's
 * own, the state change on the case row, the common effects, the action's own, then the message.
 * (The compare-and-set, history and outbox are the transition service's, tested on their own.)
 */
export async function takeStep(
  process: AnyCaseProcess,
  step: StepContext,
  payload?: unknown,
): Promise<{ outcome: StepOutcome; notice: CaseNotice }> {
  const work = (process.steps as Record<string, StepWork | undefined> | undefined)?.[step.action];
  const outcome: StepOutcome = { ...((await process.before?.(step)) ?? {}), ...((await work?.before?.(step, payload)) ?? {}) };
  step.kase.state = step.to;
  await process.after?.(step);
  await work?.after?.(step, payload);
  return { outcome, notice: work?.notice ? work.notice(step, payload) : process.notice(step) };
}

/** The counties' calendars with no county's own days: every place counts in the national calendar. */
export function nationalCalendars(): WorkCalendars {
  const national = defaultWorkCalendar();
  return { forPath: () => national } as unknown as WorkCalendars;
}
