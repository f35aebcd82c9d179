import {
  DEFAULT_LEGAL_AID_RULES,
  LEGAL_AID_WORKFLOW as WF,
  type AcceptLegalAidRequest,
  type CloseLegalAidRequest,
  type LegalAidAction,
  type LegalAidStageRequest,
  type LegalAidState,
  type RejectLegalAidRequest,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import type { UploadsService } from '../uploads/uploads.service';
import type { TransitionService } from '../workflow/transition.service';
import type { CasePlacement, WorkflowCases } from '../workflow/workflow-cases.service';
import { caseRow, InMemoryDb, staffActor, StillClock, stepOf, takeStep } from '../workflow/testing/fakes';
import { LegalAidApplication, LegalAidStageRecord } from './entities/legal-aid-application.entity';
import type { LegalAidClocks } from './legal-aid-clocks.service';
import { LegalAidProcess } from './legal-aid.process';
import type { LegalRulesService } from './legal-rules.service';
import type { LegalScheduleService } from './legal-schedule.service';

const NOW = new Date('2026-12-03T02:00:00Z');

/**
 * The legal-aid process with its collaborators replaced: the application and its stage records in
 * memory; the centre's lawyers a list with their roles and organisations; the rules in force the
 * defaults; the statutory clock a recorder that answers a fixed day; uploads and case placement recorders.
 */
function newTestService() {
  const db = new InMemoryDb();
  const [app] = db.seed(LegalAidApplication, {
    id: 90,
    caseId: 7,
    applicantUserId: 100,
    otherHelp: null,
    decisionReason: null,
    mediationStartedOn: '2026-11-01',
    mediationEndedOn: null,
    arbitrationAppliedOn: null,
    arbitrationAcceptedOn: null,
    awardExtended: false,
    awardReceivedOn: null,
    lawsuitFiledOn: null,
    nextClockDueOn: '2026-12-20',
  });
  const clock = new StillClock(NOW);
  const lawyers = [
    { id: 11, displayName: '刘律师', roles: ['lawyer'], organizationPath: '/1/' },
    { id: 12, displayName: '陈律师', roles: ['lawyer'], organizationPath: '/1/3/' },
    { id: 13, displayName: '周干事', roles: ['legal_staff'], organizationPath: '/1/' },
  ];
  const schedule = { lawyers: () => Promise.resolve(lawyers) } as unknown as LegalScheduleService;
  const legalRules = {
    effectiveFor: () => Promise.resolve({ version: 0, rules: DEFAULT_LEGAL_AID_RULES }),
  } as unknown as LegalRulesService;
  const clockAsked: { row: LegalAidApplication; state: LegalAidState }[] = [];
  const clocks = {
    nextClockDue: (row: LegalAidApplication, state: LegalAidState) => (clockAsked.push({ row, state }), '2027-02-01'),
  } as unknown as LegalAidClocks;
  const attached: { ids: number[]; caseId: number }[] = [];
  const uploads = {
    attachToCase: (_m: EntityManager, _a: Actor, ids: number[], caseId: number) => (attached.push({ ids, caseId }), Promise.resolve()),
  } as unknown as UploadsService;
  const placed: { caseId: number; placement: CasePlacement }[] = [];
  const cases = {
    place: (_m: EntityManager, caseId: number, placement: CasePlacement) => (placed.push({ caseId, placement }), Promise.resolve()),
  } as unknown as WorkflowCases;
  const process = new LegalAidProcess({} as TransitionService, cases, clock, uploads, legalRules, schedule, clocks);
  const kase = caseRow({ id: 7, caseType: 'legal_aid_application', subjectId: 90, state: 'submitted', organizationPath: '/1/2/5/' });
  const lawyer = staffActor({
    userId: 11,
    displayName: '刘律师',
    roles: ['lawyer'],
    organization: { id: 1, path: '/1/', level: 'county', kind: 'county_federation', name: '县总工会' },
  });
  const step = (action: LegalAidAction, state: LegalAidState, comment?: string) =>
    stepOf(WF, action, { manager: db.manager, kase: { ...kase, state }, subject: { ...app }, actor: lawyer, comment });
  return { db, process, kase, step, clockAsked, attached, placed };
}

describe('LegalAidProcess (collaborators replaced)', () => {
  it('loads the application the case is about', async () => {
    const { db, process, kase } = newTestService();
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 90, applicantUserId: 100 });
    await expect(process.subject(db.manager, { ...kase, subjectId: 91 })).rejects.toThrow(/LegalAidApplication/);
  });

  it('refuses every step but withdrawing as a plain step (each records a form on its own endpoint), writing nothing', async () => {
    const { db, process, step } = newTestService();
    for (const [action, state] of [
      ['accept', 'submitted'],
      ['reject', 'submitted'],
      ['start_mediation', 'accepted'],
      ['close', 'mediation'],
    ] as const) {
      await expect(takeStep(process, step(action, state))).rejects.toMatchObject({ code: 'action_not_allowed' });
    }
    expect(db.writes).toEqual([]);
    await takeStep(process, step('withdraw', 'submitted'));
    expect(db.row(LegalAidApplication, 90)?.nextClockDueOn).toBeNull();
  });

  it('accepting assigns a lawyer of the centre whose organisation contains the case’s', async () => {
    const { process, step, placed } = newTestService();
    const s = step('accept', 'submitted');
    const { notice } = await takeStep(process, s, { version: 3, lawyerUserId: 11 } satisfies AcceptLegalAidRequest);
    expect(placed).toEqual([{ caseId: 7, placement: { assigneeUserId: 11 } }]);
    expect(s.kase.assigneeUserId).toBe(11);
    expect(notice).toEqual({
      title: '法律援助申请已受理',
      body: '中心决定给予法律援助，承办律师会尽快联系您。',
      link: '/pages/legal/case/index?id=90',
    });
  });

  it('refuses a lawyer who could not see the case, staff who may not represent, and someone not of the centre', async () => {
    const { process, step, placed } = newTestService();
    for (const lawyerUserId of [12, 13, 99]) {
      await expect(takeStep(process, step('accept', 'submitted'), { version: 3, lawyerUserId })).rejects.toMatchObject({
        code: 'validation_failed',
        details: [{ field: 'lawyerUserId', message: '请选择本中心的律师' }],
      });
    }
    expect(placed).toEqual([]);
  });

  it('a refusal keeps the reason and where else to go (the rules’ standard text when none is given), and stops the clock', async () => {
    const { db, process, step } = newTestService();
    const { notice } = await takeStep(process, step('reject', 'submitted', '不属于援助范围'), {
      version: 3,
      reason: '  不属于法律援助范围 ',
    } satisfies RejectLegalAidRequest);
    expect(db.row(LegalAidApplication, 90)).toMatchObject({
      decisionReason: '不属于法律援助范围',
      otherHelp: DEFAULT_LEGAL_AID_RULES.otherHelp,
      nextClockDueOn: null,
    });
    expect(notice.body).toBe(`理由：不属于法律援助范围。${DEFAULT_LEGAL_AID_RULES.otherHelp}`);

    const other = newTestService();
    await takeStep(other.process, other.step('reject', 'submitted', '不属于援助范围'), {
      version: 3,
      reason: '不属于法律援助范围',
      otherHelp: ' 请到县司法局咨询 ',
    } satisfies RejectLegalAidRequest);
    expect(other.db.row(LegalAidApplication, 90)?.otherHelp).toBe('请到县司法局咨询');
  });

  it('starting a stage records its dates (adding, never clearing one), the next statutory clock, the documents and a stage record', async () => {
    const { db, process, step, clockAsked, attached } = newTestService();
    const body = {
      version: 5,
      action: 'start_arbitration',
      startedOn: '2026-12-02',
      arbitrationAppliedOn: '2026-12-02',
      mediationStartedOn: null,
      note: ' 调解不成，申请仲裁 ',
      uploadIds: [71, 72, 71],
    } satisfies LegalAidStageRequest;
    const { notice } = await takeStep(process, step('start_arbitration', 'mediation'), body);
    expect(db.row(LegalAidApplication, 90)).toMatchObject({
      arbitrationAppliedOn: '2026-12-02',
      mediationStartedOn: '2026-11-01',
      nextClockDueOn: '2027-02-01',
    });
    expect(clockAsked).toEqual([
      { row: expect.objectContaining({ arbitrationAppliedOn: '2026-12-02', mediationStartedOn: '2026-11-01' }), state: 'arbitration' },
    ]);
    expect(attached).toEqual([{ ids: [71, 72, 71], caseId: 7 }]);
    expect(db.rows(LegalAidStageRecord)).toEqual([
      expect.objectContaining({
        applicationId: 90,
        stage: 'arbitration',
        startedOn: '2026-12-02',
        note: '调解不成，申请仲裁',
        uploadIds: [71, 72],
        recordedByUserId: 11,
        recordedByName: '刘律师',
        createdAt: NOW,
      }),
    ]);
    expect(notice).toEqual({ title: '案件进入仲裁阶段', body: '调解不成，申请仲裁', link: '/pages/legal/case/index?id=90' });
  });

  it('a stage without a note tells the worker what the stage means', async () => {
    const { db, process, step } = newTestService();
    const { notice } = await takeStep(process, step('start_negotiation', 'accepted'), {
      version: 4,
      action: 'start_negotiation',
      startedOn: '2026-12-03',
    } satisfies LegalAidStageRequest);
    expect(notice).toMatchObject({ title: '案件进入协商阶段', body: WF.states.negotiation.nextStep });
    expect(db.rows(LegalAidStageRecord)).toEqual([expect.objectContaining({ stage: 'negotiation', note: null, uploadIds: [] })]);
  });

  it('closing records the outcome and the money recovered, stops the clock, and tells the worker how much', async () => {
    const { db, process, step, attached } = newTestService();
    const body = {
      version: 8,
      outcome: 'award',
      amountClaimedFen: 2_000_000,
      amountRecoveredFen: 1_234_550,
      recoveredOn: '2027-01-10',
      note: ' 仲裁裁决支持全部请求 ',
      uploadIds: [80],
    } satisfies CloseLegalAidRequest;
    const { notice } = await takeStep(process, step('close', 'arbitration'), body);
    expect(db.row(LegalAidApplication, 90)).toMatchObject({
      outcome: 'award',
      amountClaimedFen: 2_000_000,
      amountRecoveredFen: 1_234_550,
      recoveredOn: '2027-01-10',
      closingNote: '仲裁裁决支持全部请求',
      nextClockDueOn: null,
    });
    expect(attached).toEqual([{ ids: [80], caseId: 7 }]);
    expect(notice).toEqual({
      title: '法律援助案件已办结',
      body: '为您追回 12345.50 元。仲裁裁决支持全部请求',
      link: '/pages/legal/case/index?id=90',
    });
  });

  it('closing with nothing recovered keeps no recovery date and says only the note', async () => {
    const { db, process, step } = newTestService();
    const { notice } = await takeStep(process, step('close', 'negotiation'), {
      version: 8,
      outcome: 'withdrawn',
      amountClaimedFen: 500_000,
      amountRecoveredFen: 0,
      recoveredOn: '2027-01-10',
      note: '职工撤回',
    } satisfies CloseLegalAidRequest);
    expect(db.row(LegalAidApplication, 90)?.recoveredOn).toBeNull();
    expect(notice.body).toBe('职工撤回');
  });
});
