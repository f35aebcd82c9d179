import type { INestApplication } from '@nestjs/common';
import { cstDate, type CompetitionView } from '@union/shared';
import { DataSource } from 'typeorm';
import { PublicNotice } from '../modules/notices/entities/public-notice.entity';
import { CompetitionEntriesService } from '../modules/competitions/competition-entries.service';
import { CompetitionJudgingService } from '../modules/competitions/competition-judging.service';
import { CompetitionsService } from '../modules/competitions/competitions.service';
import { EmployerFlagsService } from '../modules/competitions/employer-flags.service';
import type { DemoContext } from './demo-hardship';

const DAY_MS = 86_400_000;
const day = (offset: number) => cstDate(new Date(Date.now() + offset * DAY_MS));

/**
 * Competitions of the demo county: a published skills contest (李会员 won first prize and can
 * save the certificate), the 安康杯 open for registration, a speech contest whose notice is over
 * (the organiser publishes it), and an electricians' contest being judged (郑评委 still has to
 * score), through the services the API uses.
 */
export async function seedDemoCompetitions(app: INestApplication, ctx: DemoContext): Promise<void> {
  const competitions = app.get(CompetitionsService);
  const entries = app.get(CompetitionEntriesService);
  const judging = app.get(CompetitionJudgingService);
  const flags = app.get(EmployerFlagsService);
  const county = await ctx.actor('county_cadre');
  const judges = [await ctx.actor('judge'), await ctx.actor('judge2'), await ctx.actor('judge3')];
  const judgeIds = judges.map((j) => j.userId);
  const step = async (c: CompetitionView, action: string) =>
    competitions.transition(county, c.id, { action: action as never, version: c.version });

  await flags.create(county, {
    employerName: '城关纺织有限公司',
    kind: 'serious_accident',
    note: '2025 年 8 月车间火灾，1 人重伤',
    since: day(-460),
  });

  // Published: the nursing skills contest.
  let skills = await competitions.create(county, {
    kind: 'skills',
    title: `${day(0).slice(0, 4)}年卫生系统医疗护理操作技能比赛`,
    description: '与县卫生行业工会联合会共同举办，选拔岗位标兵、技术能手。',
    registrationClosesOn: day(0),
    startsOn: day(0),
    endsOn: day(0),
    noticeDays: 5,
    events: [
      {
        name: '静脉输液操作',
        entryKind: 'individual',
        maxEntries: 30,
        scoring: { kind: 'judges_average', dropExtremesFrom: 5 },
        tieBreak: 'best_single_score',
        awards: [
          { title: '一等奖', fromRank: 1, toRank: 1, prize: '奖金 1000 元' },
          { title: '二等奖', fromRank: 2, toRank: 2 },
          { title: '三等奖', fromRank: 3, toRank: 3 },
          { title: '技术能手', fromRank: 1, toRank: 3 },
        ],
      },
    ],
  });
  const skillsEvent = skills.events[0].id;
  skills = await competitions.setJudges(county, skills.id, skillsEvent, { judgeUserIds: judgeIds });
  skills = await step(skills, 'open_registration');
  const skillEntries = [];
  for (const who of ['member', 'han', 'he', 'jiang'])
    skillEntries.push(await entries.register(await ctx.actor(who), skills.id, { eventId: skillsEvent }));
  skills = await step(skills, 'close_registration');
  const points = [
    [9600, 9500, 9700],
    [9100, 9300, 9200],
    [8800, 9000, 8900],
    [8500, 8700, 8600],
  ];
  for (const [i, entry] of skillEntries.entries()) {
    for (const [j, judge] of judges.entries())
      await judging.score(judge, skills.id, skillsEvent, { entryId: entry.id, points: points[i][j] });
  }
  skills = await step(skills, 'compute_results');
  skills = await step(skills, 'start_notice');
  // The notice ran its five days (time travel for the demo only).
  await app
    .get(DataSource)
    .getRepository(PublicNotice)
    .update({ caseId: skills.caseId }, { endsAt: new Date(Date.now() - 1000) });
  skills = await competitions.get(county, skills.id);
  await step(skills, 'publish');

  // Open for registration: 安康杯.
  const ankang = await competitions.create(county, {
    kind: 'ankang_cup',
    title: `${day(0).slice(0, 4)}年“安康杯”安全知识竞赛`,
    description: '安全生产知识答题、班组应急演练和企业安全管理评比。',
    registrationClosesOn: day(20),
    startsOn: day(25),
    endsOn: day(30),
    noticeDays: 5,
    events: [
      {
        name: '个人安全知识答题',
        entryKind: 'individual',
        maxEntries: 0,
        scoring: { kind: 'direct', better: 'higher', unit: '题' },
        tieBreak: 'earlier_registration',
        awards: [
          { title: '一等奖', fromRank: 1, toRank: 1 },
          { title: '二等奖', fromRank: 2, toRank: 3 },
          { title: '三等奖', fromRank: 4, toRank: 6 },
        ],
      },
      {
        name: '班组应急演练',
        entryKind: 'team',
        maxEntries: 3,
        teamMin: 3,
        teamMax: 6,
        scoring: { kind: 'judges_average', dropExtremesFrom: 5 },
        tieBreak: 'shared',
        awards: [{ title: '优秀班组', fromRank: 1, toRank: 2 }],
      },
    ],
  });
  const open = await step(ankang, 'open_registration');
  await entries.register(await ctx.actor('han'), open.id, { eventId: open.events[0].id });
  await entries.register(await ctx.actor('he'), open.id, {
    eventId: open.events[1].id,
    teamName: '钢筋班',
    members: ['何师傅', '蒋师傅', '宋师傅'],
  });

  // On notice, its five days over: the speech contest, waiting for the organiser to publish (李会员 first).
  let speech = await competitions.create(county, {
    kind: 'speech',
    title: '“感恩·奋进”职工演讲比赛',
    description: '来自全县各条战线的职工选手参赛。',
    registrationClosesOn: day(0),
    startsOn: day(0),
    endsOn: day(0),
    noticeDays: 5,
    events: [
      {
        name: '主题演讲',
        entryKind: 'individual',
        maxEntries: 20,
        scoring: { kind: 'judges_average', dropExtremesFrom: 5 },
        tieBreak: 'shared',
        awards: [
          { title: '一等奖', fromRank: 1, toRank: 1 },
          { title: '二等奖', fromRank: 2, toRank: 3 },
        ],
      },
    ],
  });
  speech = await competitions.setJudges(county, speech.id, speech.events[0].id, { judgeUserIds: judgeIds });
  speech = await step(speech, 'open_registration');
  const speakers = [];
  for (const who of ['member', 'song', 'jiang'])
    speakers.push(await entries.register(await ctx.actor(who), speech.id, { eventId: speech.events[0].id }));
  speech = await step(speech, 'close_registration');
  for (const [i, entry] of speakers.entries()) {
    for (const judge of judges) await judging.score(judge, speech.id, speech.events[0].id, { entryId: entry.id, points: 9400 - i * 200 });
  }
  speech = await step(speech, 'compute_results');
  speech = await step(speech, 'start_notice');
  await app
    .get(DataSource)
    .getRepository(PublicNotice)
    .update({ caseId: speech.caseId }, { endsAt: new Date(Date.now() - 1000) });

  // Being judged: the electricians' contest; 冯评委 and 何评委 scored, 郑评委 has not yet.
  let electric = await competitions.create(county, {
    kind: 'skills',
    title: '职工技能比武·维修电工',
    description: '低压配电线路故障排查实操。',
    registrationClosesOn: day(0),
    startsOn: day(0),
    endsOn: day(1),
    noticeDays: 5,
    events: [
      {
        name: '故障排查',
        entryKind: 'individual',
        maxEntries: 20,
        scoring: { kind: 'judges_average', dropExtremesFrom: 5 },
        tieBreak: 'best_single_score',
        awards: [
          { title: '技术能手', fromRank: 1, toRank: 1 },
          { title: '岗位标兵', fromRank: 2, toRank: 3 },
        ],
      },
    ],
  });
  electric = await competitions.setJudges(county, electric.id, electric.events[0].id, { judgeUserIds: judgeIds });
  electric = await step(electric, 'open_registration');
  const electricians = [];
  for (const who of ['han', 'he', 'jiang'])
    electricians.push(await entries.register(await ctx.actor(who), electric.id, { eventId: electric.events[0].id }));
  electric = await step(electric, 'close_registration');
  for (const [i, entry] of electricians.entries()) {
    for (const judge of judges.slice(1))
      await judging.score(judge, electric.id, electric.events[0].id, { entryId: entry.id, points: 8800 + i * 150 });
  }
}
