import {
  CONSULTATION_WORKFLOW as WF,
  DEFAULT_LEGAL_AID_RULES,
  type ConsultationAction,
  type ConsultationAdviceRequest,
  type ConsultationChannel,
  type RescheduleConsultationRequest,
  type SlotView,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import type { IdentityService } from '../identity/identity.service';
import type { Organization, OrganizationsService } from '../organizations/organizations.service';
import type { PiiCipher } from '../pii/pii-cipher';
import type { TransitionService } from '../workflow/transition.service';
import type { CasePlacement, WorkflowCases } from '../workflow/workflow-cases.service';
import { applicantActor, caseRow, HOUR_MS, InMemoryDb, staffActor, StillClock, stepOf, takeStep } from '../workflow/testing/fakes';
import { Consultation } from './entities/consultation.entity';
import { LegalConsultationProcess } from './legal-consultation.process';
import type { LegalRulesService } from './legal-rules.service';
import type { LegalScheduleService } from './legal-schedule.service';

// The consultation starts at 09:30 on 5 December in China; the clock starts three hours before.
const STARTS = new Date('2026-12-05T01:30:00Z');
const NOW = new Date(STARTS.getTime() - 3 * HOUR_MS);

/**
 * The consultation's process with its collaborators replaced: the booking in memory, the rules in
 * force the defaults (changes up to 2 hours before), the schedule a recorder that finds a slot or
 * not, the lawyer and their centre looked up from maps, the cipher tagging what it encrypts.
 */
function newTestService(channel: ConsultationChannel = 'in_person') {
  const db = new InMemoryDb();
  const [booking] = db.seed(Consultation, {
    id: 95,
    caseId: 7,
    uid: 'cons-uid-95',
    applicantUserId: 100,
    lawyerUserId: 11,
    startsAt: STARTS,
    endsAt: new Date(STARTS.getTime() + HOUR_MS / 2),
    slotHeld: 1,
    channel,
    place: '县总工会一楼法律援助室',
    remindedDayBeforeAt: new Date('2026-12-04T01:30:00Z'),
    remindedHourBeforeAt: null,
    suggestLegalAid: false,
  });
  const clock = new StillClock(NOW);
  const legalRules = {
    effectiveFor: () => Promise.resolve({ version: 0, rules: DEFAULT_LEGAL_AID_RULES }),
  } as unknown as LegalRulesService;
  const slotAsked: unknown[][] = [];
  const found: { slot: SlotView | null } = {
    slot: {
      lawyerUserId: 12,
      lawyerName: '陈律师',
      startsAt: '2026-12-08T06:00:00.000Z',
      endsAt: '2026-12-08T06:30:00.000Z',
      channels: ['in_person', 'phone'],
      place: '城关镇工会调解室',
    },
  };
  const schedule = {
    findSlot: (_m: EntityManager, ...args: unknown[]) => (slotAsked.push(args), Promise.resolve(found.slot)),
  } as unknown as LegalScheduleService;
  const identity = { user: (id: number) => Promise.resolve({ id, organizationId: 3 }) } as unknown as IdentityService;
  const organizations = {
    get: (id: number) => Promise.resolve({ id, path: '/1/3/', name: '城关镇法律援助工作站' } as Organization),
  } as unknown as OrganizationsService;
  const cipher = { encrypt: (plain: string, aad: string) => `enc(${aad})${plain}` } as unknown as PiiCipher;
  const placed: { caseId: number; placement: CasePlacement }[] = [];
  const cases = {
    place: (_m: EntityManager, caseId: number, placement: CasePlacement) => (placed.push({ caseId, placement }), Promise.resolve()),
  } as unknown as WorkflowCases;
  const process = new LegalConsultationProcess(
    {} as TransitionService,
    cases,
    organizations,
    clock,
    cipher,
    schedule,
    legalRules,
    identity,
  );
  const kase = caseRow({
    id: 7,
    caseType: 'legal_consultation',
    subjectId: 95,
    state: 'booked',
    organizationId: 1,
    organizationPath: '/1/',
    assigneeUserId: 11,
  });
  const lawyer = staffActor({ userId: 11, displayName: '刘律师', roles: ['lawyer'] });
  const step = (action: ConsultationAction, actor: Actor = applicantActor(), comment?: string) =>
    stepOf(WF, action, { manager: db.manager, kase: { ...kase }, subject: { ...booking }, actor, comment });
  return { db, clock, process, kase, step, lawyer, slotAsked, found, placed };
}

describe('LegalConsultationProcess (collaborators replaced)', () => {
  it('loads the booking the case is about', async () => {
    const { db, process, kase } = newTestService();
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 95, lawyerUserId: 11, startsAt: STARTS });
    await expect(process.subject(db.manager, { ...kase, subjectId: 96 })).rejects.toThrow(/Consultation/);
  });

  it('lets the worker cancel up to the centre’s cut-off, freeing the slot; refuses it after (move the clock)', async () => {
    const { db, clock, process, step } = newTestService();
    clock.advance(HOUR_MS); // exactly two hours before: still allowed
    const { notice } = await takeStep(process, step('cancel'));
    expect(db.row(Consultation, 95)?.slotHeld).toBeNull();
    expect(notice).toEqual({
      title: '法律咨询已取消',
      body: '您已取消 12月05日 09:30 的咨询。',
      link: '/pages/legal/consultation/index?id=95',
    });

    const late = newTestService();
    late.clock.advance(HOUR_MS + 1);
    await expect(takeStep(late.process, late.step('cancel'))).rejects.toMatchObject({ code: 'change_too_late' });
    expect(late.db.row(Consultation, 95)?.slotHeld).toBe(1);
  });

  it('the centre may cancel at any time, freeing the slot, and the worker reads its reason', async () => {
    const { db, clock, process, step, lawyer } = newTestService();
    clock.advance(2.5 * HOUR_MS);
    const { notice } = await takeStep(process, step('staff_cancel', lawyer, '律师临时出庭'));
    expect(db.row(Consultation, 95)?.slotHeld).toBeNull();
    expect(notice.body).toBe('法律援助中心取消了 12月05日 09:30 的咨询：律师临时出庭。请重新预约。');
  });

  it('marks a no-show only once the consultation’s time has come', async () => {
    const { clock, process, step, lawyer } = newTestService();
    await expect(takeStep(process, step('mark_no_show', lawyer))).rejects.toMatchObject({
      code: 'action_not_allowed',
      publicMessage: '咨询时间还没到，不能记为未到场',
    });
    clock.set(STARTS);
    const { notice } = await takeStep(process, step('mark_no_show', lawyer));
    expect(notice).toMatchObject({ title: '咨询记为未到场', body: '您没有参加 12月05日 09:30 的咨询，可以重新预约。' });
  });

  it('refuses a reschedule or advice asked as a plain step: they are done on their own page', async () => {
    const { db, process, step, lawyer } = newTestService();
    await expect(takeStep(process, step('reschedule'))).rejects.toMatchObject({
      code: 'action_not_allowed',
      publicMessage: '“改约时间”需要在办理页面填写表单',
    });
    await expect(takeStep(process, step('record_advice', lawyer))).rejects.toMatchObject({ code: 'action_not_allowed' });
    expect(db.writes).toEqual([]);
  });

  it('moves the booking to the free slot found, with the slot’s place, reminders again, and the case to the lawyer’s organisation', async () => {
    const { db, process, step, slotAsked, placed } = newTestService();
    const body = { version: 3, lawyerUserId: 12, startsAt: '2026-12-08T06:00:00.000Z' } as RescheduleConsultationRequest;
    const s = step('reschedule');
    const { notice } = await takeStep(process, s, body);
    // The slot must start after the cut-off, and the booking's own slot does not count as taken.
    expect(slotAsked).toEqual([[12, new Date('2026-12-08T06:00:00Z'), 'in_person', NOW.getTime() + 2 * HOUR_MS, 95]]);
    expect(db.row(Consultation, 95)).toMatchObject({
      lawyerUserId: 12,
      startsAt: new Date('2026-12-08T06:00:00Z'),
      endsAt: new Date('2026-12-08T06:30:00Z'),
      place: '城关镇工会调解室',
      remindedDayBeforeAt: null,
      remindedHourBeforeAt: null,
      slotHeld: 1,
    });
    expect(placed).toEqual([{ caseId: 7, placement: { assigneeUserId: 12, organizationId: 3, organizationPath: '/1/3/' } }]);
    expect(s.kase).toMatchObject({ assigneeUserId: 12, organizationId: 3, organizationPath: '/1/3/' });
    expect(notice).toMatchObject({ title: '法律咨询已改约', body: '新的时间：12月08日 14:00。' });
  });

  it('a phone consultation keeps its own place when moved', async () => {
    const { db, process, step } = newTestService('phone');
    await takeStep(process, step('reschedule'), {
      version: 3,
      lawyerUserId: 12,
      startsAt: '2026-12-08T06:00:00.000Z',
    } as RescheduleConsultationRequest);
    expect(db.row(Consultation, 95)?.place).toBe('县总工会一楼法律援助室');
  });

  it('refuses a reschedule past the cut-off or to a slot that is not free, moving nothing', async () => {
    const { db, clock, process, step, found, placed } = newTestService();
    const body = { version: 3, lawyerUserId: 12, startsAt: '2026-12-08T06:00:00.000Z' } as RescheduleConsultationRequest;
    found.slot = null;
    await expect(takeStep(process, step('reschedule'), body)).rejects.toMatchObject({ code: 'slot_unavailable' });
    clock.advance(1.5 * HOUR_MS);
    await expect(takeStep(process, step('reschedule'), body)).rejects.toMatchObject({ code: 'change_too_late' });
    expect(db.row(Consultation, 95)).toMatchObject({ lawyerUserId: 11, startsAt: STARTS });
    expect(placed).toEqual([]);
  });

  it('records the lawyer’s summary and advice encrypted for this booking, from an hour before the start', async () => {
    const { db, clock, process, step, lawyer } = newTestService();
    const body = {
      version: 3,
      summary: ' 单位拖欠三个月工资 ',
      advice: ' 先申请劳动仲裁 ',
      suggestLegalAid: true,
    } satisfies ConsultationAdviceRequest;
    await expect(takeStep(process, step('record_advice', lawyer), body)).rejects.toMatchObject({
      code: 'action_not_allowed',
      publicMessage: '咨询还没开始，不能记录意见',
    });
    clock.advance(2 * HOUR_MS);
    const { notice } = await takeStep(process, step('record_advice', lawyer), body);
    expect(db.row(Consultation, 95)).toMatchObject({
      summaryEnc: 'enc(legal_consultations:cons-uid-95:summary)单位拖欠三个月工资',
      adviceEnc: 'enc(legal_consultations:cons-uid-95:advice)先申请劳动仲裁',
      suggestLegalAid: true,
    });
    expect(notice).toEqual({
      title: '律师的咨询意见',
      body: '律师已写下咨询意见，并建议您申请法律援助，可以一键转为申请。',
      link: '/pages/legal/consultation/index?id=95',
    });
    const plain = process.steps?.record_advice?.notice?.(step('record_advice', lawyer), { ...body, suggestLegalAid: false });
    expect(plain?.body).toBe('律师已写下咨询意见，请查看并评价。');
  });
});
