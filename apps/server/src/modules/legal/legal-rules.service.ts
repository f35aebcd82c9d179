import { Injectable } from '@nestjs/common';
import { DEFAULT_LEGAL_AID_RULES, type CreateLegalAidRuleSetRequest, type LegalAidRules, type LegalAidRuleSetView } from '@union/shared';
import { type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { OrganizationsService, type Organization } from '../organizations/organizations.service';
import { RuleSetsService, type RuleSet } from '../rule-sets/rule-sets.service';
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
    private readonly ruleSets: RuleSetsService,
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
    const row = await this.ruleSets.effective(manager, 'legal_aid', county.id, at);
    return row ? { version: row.version, rules: this.parse(row.rules) } : { version: 0, rules: DEFAULT_LEGAL_AID_RULES };
  }

  async current(): Promise<LegalAidRuleSetView> {
    const { version, rules } = await this.effective(this.db.manager, this.clock.now());
    if (version === 0) {
      return { id: 0, version: 0, effectiveFrom: '2000-01-01', rules, createdByName: '默认标准', createdAt: new Date(0).toISOString() };
    }
    const county = await this.county();
    return this.view(await this.ruleSets.byVersion(this.db.manager, 'legal_aid', county.id, version));
  }

  /** A new version from a day on (today or later); old versions never change. */
  async create(actor: Actor, body: CreateLegalAidRuleSetRequest): Promise<LegalAidRuleSetView> {
    // The rules themselves were checked by their schema (legalAidRules): known keys only, each in range.
    const county = await this.county();
    return this.view(await this.ruleSets.create(actor, 'legal_aid', county.id, body));
  }

  private view(row: RuleSet): LegalAidRuleSetView {
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
