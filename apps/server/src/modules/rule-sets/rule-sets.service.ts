import { Injectable } from '@nestjs/common';
import { cstDate } from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { RuleSet, type RuleSetKind } from './entities/rule-set.entity';

export type { RuleSet, RuleSetKind } from './entities/rule-set.entity';

/** A new version as the county's editor sends it (the rules already checked by their kind's schema). */
export interface NewRuleSet {
  year?: number | null;
  effectiveFrom: string;
  rules: unknown;
}

/**
 * Versioned county rules of every kind, in one table and one way: the version in force on a day
 * (latest `effectiveFrom` on or before it, then the highest version), the history of versions,
 * and a new version that starts today or later and never changes an old one. The domain modules
 * (hardship, legal) give the rules their meaning.
 */
@Injectable()
export class RuleSetsService {
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  /** The version of `kind` in force for the county on the day of `at`, or null before the first. */
  effective(manager: EntityManager, kind: RuleSetKind, countyId: number, at: Date): Promise<RuleSet | null> {
    return manager
      .getRepository(RuleSet)
      .createQueryBuilder('r')
      .where('r.kind = :kind AND r.countyOrganizationId = :countyId AND r.effectiveFrom <= :day', { kind, countyId, day: cstDate(at) })
      .orderBy('r.effectiveFrom', 'DESC')
      .addOrderBy('r.version', 'DESC')
      .getOne();
  }

  /** One version by id (the one a case was judged by). */
  byId(manager: EntityManager, kind: RuleSetKind, id: number): Promise<RuleSet> {
    return manager.getRepository(RuleSet).findOneByOrFail({ id, kind });
  }

  /** One version by its number. */
  byVersion(manager: EntityManager, kind: RuleSetKind, countyId: number, version: number): Promise<RuleSet> {
    return manager.getRepository(RuleSet).findOneByOrFail({ kind, countyOrganizationId: countyId, version });
  }

  /** The county's versions of `kind`, newest first (a county adds a few a year). */
  versions(kind: RuleSetKind, countyId: number, manager: EntityManager = this.db.manager): Promise<RuleSet[]> {
    return manager.getRepository(RuleSet).find({ where: { kind, countyOrganizationId: countyId }, order: { version: 'DESC' } });
  }

  /**
   * A county cadre adds a version from a day on (today or later: a day already begun has been
   * judged by the version then in force). Two saving at once: one gets the next number, the other
   * a 409.
   */
  async create(actor: Actor, kind: RuleSetKind, countyId: number, body: NewRuleSet): Promise<RuleSet> {
    if (actor.organization?.level !== 'county') fail('forbidden');
    if (body.effectiveFrom < this.clock.today()) {
      fail('validation_failed', undefined, [{ field: 'effectiveFrom', message: '新版本只能从今天或以后开始执行' }]);
    }
    try {
      return await this.db.transaction((manager) => this.insert(manager, kind, countyId, body, actor));
    } catch (err) {
      if (isUniqueViolation(err)) fail('state_conflict');
      throw err;
    }
  }

  /** Insert the next version of `kind` for a county, in the caller's transaction (also the demo seed's way). */
  async insert(
    manager: EntityManager,
    kind: RuleSetKind,
    countyId: number,
    body: NewRuleSet,
    by: { userId: number; displayName: string },
  ): Promise<RuleSet> {
    const repo = manager.getRepository(RuleSet);
    const last = await repo.findOne({ where: { kind, countyOrganizationId: countyId }, order: { version: 'DESC' } });
    return repo.save(
      repo.create({
        kind,
        countyOrganizationId: countyId,
        version: (last?.version ?? 0) + 1,
        year: body.year ?? null,
        effectiveFrom: body.effectiveFrom,
        rules: JSON.stringify(body.rules),
        createdByUserId: by.userId,
        createdByName: by.displayName,
        createdAt: this.clock.now(),
      }),
    );
  }
}
