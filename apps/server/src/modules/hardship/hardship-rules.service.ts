import { Injectable } from '@nestjs/common';
import {
  assessHousehold,
  cstDate,
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
import { isUniqueViolation } from '../../database/errors';
import { OrganizationsService, type Organization } from '../organizations/organizations.service';
import { HardshipRuleSet } from './entities/hardship-rule-set.entity';
import { Clock } from '../../common/clock';

/** A rule set with its rules parsed. */
export interface EffectiveRules {
  row: HardshipRuleSet;
  rules: HardshipRules;
}

/** The county of an organisation: the first node of its path. */
export function countyIdOf(path: string): number {
  return Number(path.split('/')[1]);
}

/** Versioned rules per county and year; a case records which version judged it. */
@Injectable()
export class HardshipRulesService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  /** The version that judges something happening at `at`: latest effectiveFrom on or before that day. */
  async effective(manager: EntityManager, countyId: number, at: Date): Promise<EffectiveRules> {
    const row = await manager
      .getRepository(HardshipRuleSet)
      .createQueryBuilder('r')
      .where('r.countyOrganizationId = :countyId AND r.effectiveFrom <= :day', { countyId, day: cstDate(at) })
      .orderBy('r.effectiveFrom', 'DESC')
      .addOrderBy('r.version', 'DESC')
      .getOne();
    if (!row) fail('rule_set_missing');
    return { row, rules: JSON.parse(row.rules) as HardshipRules };
  }

  async byId(manager: EntityManager, id: number): Promise<EffectiveRules> {
    const row = await manager.getRepository(HardshipRuleSet).findOneByOrFail({ id });
    return { row, rules: JSON.parse(row.rules) as HardshipRules };
  }

  /** The root of the tree (this deployment's county). */
  async county(manager: EntityManager = this.db.manager): Promise<Organization> {
    const root = await this.organizations.county(manager);
    if (!root) fail('rule_set_missing');
    return root;
  }

  /** The self-test: no login, the county's rules in force today, the reasons in plain words. */
  async selfTest(facts: HouseholdFacts): Promise<HardshipSelfTestResult> {
    const manager = this.db.manager;
    const county = await this.county(manager);
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

  view(row: HardshipRuleSet): HardshipRuleSetView {
    return {
      id: row.id,
      version: row.version,
      year: row.year,
      effectiveFrom: row.effectiveFrom,
      rules: JSON.parse(row.rules) as HardshipRules,
      createdByName: row.createdByName,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async list(): Promise<HardshipRuleSetView[]> {
    const county = await this.county();
    const rows = await this.db.manager
      .getRepository(HardshipRuleSet)
      .find({ where: { countyOrganizationId: county.id }, order: { version: 'DESC' }, take: 50 });
    return rows.map((r) => this.view(r));
  }

  async current(): Promise<HardshipRuleSetView> {
    const county = await this.county();
    return this.view((await this.effective(this.db.manager, county.id, this.clock.now())).row);
  }

  /** Add a version (never change an old one: cases keep pointing at the version that judged them). */
  async create(actor: Actor, body: CreateHardshipRuleSetRequest): Promise<HardshipRuleSetView> {
    if (actor.organization?.level !== 'county') fail('forbidden');
    // The rules themselves were checked by their schema (hardshipRules): known keys only, each in range.
    const rules = body.rules;
    if (!body.effectiveFrom.startsWith(String(body.year))) {
      fail('validation_failed', undefined, [{ field: 'effectiveFrom', message: '生效日期应在所属年度内' }]);
    }
    // A version never reaches back: a day already begun has been judged by the version then in force.
    if (body.effectiveFrom < this.clock.today()) {
      fail('validation_failed', undefined, [{ field: 'effectiveFrom', message: '新版本只能从今天或以后开始执行' }]);
    }
    try {
      return await this.db.transaction(async (manager) => {
        const row = await this.insert(manager, actor.organization?.id as number, body.year, body.effectiveFrom, rules, actor);
        return this.view(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) fail('state_conflict');
      throw err;
    }
  }

  /** Insert the next version for a county (also used by the demo seed). */
  async insert(
    manager: EntityManager,
    countyId: number,
    year: number,
    effectiveFrom: string,
    rules: HardshipRules,
    by: { userId: number; displayName: string },
  ): Promise<HardshipRuleSet> {
    const repo = manager.getRepository(HardshipRuleSet);
    const last = await repo.findOne({ where: { countyOrganizationId: countyId }, order: { version: 'DESC' } });
    return repo.save(
      repo.create({
        countyOrganizationId: countyId,
        version: (last?.version ?? 0) + 1,
        year,
        effectiveFrom,
        rules: JSON.stringify(rules),
        createdByUserId: by.userId,
        createdByName: by.displayName,
        createdAt: this.clock.now(),
      }),
    );
  }
}
