import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  COUNTY_KIND,
  FALLBACK_KINDS,
  ORGANIZATION_KIND_LABEL,
  ORGANIZATION_LEVEL,
  type OrganizationKind,
  type OrganizationRouteSuggestion,
  type OrganizationView,
} from '@union/shared';
import { In, Like, type EntityManager, type Repository } from 'typeorm';
import { fail } from '../../common/app-exception';
import { Organization } from './organization.entity';
import { Clock } from '../../common/clock';

/** The rows of the union tree, for other modules to read (never to query: they ask this service). */
export type { Organization } from './organization.entity';

/** Escape LIKE wildcards in user input. */
function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** At most this many organisations are kept in memory (a province has a few tens of thousands). */
const MAX_KNOWN = 100_000;

/** The union tree: lookup, search, routing of applications, subtree paths. */
@Injectable()
export class OrganizationsService {
  /** Organisations read before, by id (see byIds). */
  private readonly known = new Map<number, Organization>();

  constructor(
    private readonly clock: Clock,
    @InjectRepository(Organization) private readonly repo: Repository<Organization>,
  ) {}

  async get(id: number, manager?: EntityManager): Promise<Organization> {
    const org = await this.findById(id, manager);
    if (!org) fail('invalid_organization');
    return org;
  }

  async findById(id: number, manager?: EntityManager): Promise<Organization | null> {
    return (await this.byIds([id], manager))[0] ?? null;
  }

  /**
   * The organisations with these ids (in one query for those not yet known; unknown ids are left
   * out). An organisation's row does not change once it is created (its path is written in the
   * transaction that creates it, and nothing edits or removes one), so every process keeps the
   * rows it has read outside a transaction and answers them again without a query: the acting
   * user's organisation on every request, the names of the organisations in every list. Rows read
   * inside a transaction are not kept (they may be uncommitted); a feature that edits organisations
   * must clear this.
   */
  async byIds(ids: Iterable<number>, manager?: EntityManager): Promise<Organization[]> {
    const unique = [...new Set(ids)];
    const missing = unique.filter((id) => !this.known.has(id));
    const fetched = new Map<number, Organization>();
    const inTransaction = !!manager?.queryRunner?.isTransactionActive;
    if (missing.length) {
      for (const row of await this.repoOf(manager).findBy({ id: In(missing) })) {
        fetched.set(row.id, row);
        if (!inTransaction && row.path !== '/' && this.known.size < MAX_KNOWN) this.known.set(row.id, row);
      }
    }
    return unique.flatMap((id) => {
      const row = this.known.get(id) ?? fetched.get(id);
      return row ? [Object.assign(new Organization(), row)] : [];
    });
  }

  /** The names of the organisations with these ids, by id (one query), for lists of cases. */
  async namesByIds(ids: Iterable<number>, manager?: EntityManager): Promise<Map<number, string>> {
    return new Map((await this.byIds(ids, manager)).map((o) => [o.id, o.name]));
  }

  /**
   * The county federation an organisation belongs to (itself when it is one): the node of that kind
   * on its path. Null above the counties (a province's or a city's federation). Each county keeps
   * its own rules, legal-aid centre and honours there.
   */
  async countyOf(org: { path: string }, manager?: EntityManager): Promise<Organization | null> {
    return (await this.countiesOf([org.path], manager)).get(org.path) ?? null;
  }

  /** The id of the county of the organisation at `path`; an organisation above the counties is refused. */
  async countyIdOf(path: string, manager?: EntityManager): Promise<number> {
    const county = (await this.countiesOf([path], manager)).get(path);
    if (!county) fail('invalid_organization', '请选择县(市、区)或以下的工会');
    return county.id;
  }

  /** The county of each path (one query at most, for the ancestors not yet known), by path. */
  async countiesOf(paths: Iterable<string>, manager?: EntityManager): Promise<Map<string, Organization>> {
    const unique = [...new Set(paths)];
    const ids = new Set(unique.flatMap((p) => p.split('/').filter(Boolean).map(Number)));
    const counties = new Map((await this.byIds(ids, manager)).filter((o) => o.kind === COUNTY_KIND).map((o) => [o.id, o]));
    const found = new Map<string, Organization>();
    for (const path of unique) {
      const id = path
        .split('/')
        .filter(Boolean)
        .map(Number)
        .find((i) => counties.has(i));
      if (id !== undefined) found.set(path, counties.get(id) as Organization);
    }
    return found;
  }

  /**
   * The county of a member of staff (their own federation's, or the one above their union); staff
   * above the counties, and users without an organisation, are refused with `message`.
   */
  async countyOfStaff(actor: { organization: { path: string } | null }, message: string): Promise<Organization> {
    const county = actor.organization ? await this.countyOf(actor.organization) : null;
    if (!county) fail('forbidden', message);
    return county;
  }

  /** Every county federation of the deployment (one for a county's own; a province's many), by id. */
  counties(manager?: EntityManager): Promise<Organization[]> {
    return this.repoOf(manager).find({ where: { kind: COUNTY_KIND }, order: { id: 'ASC' } });
  }

  /**
   * The county a worker's request names (`countyId`), or the deployment's only county when it names
   * none. A province's deployment has many: then the request must name one.
   */
  async countyFor(countyId: number | null | undefined, manager?: EntityManager): Promise<Organization> {
    if (countyId !== undefined && countyId !== null) {
      const county = await this.findById(countyId, manager);
      if (!county || county.kind !== COUNTY_KIND)
        fail('validation_failed', '没有这个县(市、区)总工会', [{ field: 'countyId', message: '没有这个县(市、区)总工会' }]);
      return county;
    }
    const counties = await this.repoOf(manager).find({ where: { kind: COUNTY_KIND }, order: { id: 'ASC' }, take: 2 });
    if (counties.length === 0) fail('invalid_organization', '还没有县总工会');
    if (counties.length > 1)
      fail('validation_failed', '请选择所在的县(市、区)', [{ field: 'countyId', message: '请选择所在的县(市、区)' }]);
    return counties[0];
  }

  /** Every organisation in the subtree at `path` (itself included), optionally of one kind only. */
  async under(path: string, options: { kind?: OrganizationKind; manager?: EntityManager } = {}): Promise<Organization[]> {
    return this.repoOf(options.manager).findBy({ path: Like(`${likeEscape(path)}%`), ...(options.kind ? { kind: options.kind } : {}) });
  }

  private repoOf(manager?: EntityManager): Repository<Organization> {
    return manager ? manager.getRepository(Organization) : this.repo;
  }

  /** Create a node under `parent` (or the root when parent is null), with its path. */
  async create(
    manager: EntityManager,
    input: { name: string; kind: OrganizationKind; parent: Organization | null; employerName?: string | null },
  ): Promise<Organization> {
    const repo = manager.getRepository(Organization);
    const org = await repo.save(
      repo.create({
        name: input.name,
        kind: input.kind,
        level: ORGANIZATION_LEVEL[input.kind],
        parentId: input.parent?.id ?? null,
        path: '/',
        employerName: input.employerName ?? null,
        acceptsUnaffiliated: FALLBACK_KINDS.includes(input.kind),
        createdAt: this.clock.now(),
      }),
    );
    org.path = `${input.parent?.path ?? '/'}${org.id}/`;
    await repo.update({ id: org.id }, { path: org.path });
    return org;
  }

  /**
   * Views with the names of every ancestor, in one query for the whole list. Inside a transaction
   * pass its manager: a query on another pooled connection while the transaction holds one can
   * exhaust the pool under load and leave every transaction waiting.
   */
  async views(orgs: Organization[], manager?: EntityManager): Promise<OrganizationView[]> {
    const ancestorIds = new Set<number>();
    for (const o of orgs) for (const id of o.path.split('/').filter(Boolean)) ancestorIds.add(Number(id));
    const ancestors = await this.byIds(ancestorIds, manager);
    const names = new Map(ancestors.map((a) => [a.id, a.name]));
    return orgs.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      kindLabel: ORGANIZATION_KIND_LABEL[o.kind],
      parentId: o.parentId,
      pathNames: o.path
        .split('/')
        .filter(Boolean)
        .map((id) => names.get(Number(id)) ?? ''),
    }));
  }

  async view(org: Organization, manager?: EntityManager): Promise<OrganizationView> {
    return (await this.views([org], manager))[0];
  }

  /** Unions whose name or employer contains `q`. */
  async search(q: string, limit: number): Promise<Organization[]> {
    const pattern = `%${likeEscape(q.trim())}%`;
    return this.repo.find({
      where: [{ name: Like(pattern) }, { employerName: Like(pattern) }],
      order: { name: 'ASC' },
      take: limit,
    });
  }

  /**
   * Where an application can go: the employer's own union, else the unions that take everyone; in
   * one county when `countyId` names one (a province's deployment: the worker's county first).
   */
  async route(employerName: string, countyId?: number): Promise<OrganizationRouteSuggestion> {
    const name = employerName.trim();
    const within = countyId ? { path: Like(`${likeEscape((await this.countyFor(countyId)).path)}%`) } : {};
    const employerUnion = name
      ? await this.repo.findOne({
          where: [
            { employerName: name, ...within },
            { employerName: Like(`%${likeEscape(name)}%`), ...within },
          ],
          order: { id: 'ASC' },
        })
      : null;
    const alternatives = await this.repo.find({
      where: { acceptsUnaffiliated: true, ...within },
      order: { level: 'ASC', id: 'ASC' },
      take: 30,
    });
    return {
      employerUnion: employerUnion ? await this.view(employerUnion) : null,
      alternatives: await this.views(alternatives),
    };
  }
}
