import { Injectable } from '@nestjs/common';
import {
  assessHousehold,
  readHardshipRules,
  type HardshipRules,
  type HardshipRuleSetView,
  type HardshipSelfTestResult,
  type HouseholdFacts,
  type CreateHardshipRuleSetRequest,
} from '@union/shared';
import { type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { RuleSetsService, type RuleSet } from '../rule-sets/rule-sets.service';
import { Clock } from '../../common/clock';

/** A rule set with its rules parsed. */
export interface EffectiveRules {
  row: RuleSet;
  rules: HardshipRules;
}

/** Versioned rules per county and year; a case records which version judged it. */
@Injectable()
export class HardshipRulesService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly ruleSets: RuleSetsService,
  ) {}

  /** The version that judges something happening at `at`: latest effectiveFrom on or before that day. */
  async effective(manager: EntityManager, countyId: number, at: Date): Promise<EffectiveRules> {
    const row = await this.ruleSets.effective(manager, 'hardship', countyId, at);
    if (!row) fail('rule_set_missing');
    return { row, rules: readHardshipRules(JSON.parse(row.rules)) };
  }

  /** The version in force in the county of the organisation at `path` (a case's place). */
  async effectiveFor(manager: EntityManager, path: string, at: Date): Promise<EffectiveRules> {
    return this.effective(manager, await this.organizations.countyIdOf(path, manager), at);
  }

  async byId(manager: EntityManager, id: number): Promise<EffectiveRules> {
    const row = await this.ruleSets.byId(manager, 'hardship', id);
    return { row, rules: readHardshipRules(JSON.parse(row.rules)) };
  }

  /** The county of a member of staff (a county's own staff or below; above the counties: refused). */
  private async countyIdOfStaff(actor: Actor): Promise<number> {
    return (await this.organizations.countyOfStaff(actor, '帮扶标准由各县(市、区)总工会制定')).id;
  }

  /** The self-test: no login, the county's rules in force today, the reasons in plain words. */
  async selfTest(facts: HouseholdFacts, countyId?: number): Promise<HardshipSelfTestResult> {
    const manager = this.db.manager;
    const county = await this.organizations.countyFor(countyId, manager);
    const { row, rules } = await this.effective(manager, county.id, this.clock.now());
    const assessment = assessHousehold(facts, rules);
    return {
      ...assessment,
      ruleSetVersion: row.version,
      minimumLivingFen: rules.minimumLivingFen,
      nextStep: assessment.eligible
        ? '您可以直接提交帮扶申请，我们已按您的回答预先填好；最终结果以入户调查和审核为准'
        : '按您的回答暂不符合条件；如果情况与回答不同，仍可以提交申请，由工会核实',
    };
  }

  view(row: RuleSet): HardshipRuleSetView {
    return {
      id: row.id,
      version: row.version,
      year: row.year ?? Number(row.effectiveFrom.slice(0, 4)),
      effectiveFrom: row.effectiveFrom,
      rules: readHardshipRules(JSON.parse(row.rules)),
      createdByName: row.createdByName,
      createdAt: row.createdAt.toISOString(),
    };
  }

  /** The versions of the staff member's county, newest first. */
  async list(actor: Actor): Promise<HardshipRuleSetView[]> {
    return (await this.ruleSets.versions('hardship', await this.countyIdOfStaff(actor))).map((r) => this.view(r));
  }

  /** The version in force today in a county (the deployment's only one when none is named). */
  async current(countyId?: number): Promise<HardshipRuleSetView> {
    const county = await this.organizations.countyFor(countyId);
    return this.view((await this.effective(this.db.manager, county.id, this.clock.now())).row);
  }

  /** Add a version (never change an old one: cases keep pointing at the version that judged them). */
  async create(actor: Actor, body: CreateHardshipRuleSetRequest): Promise<HardshipRuleSetView> {
    // The rules themselves were checked by their schema (hardshipRules): known keys only, each in range.
    if (!body.effectiveFrom.startsWith(String(body.year))) {
      fail('validation_failed', undefined, [{ field: 'effectiveFrom', message: '生效日期应在所属年度内' }]);
    }
    return this.view(await this.ruleSets.create(actor, 'hardship', await this.countyIdOfStaff(actor), body));
  }

  /** Insert the next version for a county (the demo seed's way). */
  insert(
    manager: EntityManager,
    countyId: number,
    year: number,
    effectiveFrom: string,
    rules: HardshipRules,
    by: { userId: number; displayName: string },
  ): Promise<RuleSet> {
    return this.ruleSets.insert(manager, 'hardship', countyId, { year, effectiveFrom, rules }, by);
  }
}
