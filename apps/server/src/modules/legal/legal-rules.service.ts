import { Injectable } from '@nestjs/common';
import { DEFAULT_LEGAL_AID_RULES, type CreateLegalAidRuleSetRequest, type LegalAidRules, type LegalAidRuleSetView } from '@union/shared';
import { type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { Db } from '../../database/db.service';
import { OrganizationsService } from '../organizations/organizations.service';
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

  /**
   * The version in force in a county on the day of `at`. Each county's legal-aid centre sits at its
   * county federation and works by that county's rules; a case's county is
   * `OrganizationsService.countyIdOf(kase.organizationPath)`.
   */
  async effective(manager: EntityManager, at: Date, countyId: number): Promise<EffectiveLegalRules> {
    const row = await this.ruleSets.effective(manager, 'legal_aid', countyId, at);
    return row ? { version: row.version, rules: this.parse(row.rules) } : { version: 0, rules: DEFAULT_LEGAL_AID_RULES };
  }

  /** The version in force in the county of the organisation at `path` (a case's place, a lawyer's centre). */
  async effectiveFor(manager: EntityManager, at: Date, path: string): Promise<EffectiveLegalRules> {
    return this.effective(manager, at, await this.organizations.countyIdOf(path, manager));
  }

  /** Today's version in a county (the deployment's only one when none is named). */
  async current(countyId?: number): Promise<LegalAidRuleSetView> {
    const county = await this.organizations.countyFor(countyId);
    const { version, rules } = await this.effective(this.db.manager, this.clock.now(), county.id);
    if (version === 0) {
      return { id: 0, version: 0, effectiveFrom: '2000-01-01', rules, createdByName: '默认标准', createdAt: new Date(0).toISOString() };
    }
    return this.view(await this.ruleSets.byVersion(this.db.manager, 'legal_aid', county.id, version));
  }

  /** A new version for the staff member's county from a day on (today or later); old versions never change. */
  async create(actor: Actor, body: CreateLegalAidRuleSetRequest): Promise<LegalAidRuleSetView> {
    // The rules themselves were checked by their schema (legalAidRules): known keys only, each in range.
    const county = await this.organizations.countyOfStaff(actor, '法律援助标准由各县(市、区)总工会制定');
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
