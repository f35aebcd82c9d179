import {
  DEFAULT_HARDSHIP_RULES,
  HARDSHIP_APPLICATION_WORKFLOW as WF,
  HARDSHIP_FILE_WORKFLOW,
  type DemocraticReviewRequest,
  type FileHouseholdRequest,
  type HardshipApplicationAction,
  type HardshipRules,
  type HomeVisitRequest,
  type ResubmitHardshipRequest,
  type ReturnForMaterialRequest,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import type { NoticeHold, NoticesService } from '../notices/notices.service';
import type { Organization, OrganizationsService } from '../organizations/organizations.service';
import type { PiiCipher } from '../pii/pii-cipher';
import type { UploadsService } from '../uploads/uploads.service';
import type { TransitionService } from '../workflow/transition.service';
import type { CasePlacement, WorkflowCase, WorkflowCases } from '../workflow/workflow-cases.service';
import { caseRow, DAY_MS, InMemoryDb, staffActor, StillClock, stepOf, takeStep } from '../workflow/testing/fakes';
import { DemocraticReview } from './entities/democratic-review.entity';
import { HardshipApplication } from './entities/hardship-application.entity';
import { HardshipFile } from './entities/hardship-file.entity';
import { HomeVisit } from './entities/home-visit.entity';
import { HouseholdMember } from './entities/household-member.entity';
import { addMonths, HardshipApplicationProcess, missingItemsOf } from './hardship-application.process';
import type { HardshipRulesService } from './hardship-rules.service';
import type { HardshipViews } from './hardship-views.service';

// 10:00 on 1 December 2026 in China.
const NOW = new Date('2026-12-01T02:00:00Z');

/**
 * The assistance procedure's process with every collaborator replaced: the application, its
 * household and the records it writes in memory; the rule set a map by id; the cipher tags what it
 * encrypts with its associated data; uploads, notices, the case rows and the file case recorders.
 */
function newTestService(rules: Partial<HardshipRules> = {}) {
  const db = new InMemoryDb();
  const [app] = db.seed(HardshipApplication, {
    id: 80,
    caseId: 7,
    uid: 'app-uid-80',
    applicantUserId: 100,
    organizationId: 5,
    applicantNameMasked: '王*',
    openSelfIdIndex: 'self-idx',
    householdSize: 3,
    ruleSetId: 21,
    ruleSetVersion: 3,
    assessment: { category: 'severe' } as HardshipApplication['assessment'],
    missingItems: [],
    fileId: null,
  });
  db.seed(
    HouseholdMember,
    { id: 1, applicationId: 80, relation: 'self', nameMasked: '王*', idNumberMasked: '110105********002X', active: true },
    { id: 2, applicationId: 80, relation: 'spouse', nameMasked: '李*', idNumberMasked: '110105********0021', active: true },
    { id: 3, applicationId: 81, relation: 'self', nameMasked: '赵*', idNumberMasked: '110105********0033', active: true },
  );
  const clock = new StillClock(NOW);
  const ruleSetsAsked: number[] = [];
  const ruleSet: HardshipRules = { ...DEFAULT_HARDSHIP_RULES, ...rules };
  const hardshipRules = {
    byId: (_m: EntityManager, id: number) => {
      ruleSetsAsked.push(id);
      return Promise.resolve({ row: { id }, rules: ruleSet });
    },
  } as unknown as HardshipRulesService;
  const cipher = { encrypt: (plain: string, aad: string) => `enc(${aad})${plain}` } as unknown as PiiCipher;
  const attached: { ids: number[]; caseId: number }[] = [];
  const uploads = {
    attachToCase: (_m: EntityManager, _a: Actor, ids: number[], caseId: number) => (attached.push({ ids, caseId }), Promise.resolve()),
  } as unknown as UploadsService;
  const union: Partial<Organization> = { id: 5, name: '城关机械厂工会', path: '/1/2/5/' };
  const organizations = { get: () => Promise.resolve(union as Organization) } as unknown as OrganizationsService;
  const hold: { now: NoticeHold | null; asked: number[] } = { now: null, asked: [] };
  const views = {
    noticeHold: (_m: EntityManager, a: { caseId: number }) => (hold.asked.push(a.caseId), Promise.resolve(hold.now)),
  } as unknown as HardshipViews;
  const started: { caseId: number; startsAt: Date; endsAt: Date; content?: string | null }[] = [];
  const notices = {
    start: (_m: EntityManager, k: { id: number }, n: { startsAt: Date; endsAt: Date; content?: string | null }) => (
      started.push({ caseId: k.id, ...n }),
      Promise.resolve({ id: 1 })
    ),
  } as unknown as NoticesService;
  const placed: { caseId: number; placement: CasePlacement }[] = [];
  const cases = {
    place: (_m: EntityManager, caseId: number, placement: CasePlacement) => (placed.push({ caseId, placement }), Promise.resolve()),
  } as unknown as WorkflowCases;
  const opened: { caseType: string; input: Record<string, unknown> }[] = [];
  const attachedSubjects: { caseId: number; subjectId: number }[] = [];
  const transitions = {
    open: (_m: EntityManager, def: { caseType: string }, input: Record<string, unknown>) => {
      opened.push({ caseType: def.caseType, input });
      return Promise.resolve(caseRow({ id: 900, caseType: def.caseType, state: 'active', subjectId: null }));
    },
    attachSubject: (_m: EntityManager, k: WorkflowCase, subjectId: number) => (
      attachedSubjects.push({ caseId: k.id, subjectId }),
      Promise.resolve()
    ),
  } as unknown as TransitionService;
  const process = new HardshipApplicationProcess(clock, cipher, transitions, hardshipRules, views, uploads, organizations, cases, notices);
  const kase = caseRow({ id: 7, caseType: 'hardship_application', subjectId: 80, state: 'submitted', organizationPath: '/1/2/5/' });
  const step = (action: HardshipApplicationAction, state: string, comment?: string) =>
    stepOf(WF, action, { manager: db.manager, kase: { ...kase, state }, subject: app, actor: staffActor(), comment });
  return { db, clock, process, kase, step, ruleSetsAsked, attached, hold, started, placed, opened, attachedSubjects };
}

describe('HardshipApplicationProcess (collaborators replaced)', () => {
  it('loads the application, and takes its deadlines from the rule set it was made under', async () => {
    const { db, process, kase, ruleSetsAsked } = newTestService({ deadlines: { ...DEFAULT_HARDSHIP_RULES.deadlines, homeVisit: 8 } });
    const app = await process.subject(db.manager, kase);
    expect(app).toMatchObject({ id: 80, ruleSetId: 21 });
    await expect(process.deadlines(db.manager, app)).resolves.toMatchObject({ homeVisit: 8, grassrootsReview: 5 });
    expect(ruleSetsAsked).toEqual([21]);
  });

  it('returns for material with the reviewer’s list, blanks and spaces dropped, and tells the worker', async () => {
    const { db, process, step } = newTestService();
    const body = { version: 3, missingItems: [' 收入证明 ', '', '  ', '病历'], comment: '请补充' } satisfies ReturnForMaterialRequest;
    expect(missingItemsOf(body)).toEqual(['收入证明', '病历']);
    const { notice } = await takeStep(process, step('return_for_material', 'submitted', '请在一周内补充'), body);
    expect(db.row(HardshipApplication, 80)?.missingItems).toEqual(['收入证明', '病历']);
    expect(notice).toEqual({
      title: '帮扶申请需要补充材料',
      body: '请按清单补充材料后重新提交。请在一周内补充',
      link: '/pages/hardship/application/index?id=80',
    });
  });

  it('a resubmission attaches the new evidence to the case and clears the list of what was missing', async () => {
    const { db, process, step, attached } = newTestService();
    await db.manager.getRepository(HardshipApplication).update({ id: 80 }, { missingItems: ['收入证明'] });
    const { notice } = await takeStep(process, step('resubmit', 'needs_material'), {
      version: 4,
      evidenceUploadIds: [31, 32],
    } satisfies ResubmitHardshipRequest);
    expect(attached).toEqual([{ ids: [31, 32], caseId: 7 }]);
    expect(db.row(HardshipApplication, 80)?.missingItems).toEqual([]);
    expect(notice.title).toBe('补充材料已提交');
  });

  it('a resubmission without new files attaches nothing', async () => {
    const { process, step, attached } = newTestService();
    await takeStep(process, step('resubmit', 'needs_material'), { version: 4, evidenceUploadIds: [] } satisfies ResubmitHardshipRequest);
    expect(attached).toEqual([]);
  });

  it('records the home visit: visitors trimmed, findings encrypted for this application, photos and the signed form attached', async () => {
    const { db, process, step, attached } = newTestService();
    const body = {
      version: 5,
      visitedOn: '2026-11-30',
      visitors: [' 张干事 ', '李委员'],
      findings: '  家中两人患病，无固定收入。 ',
      matchesDeclaration: true,
      photoUploadIds: [41, 42],
      formUploadId: 43,
    } satisfies HomeVisitRequest;
    const { notice } = await takeStep(process, step('record_home_visit', 'home_visit'), body);
    expect(attached).toEqual([{ ids: [41, 42, 43], caseId: 7 }]);
    expect(db.rows(HomeVisit)).toEqual([
      expect.objectContaining({
        applicationId: 80,
        visitedOn: '2026-11-30',
        visitors: ['张干事', '李委员'],
        findingsEnc: 'enc(hardship_home_visits:app-uid-80:findings)家中两人患病，无固定收入。',
        matchesDeclaration: true,
        photoUploadIds: [41, 42],
        formUploadId: 43,
        recordedByUserId: 1,
        createdAt: NOW,
      }),
    ]);
    expect(notice).toMatchObject({ title: '入户调查已完成', body: '下一步由工会组织民主评议。' });
  });

  it('records the democratic review and starts the public notice for the rule set’s days, with a masked text and its end as the step’s due', async () => {
    const { db, process, step, started, ruleSetsAsked } = newTestService({ publicNoticeDays: 7 });
    const body = {
      version: 6,
      meetingOn: '2026-11-30',
      attendees: [' 张干事', '李委员 ', '赵代表'],
      votesFor: 9,
      votesAgainst: 1,
      abstentions: 0,
      minutesUploadId: 44,
      comment: '',
    } as DemocraticReviewRequest;
    const { outcome, notice } = await takeStep(process, step('record_democratic_review', 'democratic_review'), body);
    expect(db.rows(DemocraticReview)).toEqual([
      expect.objectContaining({
        applicationId: 80,
        attendees: ['张干事', '李委员', '赵代表'],
        votesFor: 9,
        votesAgainst: 1,
        minutesUploadId: 44,
      }),
    ]);
    const endsAt = new Date(NOW.getTime() + 7 * DAY_MS);
    expect(ruleSetsAsked).toEqual([21]);
    expect(outcome).toEqual({ dueAt: endsAt });
    expect(started).toEqual([
      {
        caseId: 7,
        startsAt: NOW,
        endsAt,
        content:
          '经本人申请、入户调查和民主评议，拟将 王*（身份证 110105********002X）家庭（3 人）认定为深度困难职工家庭。' +
          '公示期 2026-12-01 至 2026-12-08，如有异议，请向城关机械厂工会反映，或在小程序中提出。',
      },
    ]);
    expect(notice.title).toBe('帮扶申请进入公示');
  });

  it('the notice runs from the moment the review is recorded (move the clock: the dates follow)', async () => {
    const { clock, process, step, started } = newTestService();
    clock.advance(20 * DAY_MS);
    const { outcome } = await takeStep(process, step('record_democratic_review', 'democratic_review'), {
      version: 6,
      meetingOn: '2026-12-20',
      attendees: ['张干事', '李委员', '赵代表'],
      votesFor: 5,
      votesAgainst: 0,
      abstentions: 0,
    } as DemocraticReviewRequest);
    expect(outcome.dueAt).toEqual(new Date('2026-12-26T02:00:00Z'));
    expect(started[0].content).toContain('公示期 2026-12-21 至 2026-12-26');
  });

  it('completes the public notice only when the notice lets it (running, or an objection open, is refused with its reason)', async () => {
    const { process, step, hold } = newTestService();
    hold.now = { code: 'notice_period_running', message: '公示期到 2026-12-06 10:00 结束，之后才能报上级审核' };
    await expect(takeStep(process, step('complete_public_notice', 'public_notice'))).rejects.toMatchObject({
      code: 'notice_period_running',
      publicMessage: '公示期到 2026-12-06 10:00 结束，之后才能报上级审核',
    });
    hold.now = { code: 'objection_open', message: '还有 1 条异议没有处理，处理完才能报上级审核' };
    await expect(takeStep(process, step('complete_public_notice', 'public_notice'))).rejects.toMatchObject({ code: 'objection_open' });
    hold.now = null;
    const { notice } = await takeStep(process, step('complete_public_notice', 'public_notice'));
    expect(notice).toMatchObject({ title: '公示结束', body: '您的申请已报乡镇(行业)工会审核。' });
    expect(hold.asked).toEqual([7, 7, 7]);
  });

  it('approving files the household: a file case due at the first re-check, the file numbered by year and id, the application linked', async () => {
    const { db, process, step, opened, attachedSubjects, placed } = newTestService({ recheckMonths: 6 });
    db.seed(HardshipFile, { id: 41, fileNo: 'KN202600041', applicationId: 1 });
    const { notice } = await takeStep(process, step('approve_and_file', 'county_approval'), {
      version: 9,
      category: 'relative',
      comment: '',
    } as FileHouseholdRequest);
    expect(opened).toEqual([
      {
        caseType: HARDSHIP_FILE_WORKFLOW.caseType,
        input: expect.objectContaining({
          applicantUserId: 100,
          title: '困难档案',
          dueAt: new Date('2027-06-01T02:00:00Z'),
          applicant: { nameMasked: '王*' },
          organization: expect.objectContaining({ id: 5 }),
        }),
      },
    ]);
    expect(db.row(HardshipFile, 42)).toMatchObject({
      caseId: 900,
      fileNo: 'KN202600042',
      applicationId: 80,
      applicantUserId: 100,
      organizationId: 5,
      organizationPath: '/1/2/5/',
      category: 'relative',
      ruleSetId: 21,
      ruleSetVersion: 3,
      filedAt: NOW,
      closeReason: null,
    });
    expect(attachedSubjects).toEqual([{ caseId: 900, subjectId: 42 }]);
    expect(placed).toEqual([{ caseId: 900, placement: { title: '困难档案 KN202600042' } }]);
    expect(db.row(HardshipApplication, 80)).toMatchObject({ fileId: 42, openSelfIdIndex: null });
    // A filed household keeps its people on record (they may not apply again).
    expect(db.rows(HouseholdMember).every((m) => m.active)).toBe(true);
    expect(notice.title).toBe('已建立困难职工档案');
  });

  it('a rejection or withdrawal frees the applicant and their household (only theirs) for a new application', async () => {
    for (const [action, state] of [
      ['reject', 'home_visit'],
      ['withdraw', 'submitted'],
    ] as const) {
      const { db, process, step } = newTestService();
      await takeStep(process, step(action, state, '收入超过标准'));
      expect(db.row(HardshipApplication, 80)?.openSelfIdIndex).toBeNull();
      expect(db.rows(HouseholdMember).map((m) => [m.id, m.active])).toEqual([
        [1, false],
        [2, false],
        [3, true],
      ]);
    }
  });

  it('steps that keep the application open hold its people', async () => {
    const { db, process, step } = newTestService();
    await takeStep(process, step('pass_initial_review', 'submitted'));
    await takeStep(process, step('pass_town_review', 'town_review'));
    expect(db.row(HardshipApplication, 80)?.openSelfIdIndex).toBe('self-idx');
    expect(db.rows(HouseholdMember).every((m) => m.active)).toBe(true);
  });

  it('tells the worker each step in plain words, the reason with a refusal', () => {
    const { process, step } = newTestService();
    expect(process.notice(step('pass_initial_review', 'submitted'))).toMatchObject({
      title: '帮扶申请初审通过',
      body: '工会干部将在近期上门了解情况，请保持电话畅通。',
    });
    expect(process.notice(step('county_reject', 'county_approval', '家庭收入超过标准'))).toEqual({
      title: '帮扶申请未通过',
      body: '原因：家庭收入超过标准。家庭情况变化后可以重新申请。',
      link: '/pages/hardship/application/index?id=80',
    });
    expect(process.notice(step('pass_town_review', 'town_review')).title).toBe('乡镇(行业)工会审核通过');
    expect(process.notice(step('withdraw', 'needs_material')).title).toBe('帮扶申请已撤回');
  });

  it('adds months to an instant, keeping the time of day', () => {
    expect(addMonths(new Date('2026-12-01T02:00:00Z'), 12)).toEqual(new Date('2027-12-01T02:00:00Z'));
    expect(addMonths(new Date('2026-11-15T02:00:00Z'), 3)).toEqual(new Date('2027-02-15T02:00:00Z'));
  });

  it('adds months onto the last day of a month that lacks the day, not into the next month', () => {
    // 10:00 on 31 January in China: a month later is 28 February (29 in a leap year), not 3 March.
    expect(addMonths(new Date('2027-01-31T02:00:00Z'), 1)).toEqual(new Date('2027-02-28T02:00:00Z'));
    expect(addMonths(new Date('2028-01-31T02:00:00Z'), 1)).toEqual(new Date('2028-02-29T02:00:00Z'));
    expect(addMonths(new Date('2026-08-31T02:00:00Z'), 6)).toEqual(new Date('2027-02-28T02:00:00Z'));
    expect(addMonths(new Date('2027-05-31T02:00:00Z'), 1)).toEqual(new Date('2027-06-30T02:00:00Z'));
    // A year from 29 February is 28 February.
    expect(addMonths(new Date('2028-02-29T02:00:00Z'), 12)).toEqual(new Date('2029-02-28T02:00:00Z'));
  });

  it('counts the months on China’s calendar: 01:00 on 1 March in China is still 28 February in UTC', () => {
    // 2027-02-28T17:00Z is 01:00 on 1 March in China; a month later is 01:00 on 1 April there.
    expect(addMonths(new Date('2027-02-28T17:00:00Z'), 1)).toEqual(new Date('2027-03-31T17:00:00Z'));
    // 23:30 on 31 January in China (15:30 UTC) + 1 month: 23:30 on 28 February in China.
    expect(addMonths(new Date('2027-01-31T15:30:00Z'), 1)).toEqual(new Date('2027-02-28T15:30:00Z'));
  });
});
