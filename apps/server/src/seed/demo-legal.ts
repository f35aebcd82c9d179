import type { INestApplication } from '@nestjs/common';
import {
  cstDate,
  LEGAL_CONSENT_VERSION,
  type ConsultationChannel,
  type CreateLegalAidApplicationRequest,
  type SlotView,
} from '@union/shared';
import { Consultation } from '../modules/legal/entities/consultation.entity';
import { LegalAidService } from '../modules/legal/legal-aid.service';
import { LegalConsultationsService } from '../modules/legal/legal-consultations.service';
import { LegalPetitionsService } from '../modules/legal/legal-petitions.service';
import { LegalScheduleService } from '../modules/legal/legal-schedule.service';
import { LegalThreadsService } from '../modules/legal/legal-threads.service';
import { Db } from '../database/db.service';
import type { Organization } from '../modules/organizations/organizations.service';
import type { DemoContext } from './demo-hardship';

const CENTRE = '县总工会职工法律援助中心（县工人文化宫一楼）';
const DAY_MS = 86_400_000;
const daysAgo = (n: number) => cstDate(new Date(Date.now() - n * DAY_MS));

/**
 * The legal-aid centre of the demo county: three lawyers' weekly schedules, consultations booked
 * and held, and legal-aid cases at every step (awaiting decision, refused, in mediation with its
 * clock running out, in arbitration, closed with money recovered), through the services the API uses.
 */
export async function seedDemoLegal(app: INestApplication, ctx: DemoContext): Promise<void> {
  const db = app.get(Db);
  const schedule = app.get(LegalScheduleService);
  const consultations = app.get(LegalConsultationsService);
  const aid = app.get(LegalAidService);
  const threads = app.get(LegalThreadsService);
  const petitions = app.get(LegalPetitionsService);
  const staff = await ctx.actor('legal_staff');
  const lawyer = await ctx.actor('lawyer');
  const lawyer2 = await ctx.actor('lawyer2');
  const townLawyer = await ctx.actor('town_lawyer');

  const weekdays = (days: number[], start: string, end: string, channels: ConsultationChannel[], place = CENTRE) =>
    days.map((weekday) => ({ weekday, startTime: start, endTime: end, slotMinutes: 30, channels, place }));
  await schedule.setAvailability(staff, lawyer.userId, {
    rules: [...weekdays([1, 3, 5], '09:00', '11:30', ['in_person', 'phone']), ...weekdays([2, 4], '14:30', '17:00', ['phone', 'video'])],
  });
  await schedule.setAvailability(staff, lawyer2.userId, { rules: weekdays([2, 4], '09:00', '11:30', ['in_person', 'video']) });
  await schedule.setAvailability(staff, staff.userId, { rules: weekdays([1, 2, 3, 4, 5], '14:00', '15:00', ['phone']) });
  await schedule.setAvailability(townLawyer, townLawyer.userId, {
    rules: weekdays([3], '09:00', '11:00', ['in_person'], '万安镇职工服务站'),
  });

  // Free slots from the day after tomorrow, so the demo always has bookings ahead.
  const countyId = (ctx.orgs.get('county') as Organization).id;
  const days = await schedule.freeSlots({ countyId, from: cstDate(new Date(Date.now() + 2 * DAY_MS)), days: 14 });
  const slots = days.flatMap((d) => d.slots);
  const slotOf = (lawyerUserId: number, channel: ConsultationChannel, skip = 0): SlotView => {
    const found = slots.filter((s) => s.lawyerUserId === lawyerUserId && s.channels.includes(channel));
    return found[skip] ?? found[0];
  };
  const book = async (
    who: string,
    slot: SlotView,
    channel: ConsultationChannel,
    topic: 'unpaid_wages' | 'dismissal',
    description: string,
  ) =>
    consultations.book(await ctx.actor(who), {
      lawyerUserId: slot.lawyerUserId,
      startsAt: slot.startsAt,
      channel,
      topic,
      description,
      phone: channel === 'in_person' ? undefined : '13900000201',
    });

  // Upcoming: 李会员 will see 孙律师 at the centre.
  await book(
    'member',
    slotOf(lawyer.userId, 'in_person'),
    'in_person',
    'dismissal',
    '公司口头通知我下月不用来上班了，没有书面通知，也没说补偿。',
  );

  // Just held, advice not yet written: 李会员's phone consultation an hour ago, on 孙律师's day list.
  const justHeld = await book(
    'member',
    slotOf(lawyer.userId, 'phone', 1),
    'phone',
    'unpaid_wages',
    '老板拖欠我三个月工资 9000 元，说等工程款到了再给。',
  );
  await db.transaction(async (manager) => {
    const start = new Date(Date.now() - 60 * 60_000);
    await manager
      .getRepository(Consultation)
      .update({ id: justHeld.id }, { startsAt: start, endsAt: new Date(start.getTime() + 30 * 60_000) });
  });

  // Held: 周大山 talked to 孙律师 about unpaid wages; the lawyer advised legal aid.
  const held = await book(
    'zhou',
    slotOf(lawyer.userId, 'phone', 3),
    'phone',
    'unpaid_wages',
    '在工地干了八个月，包工头欠我两个月工资 8600 元，一直拖着不给。',
  );
  await db.transaction(async (manager) => {
    const start = new Date(Date.now() - 3 * DAY_MS);
    await manager.getRepository(Consultation).update({ id: held.id }, { startsAt: start, endsAt: new Date(start.getTime() + 30 * 60_000) });
  });
  await consultations.advice(lawyer, held.id, {
    version: held.version,
    summary: '农民工，县城某建筑工地干了八个月，包工头欠两个月工资 8600 元，有工友可以作证，有包工头写的欠条。',
    advice: '先保存好欠条原件和工友的联系方式；可以向中心申请法律援助，由律师代为向施工总承包单位主张，必要时申请劳动仲裁。',
    suggestLegalAid: true,
  });

  const base = (over: Partial<CreateLegalAidApplicationRequest>): CreateLegalAidApplicationRequest => ({
    disputeType: 'unpaid_wages',
    isMigrantWorker: true,
    amountClaimedFen: 860_000,
    householdMonthlyIncomeFen: 600_000,
    householdSize: 3,
    seriousIllnessOrDisaster: false,
    unionStaffHarmedForDuty: false,
    employer: { name: '县城建筑公司', creditCode: null, address: '城关镇建设路 8 号' },
    claims: '支付拖欠的工资。',
    phone: '13900000301',
    employmentStartedOn: daysAgo(300),
    employmentEndedOn: daysAgo(40),
    learnedOn: daysAgo(40),
    evidence: [],
    consentVersion: LEGAL_CONSENT_VERSION,
    countyId,
    ...over,
  });

  // Awaiting the centre's decision: 周大山's application, carried over from the consultation.
  await aid.submit(
    await ctx.actor('zhou'),
    base({ fromConsultationId: held.id, claims: '支付拖欠的两个月工资 8600 元。', witnesses: '工友 老李、老王' }),
  );

  // Refused: 吴小梅, not a migrant worker, household income above the line.
  const refused = await aid.submit(
    await ctx.actor('wu'),
    base({
      disputeType: 'dismissal',
      isMigrantWorker: false,
      amountClaimedFen: 1_200_000,
      householdMonthlyIncomeFen: 1_100_000,
      householdSize: 2,
      employer: { name: '美团外卖城关站', creditCode: null, address: null },
      claims: '违法解除劳动合同赔偿金 12000 元。',
      employmentEndedOn: daysAgo(20),
      learnedOn: daysAgo(20),
    }),
  );
  await aid.reject(staff, refused.id, {
    version: refused.version,
    reason: '家庭人均月收入高于本县最低工资标准，不符合法律援助经济困难条件',
  });

  // In mediation, its 15 days running out: 郑师傅 against 城关纺织有限公司.
  const mediation = await aid.submit(
    await ctx.actor('zheng'),
    base({
      disputeType: 'unpaid_wages',
      amountClaimedFen: 2_350_000,
      employer: { name: '城关纺织有限公司', creditCode: '91330100MA2XXXXX0J', address: '城关镇纺织路 1 号' },
      claims: '支付 2026 年 3 月至 8 月的加班费和拖欠工资共 23500 元。',
    }),
  );
  const m1 = await aid.accept(staff, mediation.id, { version: mediation.version, lawyerUserId: lawyer.userId });
  await aid.stage(lawyer, mediation.id, {
    version: m1.version,
    action: 'start_mediation',
    startedOn: daysAgo(10),
    mediationStartedOn: daysAgo(10),
    note: '已向县劳动人事争议调解中心申请调解。',
  });

  // In arbitration: 宋师傅 (assigned to 吴律师).
  const arbitration = await aid.submit(
    await ctx.actor('song'),
    base({
      disputeType: 'work_injury',
      amountClaimedFen: 5_600_000,
      employer: { name: '万安食品有限公司', creditCode: null, address: null },
      claims: '工伤医疗费、停工留薪期工资和一次性伤残补助金共 56000 元。',
    }),
  );
  const a1 = await aid.accept(staff, arbitration.id, { version: arbitration.version, lawyerUserId: lawyer2.userId });
  await aid.stage(lawyer2, arbitration.id, {
    version: a1.version,
    action: 'start_arbitration',
    startedOn: daysAgo(20),
    arbitrationAppliedOn: daysAgo(20),
    arbitrationAcceptedOn: daysAgo(16),
    note: '县劳动人事争议仲裁委员会已受理。',
  });

  // Closed with money recovered: 韩师傅.
  const closed = await aid.submit(
    await ctx.actor('han'),
    base({
      amountClaimedFen: 660_000,
      employer: { name: '城关快递服务部', creditCode: null, address: null },
      claims: '支付拖欠的工资 6600 元。',
    }),
  );
  const c1 = await aid.accept(staff, closed.id, { version: closed.version, lawyerUserId: lawyer.userId });
  const c2 = await aid.stage(lawyer, closed.id, {
    version: c1.version,
    action: 'start_negotiation',
    startedOn: daysAgo(12),
    note: '与老板电话协商。',
  });
  await aid.close(lawyer, closed.id, {
    version: c2.version,
    outcome: 'settled',
    amountClaimedFen: 660_000,
    amountRecoveredFen: 660_000,
    recoveredOn: daysAgo(5),
    note: '经协商，老板一次性支付拖欠工资 6600 元。',
  });

  // Online consultations: one waiting for a lawyer, one answered (李会员 has an unread answer).
  await threads.create(await ctx.actor('feng'), {
    countyId,
    topic: 'social_insurance',
    body: '单位这两年一直没给我交社保，现在想补缴，应该找谁？',
  });
  const asked = await threads.create(await ctx.actor('member'), {
    countyId,
    topic: 'contract',
    body: '试用期被延长到了一年，这样合法吗？',
  });
  const answering = asked.lawyerUserId === lawyer2.userId ? lawyer2 : lawyer;
  await threads.post(answering, asked.id, {
    body: '不合法。劳动合同期限三年以上的，试用期最长六个月；同一单位与同一劳动者只能约定一次试用期。可以先和单位协商，协商不成可以申请仲裁。',
  });

  // Petitions: a collective wage dispute in progress, and one resolved into a legal-aid case.
  const collective = await petitions.create(staff, {
    channel: 'visit',
    petitionerName: '何建国',
    petitionerPhone: '13900000401',
    employerName: '万安食品有限公司',
    workerCount: 12,
    subject: '12 名职工反映被拖欠两个月工资',
    content: '万安食品有限公司生产线 12 名职工反映今年 9、10 月工资未发，已找过车间主任，没有结果。',
    receivedOn: daysAgo(6),
  });
  await petitions.transition(staff, collective.id, { action: 'accept', version: collective.version });
  await petitions.meeting(staff, collective.id, {
    heldOn: daysAgo(2),
    attendees: '县总工会马主任、万安镇总工会刘主席、企业负责人、职工代表 3 人',
    summary: '企业承认拖欠，承诺 11 月底前分两次发放；工会跟踪落实。',
  });
  const single = await petitions.create(staff, {
    channel: 'phone',
    petitionerName: '韩立',
    petitionerPhone: '13900000402',
    employerName: '城关快递服务部',
    workerCount: 1,
    subject: '快递员反映被拖欠工资',
    content: '城关快递服务部拖欠工资 6600 元，多次讨要未果。',
    receivedOn: daysAgo(25),
  });
  const s1 = await petitions.transition(staff, single.id, { action: 'accept', version: single.version });
  await petitions.resolve(staff, single.id, {
    version: s1.version,
    result: '转法律援助中心办理，经协商老板已一次性支付 6600 元。',
    legalAidApplicationIds: [closed.id],
  });
}
