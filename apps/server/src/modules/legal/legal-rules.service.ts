import { Injectable } from '@nestjs/common';
import {
  cstDate,
  DEFAULT_LEGAL_AID_RULES,
  type CreateLegalAidRuleSetRequest,
  type LegalAidRules,
  type LegalAidRuleSetView,
} from '@union/shared';
import { type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { OrganizationsService, type Organization } from '../organizations/organizations.service';
import { LegalRuleSet } from './entities/legal-rule-set.entity';
import { Clock } from '../../common/clock';

/** The rules that judge something, and their version (0: the defaults, before the county saved its own). */
export interface EffectiveLegalRules {
  version: number;
  rules: LegalAidRules;
}

/**
 * Versioned legal-aid rules per county. Until a county saves its own, the defaults of DOMAIN.md
 * §4 apply as version 0, so the centre works from the first start.
 */
@Injectable()
export class LegalRulesService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  /** The root of the tree (this deployment's county), where the legal-aid centre sits. */
  async county(manager: EntityManager = this.db.manager): Promise<Organization> {
    const root = await this.organizations.county(manager);
    if (!root) fail('not_found');
    return root;
  }

  /** The version in force on the day of `at`. */
  async effective(manager: EntityManager, at: Date): Promise<EffectiveLegalRules> {
    const county = await this.county(manager);
    const row = await manager
      .getRepository(LegalRuleSet)
      .createQueryBuilder('r')
      .where('r.countyOrganizationId = :countyId AND r.effectiveFrom <= :day', { countyId: county.id, day: cstDate(at) })
      .orderBy('r.effectiveFrom', 'DESC')
      .addOrderBy('r.version', 'DESC')
      .getOne();
    return row ? { version: row.version, rules: this.parse(row.rules) } : { version: 0, rules: DEFAULT_LEGAL_AID_RULES };
  }

  async current(): Promise<LegalAidRuleSetView> {
    const { version, rules } = await this.effective(this.db.manager, this.clock.now());
    if (version === 0) {
      return { id: 0, version: 0, effectiveFrom: '2000-01-01', rules, createdByName: '默认标准', createdAt: new Date(0).toISOString() };
    }
    const county = await this.county();
    const row = await this.db.manager.getRepository(LegalRuleSet).findOneByOrFail({ countyOrganizationId: county.id, version });
    return this.view(row);
  }

  /** A new version from a day on (today or later); old versions never change. */
  async create(actor: Actor, body: CreateLegalAidRuleSetRequest): Promise<LegalAidRuleSetView> {
    if (actor.organization?.level !== 'county') fail('forbidden');
    // The rules themselves were checked by their schema (legalAidRules): known keys only, each in range.
    const rules = body.rules;
    if (body.effectiveFrom < this.clock.today()) {
      fail('validation_failed', undefined, [{ field: 'effectiveFrom', message: '新版本只能从今天或以后开始执行' }]);
    }
    try {
      return await this.db.transaction(async (manager) => {
        const county = await this.county(manager);
        const repo = manager.getRepository(LegalRuleSet);
        const last = await repo.findOne({ where: { countyOrganizationId: county.id }, order: { version: 'DESC' } });
        const row = await repo.save(
          repo.create({
            countyOrganizationId: county.id,
            version: (last?.version ?? 0) + 1,
            effectiveFrom: body.effectiveFrom,
            rules: JSON.stringify(rules),
            createdByUserId: actor.userId,
            createdByName: actor.displayName,
            createdAt: this.clock.now(),
          }),
        );
        return this.view(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) fail('state_conflict');
      throw err;
    }
  }

  private view(row: LegalRuleSet): LegalAidRuleSetView {
    return {
      id: row.id,
      version: row.version,
      effectiveFrom: row.effectiveFrom,
      rules: this.parse(row.rules),
      createdByName: row.createdByName,
      createdAt: row.createdAt.toISOString(),
    };
  }

  private parse(json: string): LegalAidRules {
    return { ...DEFAULT_LEGAL_AID_RULES, ...(JSON.parse(json) as Partial<LegalAidRules>) };
  }
}
