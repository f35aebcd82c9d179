import type { INestApplication } from '@nestjs/common';
import {
  cstDate,
  DEFAULT_HARDSHIP_RULES,
  HARDSHIP_CONSENT_VERSIONS,
  idCheckDigit,
  type HardshipApplicationView,
  type HardshipCause,
  type HouseholdMemberInput,
} from '@union/shared';
import type { Actor } from '../common/actor';
import { PublicNotice } from '../modules/notices/entities/public-notice.entity';
import { HardshipApplicationsService } from '../modules/hardship/hardship-applications.service';
import { HardshipCampaignsService } from '../modules/hardship/hardship-campaigns.service';
import type { CreateHardshipApplicationRequest } from '@union/shared';
import { AssistanceRecordsService } from '../modules/hardship/assistance-records.service';
import { HardshipNoticesService } from '../modules/hardship/hardship-notices.service';
import { HardshipRulesService } from '../modules/hardship/hardship-rules.service';
import { HardshipStepsService } from '../modules/hardship/hardship-steps.service';
import type { Organization } from '../modules/organizations/organization.entity';
import { Db } from '../database/db.service';

/** What the hardship part of the demo needs from the county seed. */
export interface DemoContext {
  orgs: Map<string, Organization>;
  actor: (key: string) => Promise<Actor>;
  names: Map<string, string>;
}

/** A valid demo ID number for a household member (born 1980, sequence `seq`). */
function householdId(seq: number, birth: string): string {
  const first17 = `330104${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

/**
 * The county's hardship rules (the defaults, in force since 1 January) and applications in every
 * state of the procedure, made through the same services the API uses.
 */
export async function seedDemoHardship(app: INestApplication, ctx: DemoContext): Promise<void> {
  const db = app.get(Db);
  const rules = app.get(HardshipRulesService);
  const applications = app.get(HardshipApplicationsService);
  const steps = app.get(HardshipStepsService);
  const aidRecords = app.get(AssistanceRecordsService);
  const notices = app.get(HardshipNoticesService);
  const campaigns = app.get(HardshipCampaignsService);
  const county = ctx.orgs.get('county') as Organization;
  const year = Number(cstDate(new Date()).slice(0, 4));
  await db.transaction(async (manager) =>
    rules.insert(manager, county.id, year, `${year}-01-01`, DEFAULT_HARDSHIP_RULES, await ctx.actor('county_admin')),
  );

  let seq = 200;
  const today = cstDate(new Date());
  const submit = async (who: string, org: string, cause: HardshipCause, situation: string, incomeFen: number) => {
    seq += 3;
    const name = ctx.names.get(who) as string;
    const members: HouseholdMemberInput[] = [
      {
        relation: 'self',
        name,
        idNumber: householdId(seq, '19800315'),
        annualIncomeFen: incomeFen,
        health: 'healthy',
        workStatus: 'employed',
      },
      {
        relation: 'spouse',
        name: '刘秀英',
        idNumber: householdId(seq + 1, '19820708'),
        annualIncomeFen: 0,
        health: cause === 'illness' ? 'serious_illness' : 'healthy',
        healthNote: cause === 'illness' ? '患慢性肾病，需长期透析' : undefined,
        workStatus: cause === 'illness' ? 'unable_to_work' : 'unemployed',
      },
      {
        relation: 'child',
        name: '小宝',
        idNumber: householdId(seq + 2, '20100921'),
        annualIncomeFen: 0,
        health: 'healthy',
        workStatus: 'student',
      },
    ];
    const body: CreateHardshipApplicationRequest = {
      organizationId: (ctx.orgs.get(org) as Organization).id,
      phone: `138${String(seq).padStart(8, '0')}`,
      employmentType: 'employee',
      employmentMonths: 48,
      members,
      otherIncomeFen: 0,
      essentialSpendingFen: cause === 'illness' ? 1_200_000 : 300_000,
      accidentCostsFen: 0,
      mainCause: cause,
      secondaryCauses: cause === 'illness' ? ['education_costs'] : [],
      situation,
      exclusions: [],
      bankAccount: { bankName: '县农村商业银行', accountName: name, accountNumber: `62284800${String(seq).padStart(11, '0')}` },
      evidenceUploadIds: [],
      consents: { ...HARDSHIP_CONSENT_VERSIONS },
    };
    return applications.submit(await ctx.actor(who), body);
  };
  const act = async (who: string, a: HardshipApplicationView, action: string, comment?: string) =>
    applications.transition(await ctx.actor(who), a.id, { action, version: a.version, comment });
  const visit = async (a: HardshipApplicationView, cadre = 'grassroots_cadre') =>
    steps.homeVisit(await ctx.actor(cadre), a.id, {
      version: a.version,
      visitedOn: today,
      visitors: ['张干事', '王委员'],
      findings: '家中陈设简单，与申报情况一致。',
      matchesDeclaration: true,
      photoUploadIds: [],
    });
  const review = async (a: HardshipApplicationView, cadre = 'grassroots_cadre') =>
    steps.democraticReview(await ctx.actor(cadre), a.id, {
      version: a.version,
      meetingOn: today,
      attendees: ['张干事', '王委员', '李代表', '赵代表', '孙代表'],
      votesFor: 5,
      votesAgainst: 0,
      abstentions: 0,
    });
  const toNotice = async (a: HardshipApplicationView, cadre = 'grassroots_cadre') =>
    review(await visit(await act(cadre, a, 'pass_initial_review'), cadre), cadre);
  /** The demo cannot wait five days: move a notice's end into the past. */
  const endNotice = async (a: HardshipApplicationView) =>
    db.manager.getRepository(PublicNotice).update({ caseId: a.caseId }, { endsAt: new Date(Date.now() - 60_000) });
  const throughNotice = async (a: HardshipApplicationView, cadre = 'grassroots_cadre') => {
    const noticed = await toNotice(a, cadre);
    await endNotice(noticed);
    return act(cadre, noticed, 'complete_public_notice');
  };
  const toFiled = async (a: HardshipApplicationView) => {
    const county = await act('town_cadre', await throughNotice(a, 'town_cadre'), 'pass_town_review');
    return steps.fileHousehold(await ctx.actor('county_cadre'), county.id, { version: county.version, category: 'relative' });
  };

  // One case in every state of the procedure.
  await submit('zhou', 'construction', 'low_income', '工地活时有时无，家里老人孩子都靠我。', 2_000_000);
  const needsMaterial = await submit('zheng', 'textile', 'illness', '爱人长期透析，医药费花光了积蓄。', 3_000_000);
  await steps.returnForMaterial(await ctx.actor('town_cadre'), needsMaterial.id, {
    version: needsMaterial.version,
    missingItems: ['医院诊断证明', '近一年医疗费票据'],
    comment: '请补充爱人的诊断证明和医疗费票据',
  });
  await act(
    'town_cadre',
    await submit('wu', 'riders', 'unemployment', '爱人失业在家，我送外卖收入不稳定。', 2_400_000),
    'pass_initial_review',
  );
  await visit(
    await act(
      'grassroots_cadre',
      await submit('han', 'construction', 'low_income', '家里三口人只靠我一个人的工资。', 2_200_000),
      'pass_initial_review',
    ),
  );
  const objected = await toNotice(await submit('song', 'construction', 'illness', '爱人重病，孩子上初中。', 2_600_000));
  await notices.object(await ctx.actor('jiang'), objected.publicNotice?.id as number, {
    channel: 'online',
    content: '听说他家在县城还有一套门面房出租，请核实。',
  });
  // 李会员's notice has ended: the demo (and the browser test) can finish the procedure with her case.
  await endNotice(await toNotice(await submit('member', 'construction', 'illness', '爱人患病不能工作，孩子上学。', 2_800_000)));
  await throughNotice(await submit('he', 'construction', 'low_income', '工资低，孩子上高中。', 2_300_000));
  const flooded = await throughNotice(await submit('feng', 'food', 'disaster', '今年夏天洪水冲毁了房屋。', 2_500_000), 'town2_cadre');
  await act('town2_cadre', flooded, 'pass_town_review');
  const rejected = await submit('sun', 'riders', 'low_income', '收入不高，想申请帮扶。', 9_000_000);
  await act('town_cadre', rejected, 'reject', '经入户核实，家庭人均收入高于相对困难标准');
  const withdrawn = await submit('qian', 'jinyan', 'low_income', '家里困难。', 2_000_000);
  await act('qian', withdrawn, 'withdraw');

  // 钱阿姨 applied again and was filed; one aid paid and signed, one paid awaiting her signature.
  const filed = await toFiled(await submit('qian', 'jinyan', 'illness', '爱人患病，孩子上学，家里只靠我打零工。', 2_000_000));
  const countyCadre = await ctx.actor('county_cadre');
  const living = await aidRecords.createAid(countyCadre, filed.fileId as number, {
    aidType: 'living',
    amountFen: 300_000,
    fundSource: '县总工会帮扶资金',
  });
  const livingPaid = await aidRecords.pay(countyCadre, living.id, { version: living.version, paymentReference: `NX${year}0001` });
  await aidRecords.aidTransition(await ctx.actor('qian'), living.id, { action: 'sign', version: livingPaid.version });
  const medical = await aidRecords.createAid(countyCadre, filed.fileId as number, {
    aidType: 'medical',
    amountFen: 200_000,
    fundSource: '县总工会医疗救助资金',
  });
  await aidRecords.pay(countyCadre, medical.id, { version: medical.version, paymentReference: `NX${year}0002` });

  // Campaigns: 送温暖 with 钱阿姨's household selected (approved, not yet paid), 金秋助学 open for applications.
  const winter = await campaigns.create(countyCadre, {
    kind: 'winter_warmth',
    title: `${year}年元旦春节送温暖`,
    budgetFen: 22_000_000,
    startsOn: today,
    endsOn: `${year + 1}-02-28`,
    eligibility: '在档困难职工家庭、困难劳模',
    amounts: { perHouseholdFen: 60_000 },
    fundSource: '送温暖专项资金',
  });
  await campaigns.select(countyCadre, winter.id, { fileIds: [filed.fileId as number] });
  await campaigns.create(countyCadre, {
    kind: 'autumn_school_grant',
    title: `${year}年金秋助学`,
    budgetFen: 5_000_000,
    startsOn: today,
    endsOn: `${year}-12-31`,
    eligibility: '在档困难职工家庭子女，当年考入大学（含大专）或高中（含中职）',
    amounts: {},
    fundSource: '金秋助学专项资金',
  });
}
