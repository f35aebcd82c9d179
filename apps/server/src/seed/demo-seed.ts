import type { INestApplication } from '@nestjs/common';
import {
  CONSENT_VERSIONS,
  cstDate,
  DEFAULT_HARDSHIP_RULES,
  idCheckDigit,
  MEMBERSHIP_APPLICATION_WORKFLOW,
  MEMBERSHIP_TRANSFER_WORKFLOW,
  type ConsentKind,
  type EmploymentType,
  type OrganizationKind,
  type Role,
} from '@union/shared';
import { Logger } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { APP_CONFIG, type AppConfig } from '../config/configuration';
import { Consent } from '../modules/identity/entities/consent.entity';
import { User } from '../modules/identity/entities/user.entity';
import { IdentityService } from '../modules/identity/identity.service';
import { MembershipApplication } from '../modules/membership/entities/membership-application.entity';
import { MembershipTransfer } from '../modules/membership/entities/membership-transfer.entity';
import { MembershipApplicationsService } from '../modules/membership/membership-applications.service';
import { MembershipTransfersService } from '../modules/membership/membership-transfers.service';
import { Organization } from '../modules/organizations/organization.entity';
import { OrganizationsService } from '../modules/organizations/organizations.service';
import { openidFor } from '../modules/wechat/wechat-standin';
import { WorkflowCase } from '../modules/workflow/entities/workflow-case.entity';
import { WorkflowCases } from '../modules/workflow/workflow-cases.service';
import { TransitionService } from '../modules/workflow/transition.service';
import { Db } from '../database/db.service';
import { HardshipRulesService } from '../modules/hardship/hardship-rules.service';
import { seedDemoCompetitions } from './demo-competitions';
import { seedDemoLegal } from './demo-legal';
import { seedDemoHardship } from './demo-hardship';

/** A valid demo ID number (checksum correct) from a sequence number. */
export function demoIdNumber(seq: number, birth = '19850612'): string {
  const first17 = `330102${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

interface OrgSpec {
  key: string;
  name: string;
  kind: OrganizationKind;
  parent: string | null;
  employerName?: string;
}

/** The demo county: a federation, two towns, an industry federation and grassroots unions. */
/**
 * The demo tree. One county at the root; with a province (PROVINCE_NAME) the root is the province
 * federation, then a city, then the demo county and a small second county.
 */
function orgSpecs(county: string, province: string | null): OrgSpec[] {
  const above: OrgSpec[] = province
    ? [
        { key: 'province', name: `${province}总工会`, kind: 'province_federation', parent: null },
        { key: 'city', name: '示范市总工会', kind: 'city_federation', parent: 'province' },
      ]
    : [];
  const second: OrgSpec[] = province
    ? [
        { key: 'county2', name: '邻县总工会', kind: 'county_federation', parent: 'city' },
        { key: 'dongshan', name: '东山镇总工会', kind: 'town_union', parent: 'county2' },
        { key: 'machinery', name: '东山机械厂工会', kind: 'enterprise_union', parent: 'dongshan', employerName: '东山机械厂' },
      ]
    : [];
  return [
    ...above,
    { key: 'county', name: `${county}总工会`, kind: 'county_federation', parent: province ? 'city' : null },
    { key: 'chengguan', name: '城关镇总工会', kind: 'town_union', parent: 'county' },
    { key: 'wanan', name: '万安镇总工会', kind: 'town_union', parent: 'county' },
    { key: 'health', name: '县卫生行业工会联合会', kind: 'industry_federation', parent: 'county' },
    { key: 'construction', name: '县城建筑公司工会', kind: 'enterprise_union', parent: 'chengguan', employerName: '县城建筑公司' },
    { key: 'textile', name: '城关纺织有限公司工会', kind: 'enterprise_union', parent: 'chengguan', employerName: '城关纺织有限公司' },
    { key: 'jinyan', name: '金雁社区工会', kind: 'village_union', parent: 'chengguan' },
    { key: 'riders', name: '城关镇快递外卖联合工会', kind: 'joint_union', parent: 'chengguan' },
    { key: 'food', name: '万安食品有限公司工会', kind: 'enterprise_union', parent: 'wanan', employerName: '万安食品有限公司' },
    { key: 'wananJoint', name: '万安镇小微企业联合工会', kind: 'joint_union', parent: 'wanan' },
    { key: 'hospital', name: '县人民医院工会', kind: 'enterprise_union', parent: 'health', employerName: '县人民医院' },
    ...second,
  ];
}

interface PersonaSpec {
  key: string;
  name: string;
  roles: Role[];
  org: string | null;
  persona: boolean;
}

const PEOPLE: PersonaSpec[] = [
  { key: 'worker', name: '王小工', roles: ['worker'], org: null, persona: true },
  { key: 'member', name: '李会员', roles: ['worker'], org: null, persona: true },
  { key: 'grassroots_cadre', name: '张干事', roles: ['worker', 'grassroots_cadre'], org: 'construction', persona: true },
  { key: 'town_cadre', name: '陈主席', roles: ['worker', 'town_cadre'], org: 'chengguan', persona: true },
  { key: 'town2_cadre', name: '刘主席', roles: ['worker', 'town_cadre'], org: 'wanan', persona: true },
  { key: 'industry_cadre', name: '周主任', roles: ['worker', 'town_cadre'], org: 'health', persona: true },
  { key: 'county_cadre', name: '赵部长', roles: ['worker', 'county_cadre'], org: 'county', persona: true },
  { key: 'county_admin', name: '钱管理员', roles: ['worker', 'county_admin'], org: 'county', persona: true },
  { key: 'lawyer', name: '孙律师', roles: ['worker', 'lawyer'], org: 'county', persona: true },
  { key: 'legal_staff', name: '马主任', roles: ['worker', 'legal_staff'], org: 'county', persona: true },
  { key: 'lawyer2', name: '吴律师', roles: ['worker', 'lawyer'], org: 'county', persona: false },
  { key: 'town_lawyer', name: '林律师', roles: ['worker', 'lawyer'], org: 'wanan', persona: true },
  { key: 'judge', name: '郑评委', roles: ['worker', 'judge'], org: 'county', persona: true },
  { key: 'judge2', name: '冯评委', roles: ['worker', 'judge'], org: 'county', persona: false },
  { key: 'judge3', name: '何评委', roles: ['worker', 'judge'], org: 'county', persona: false },
  { key: 'zhou', name: '周大山', roles: ['worker'], org: null, persona: false },
  { key: 'wu', name: '吴小梅', roles: ['worker'], org: null, persona: false },
  { key: 'zheng', name: '郑师傅', roles: ['worker'], org: null, persona: false },
  { key: 'sun', name: '孙快递', roles: ['worker'], org: null, persona: false },
  { key: 'qian', name: '钱阿姨', roles: ['worker'], org: null, persona: false },
  { key: 'feng', name: '冯师傅', roles: ['worker'], org: null, persona: false },
  { key: 'song', name: '宋师傅', roles: ['worker'], org: null, persona: false },
  { key: 'han', name: '韩师傅', roles: ['worker'], org: null, persona: false },
  { key: 'he', name: '何师傅', roles: ['worker'], org: null, persona: false },
  { key: 'jiang', name: '蒋师傅', roles: ['worker'], org: null, persona: false },
];

/** The staff of a province's deployment above and beside the demo county (PROVINCE_NAME). */
const PROVINCE_PEOPLE: PersonaSpec[] = [
  { key: 'province_cadre', name: '省干部', roles: ['worker', 'county_cadre'], org: 'province', persona: true },
  { key: 'county2_cadre', name: '邻县主席', roles: ['worker', 'county_cadre'], org: 'county2', persona: true },
  { key: 'county2_admin', name: '邻县管理员', roles: ['worker', 'county_admin'], org: 'county2', persona: false },
  { key: 'county2_lawyer', name: '邻县律师', roles: ['worker', 'lawyer'], org: 'county2', persona: true },
];

/**
 * Create the demo county once, with one user for every role and cases in every state, all
 * through the same services the API uses. Does nothing when organisations already exist, so a
 * second start keeps the data.
 */
export async function seedDemoCountyIfEmpty(app: INestApplication): Promise<boolean> {
  const db = app.get(Db);
  if ((await db.manager.getRepository(Organization).count()) > 0) return false;
  const config = app.get<AppConfig>(APP_CONFIG);
  const organizations = app.get(OrganizationsService);
  const identity = app.get(IdentityService);
  const applications = app.get(MembershipApplicationsService);
  const transfers = app.get(MembershipTransfersService);
  const transitions = app.get(TransitionService);

  const orgs = new Map<string, Organization>();
  const users = new Map<string, User>();
  const people = config.app.provinceName ? [...PEOPLE, ...PROVINCE_PEOPLE] : PEOPLE;
  await db.transaction(async (manager) => {
    for (const spec of orgSpecs(config.app.countyName, config.app.provinceName)) {
      const parent = spec.parent ? (orgs.get(spec.parent) as Organization) : null;
      orgs.set(
        spec.key,
        await organizations.create(manager, { name: spec.name, kind: spec.kind, parent, employerName: spec.employerName ?? null }),
      );
    }
    const now = new Date();
    for (const p of people) {
      const repo = manager.getRepository(User);
      const user = await repo.save(
        repo.create({
          openid: openidFor(config.wechat.appId, `user-${p.key}-seed`),
          sessionKeyEnc: null,
          demoPersona: p.persona ? p.key : null,
          displayName: p.name,
          roles: p.roles,
          organizationId: p.org ? (orgs.get(p.org) as Organization).id : null,
          createdAt: now,
        }),
      );
      users.set(p.key, user);
      // Demo workers other than the fresh `worker` persona have already accepted the notices.
      if (p.key !== 'worker') {
        for (const kind of Object.keys(CONSENT_VERSIONS) as ConsentKind[]) {
          await manager.getRepository(Consent).insert({ userId: user.id, kind, version: CONSENT_VERSIONS[kind], acceptedAt: now });
        }
      }
    }
  });

  const actor = async (key: string): Promise<Actor> => (await identity.actorFor((users.get(key) as User).id, 'seed')) as Actor;
  let seq = 100;
  const apply = async (who: string, org: string, employerName: string, employmentType: EmploymentType, hideFromEmployer = false) => {
    seq += 1;
    return applications.apply(await actor(who), {
      realName: (PEOPLE.find((p) => p.key === who) as PersonaSpec).name,
      idNumber: demoIdNumber(seq),
      phone: `139${String(seq).padStart(8, '0')}`,
      employerName,
      employmentType,
      organizationId: (orgs.get(org) as Organization).id,
      hideFromEmployer,
    });
  };
  const act = async (
    who: string,
    id: number,
    version: number,
    action: string,
    extra: { comment?: string; targetOrganizationId?: number } = {},
  ) => applications.transition(await actor(who), id, { action, version, ...extra });

  // Members (approved applications).
  for (const who of ['member', 'song', 'han', 'he', 'jiang']) {
    const a = await apply(who, 'construction', '县城建筑公司', who === 'member' ? 'employee' : 'migrant_worker');
    await act('grassroots_cadre', a.id, a.version, 'approve');
  }
  // Open and closed applications in every state.
  await apply('zhou', 'construction', '县城建筑公司', 'migrant_worker');
  const overdue = await apply('wu', 'riders', '美团外卖城关站', 'gig_worker');
  const needsInfo = await apply('zheng', 'textile', '城关纺织有限公司', 'employee');
  await act('town_cadre', needsInfo.id, needsInfo.version, 'request_info', { comment: '请补充填写所在车间和入职时间' });
  const rejected = await apply('sun', 'riders', '城关快递服务部', 'gig_worker');
  await act('town_cadre', rejected.id, rejected.version, 'reject', { comment: '经核实已在其他工会入会，无需重复申请' });
  const withdrawn = await apply('qian', 'jinyan', '金雁社区物业', 'flexible');
  await applications.transition(await actor('qian'), withdrawn.id, { action: 'withdraw', version: withdrawn.version });
  await apply('feng', 'food', '万安食品有限公司', 'employee', true);

  // Transfers in every state.
  const transferTo = async (who: string, org: string, employer: string) =>
    transfers.request(await actor(who), {
      toOrganizationId: (orgs.get(org) as Organization).id,
      newEmployerName: employer,
      reason: '换了工作单位',
    });
  const pending = await transferTo('song', 'food', '万安食品有限公司');
  const accepted = await transferTo('han', 'hospital', '县人民医院');
  await transfers.transition(await actor('industry_cadre'), accepted.id, { action: 'accept', version: accepted.version });
  const declined = await transferTo('he', 'wananJoint', '万安镇五金店');
  await transfers.transition(await actor('town2_cadre'), declined.id, {
    action: 'decline',
    version: declined.version,
    comment: '所在单位已建立工会，请转入该单位工会',
  });
  const cancelled = await transferTo('jiang', 'textile', '城关纺织有限公司');
  await transfers.transition(await actor('jiang'), cancelled.id, { action: 'cancel', version: cancelled.version });

  // Two cases submitted long ago, so the workbench shows overdue work.
  const past = new Date(Date.now() - 30 * 86_400_000);
  await db.transaction(async (manager) => {
    const overdueApp = await manager.getRepository(MembershipApplication).findOneByOrFail({ id: overdue.id });
    const overdueTransfer = await manager.getRepository(MembershipTransfer).findOneByOrFail({ id: pending.id });
    const cases = manager.getRepository(WorkflowCase);
    await cases.update(
      { id: overdueApp.caseId },
      { submittedAt: past, dueAt: transitions.dueFor(MEMBERSHIP_APPLICATION_WORKFLOW, 'submitted', past) },
    );
    await cases.update(
      { id: overdueTransfer.caseId },
      { submittedAt: past, dueAt: transitions.dueFor(MEMBERSHIP_TRANSFER_WORKFLOW, 'requested', past) },
    );
    for (const id of [overdueApp.caseId, overdueTransfer.caseId]) await app.get(WorkflowCases).requeue(manager, id);
  });
  await seedDemoHardship(app, { orgs, actor, names: new Map(PEOPLE.map((p) => [p.key, p.name])) });
  await seedDemoLegal(app, { orgs, actor, names: new Map(PEOPLE.map((p) => [p.key, p.name])) });
  await seedDemoCompetitions(app, { orgs, actor, names: new Map(PEOPLE.map((p) => [p.key, p.name])) });
  if (config.app.provinceName) {
    // The second county has rules of its own from the start (its own minimum-living line).
    const year = Number(cstDate(new Date()).slice(0, 4));
    const county2 = orgs.get('county2') as Organization;
    const rules = { ...DEFAULT_HARDSHIP_RULES, minimumLivingFen: DEFAULT_HARDSHIP_RULES.minimumLivingFen - 10_000 };
    await db.transaction(async (manager) =>
      app.get(HardshipRulesService).insert(manager, county2.id, year, `${year}-01-01`, rules, await actor('county2_admin')),
    );
  }
  new Logger('DemoSeed').log(
    { organizations: orgs.size, users: users.size },
    config.app.provinceName ? 'demo province seeded' : 'demo county seeded',
  );
  return true;
}
