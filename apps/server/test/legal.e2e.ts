import {
  CONSULTATION_WORKFLOW,
  LEGAL_AID_WORKFLOW,
  type ConsultationView,
  type CreateLegalAidApplicationRequest,
  type EvidenceChecklistItem,
  type LegalAidApplicationView,
  type LegalAidSummary,
  type LegalStatistics,
  type LegalThreadSummary,
  type LegalThreadView,
  type PetitionView,
  type Page,
  type SlotView,
} from '@union/shared';
import { DataSource } from 'typeorm';
import { Consultation } from '../src/modules/legal/entities/consultation.entity';
import { LegalClocksJob } from '../src/modules/legal/legal-clocks.job';
import { ConsultationReminders } from '../src/modules/legal/consultation-reminders.job';
import { TransitionService } from '../src/modules/workflow/transition.service';
import { today, uploadJpeg } from './hardship-fixtures';
import { itRaces, startTestApp, type TestApp } from './harness';
import { expectKeysetPages } from './paging';
import {
  aConsultation,
  aLawyer,
  aLegalAidApplication,
  aLegalAidCase,
  aLegalThread,
  aPetition,
  bookingOf as booking,
  daysBefore,
  freeSlotsOf,
  LEGAL_CENTRE,
  legalAidRequest,
  petitionRequest,
  scheduleLine,
  TOWN_CENTRE,
  userIdOf,
  type Lawyer,
} from './factories';

let t: TestApp;
const DAY_MS = 86_400_000;
const daysAgo = (n: number) => daysBefore(t, n);

beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(() => t?.close());

/** The lawyer's free slots (of one channel) in the next four weeks, earliest first. */
const freeSlots = (lawyer: Lawyer, channel?: 'phone' | 'in_person' | 'video') => freeSlotsOf(t, lawyer, channel);

/** True when the lawyer's slot is free (again). */
const isFree = async (lawyer: Lawyer, slot: SlotView) =>
  (await freeSlots(lawyer)).some((s) => s.lawyerUserId === slot.lawyerUserId && s.startsAt === slot.startsAt);

/** Move the clock to `hours` after the consultation's start (negative: before it). Nothing is written. */
async function clockToStartOf(id: number, hours: number): Promise<void> {
  const row = await t.app.get(DataSource).getRepository(Consultation).findOneByOrFail({ id });
  t.clock.set(new Date(row.startsAt.getTime() + hours * 3_600_000));
}

const application = (over: Partial<CreateLegalAidApplicationRequest> = {}) => legalAidRequest(t, over);

/** A legal-aid application filed by the worker behind `token`. */
async function apply(token: string, over: Partial<CreateLegalAidApplicationRequest> = {}): Promise<LegalAidApplicationView> {
  return (await aLegalAidApplication(t, { worker: token, application: over })).application;
}

async function post<T>(path: string, token: string, body: unknown, status = 200): Promise<T> {
  const res = await t.http<T>('POST', path, { token, body });
  if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A plain step on the record's case through the case API; the record as the user sees it after. */
async function postStep<T>(recordPath: string, token: string, body: unknown, status = 200): Promise<T> {
  const res = await t.step<T>(recordPath, { token, body });
  if (res.status !== status) throw new Error(`${recordPath} step: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The user's messages with this title, newest first. */
async function messagesTitled(token: string, title: string): Promise<{ title: string; body: string }[]> {
  const res = await t.http<Page<{ title: string; body: string }>>('GET', '/messages', { token });
  expect(res.status).toBe(200);
  return res.body.items.filter((m) => m.title === title);
}

/** A POST that is expected to be refused: its status and error code. */
async function refusal(path: string, token: string, body: unknown): Promise<[number, unknown]> {
  const res = await t.http('POST', path, { token, body });
  return [res.status, res.body.code];
}

/** A plain step on the record's case that is expected to be refused: its status and error code. */
async function refusalStep(recordPath: string, token: string, body: unknown): Promise<[number, unknown]> {
  const res = await t.step<{ code?: string }>(recordPath, { token, body });
  return [res.status, res.body.code];
}

describe('consultation booking', () => {
  itRaces(
    'books a slot exactly once when 50 workers tap it at the same moment',
    async () => {
      const workers = await Promise.all(Array.from({ length: 50 }, (_, i) => t.newWorker(`race${i}`)));
      const lawyer = await aLawyer(t);
      const [slot] = await freeSlots(lawyer, 'phone');
      const before = await t.count('legal_consultations');
      const results = await Promise.all(
        workers.map((token) => t.http('POST', '/legal/consultations', { token, body: booking(slot, { channel: 'phone' }) })),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(49).fill('slot_taken'));
      expect(await t.count('legal_consultations')).toBe(before + 1);
      expect(await isFree(lawyer, slot)).toBe(false);
    },
    120_000,
  );

  it('frees the slot when the worker cancels, and refuses to cancel too late', async () => {
    const worker = await t.newWorker('cancel');
    const lawyer = await aLawyer(t);
    const slots = await freeSlots(lawyer, 'in_person');
    const slot = slots[slots.length - 1];
    const booked = await post<ConsultationView>(
      '/legal/consultations',
      worker,
      booking(slot, { channel: 'in_person', phone: undefined }),
      201,
    );
    expect(booked).toMatchObject({ state: 'booked', lawyerUserId: slot.lawyerUserId, channelLabel: '到中心面谈', phoneMasked: null });
    expect(booked.actions.map((a) => a.action).sort()).toEqual(['cancel', 'reschedule']);
    const cancelled = await postStep<ConsultationView>(`/legal/consultations/${booked.id}`, worker, {
      action: 'cancel',
      version: booked.version,
    });
    expect(cancelled.state).toBe('cancelled');
    expect(await isFree(lawyer, slot)).toBe(true);
    const other = await t.newWorker('rebook');
    await post('/legal/consultations', other, booking(slot, { channel: 'in_person' }), 201);

    // An hour before the start is past the 2-hour cut-off.
    const late = await post<ConsultationView>('/legal/consultations', worker, booking(slots[0], { channel: 'in_person' }), 201);
    await clockToStartOf(late.id, -1);
    const refused = await t.step(`/legal/consultations/${late.id}`, {
      token: worker,
      body: { action: 'cancel', version: late.version },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('change_too_late');
  });

  it('moves a booking to another free slot and frees the old one', async () => {
    const worker = await t.newWorker('move');
    const lawyer = await aLawyer(t);
    const slots = await freeSlots(lawyer, 'phone');
    const [from, to] = [slots[2], slots[3]];
    const booked = await post<ConsultationView>('/legal/consultations', worker, booking(from, { channel: 'phone' }), 201);
    const moved = await post<ConsultationView>(`/legal/consultations/${booked.id}/reschedule`, worker, {
      version: booked.version,
      lawyerUserId: to.lawyerUserId,
      startsAt: to.startsAt,
    });
    expect(moved).toMatchObject({ state: 'booked', startsAt: to.startsAt, lawyerUserId: to.lawyerUserId });
    const free = await freeSlots(lawyer);
    expect(free.some((s) => s.startsAt === from.startsAt && s.lawyerUserId === from.lawyerUserId)).toBe(true);
    expect(free.some((s) => s.startsAt === to.startsAt && s.lawyerUserId === to.lawyerUserId)).toBe(false);
  });

  it('refuses bad bookings and writes nothing', async () => {
    const worker = await t.newWorker('badbook');
    // A lawyer who sees people at the centre and takes calls, but no video calls.
    const lawyer = await aLawyer(t, { rules: [1, 2, 3, 4, 5].map((d) => scheduleLine(d, '09:00', '17:00', ['in_person', 'phone'])) });
    const [slot] = await freeSlots(lawyer, 'in_person');
    const offPattern = new Date(Date.parse(slot.startsAt) + 7 * 60_000).toISOString();
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['not a slot of the pattern', booking(slot, { startsAt: offPattern, channel: 'in_person' }), 409, 'slot_unavailable'],
      ['a channel the slot does not offer', booking(slot, { channel: 'video' }), 409, 'slot_unavailable'],
      ['a slot in the past', booking(slot, { startsAt: '2020-01-06T01:00:00.000Z', channel: 'in_person' }), 409, 'slot_unavailable'],
      ['an unknown lawyer', booking(slot, { lawyerUserId: 999_999, channel: 'in_person' }), 409, 'slot_unavailable'],
      ['no description', booking(slot, { description: '', channel: 'in_person' }), 400, 'validation_failed'],
      ['an unknown topic', booking(slot, { topic: 'divorce', channel: 'in_person' }), 400, 'validation_failed'],
      ['an unknown channel', booking(slot, { channel: 'letter' }), 400, 'validation_failed'],
      ['a bad phone', booking(slot, { channel: 'in_person', phone: '12345' }), 400, 'validation_failed'],
      ['phone consultation without a phone', booking(slot, { channel: 'phone', phone: undefined }), 400, 'validation_failed'],
      ['not a date', booking(slot, { startsAt: 'tomorrow', channel: 'in_person' }), 400, 'validation_failed'],
      ["someone else's photo", booking(slot, { channel: 'in_person', uploadIds: [999_999] }), 400, 'validation_failed'],
    ];
    const before = [await t.count('legal_consultations'), await t.count('workflow_cases'), await t.count('messages')];
    for (const [name, body, status, code] of cases) {
      const res = await t.http('POST', '/legal/consultations', { token: worker, body });
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status, code });
    }
    expect([await t.count('legal_consultations'), await t.count('workflow_cases'), await t.count('messages')]).toEqual(before);
  });

  it('collects nothing before the privacy notice is accepted', async () => {
    const fresh = await t.newWorker('fresh', { consents: false });
    const [slot] = await freeSlots(await aLawyer(t), 'phone');
    const before = [await t.count('legal_consultations'), await t.count('legal_threads'), await t.count('legal_aid_applications')];
    const booked = await t.http('POST', '/legal/consultations', { token: fresh, body: booking(slot, { channel: 'phone' }) });
    const asked = await t.http('POST', '/legal/threads', { token: fresh, body: { topic: 'contract', body: '试用期可以延长吗？' } });
    const applied = await t.http('POST', '/legal/aid-applications', { token: fresh, body: application() });
    expect([booked.body.code, asked.body.code, applied.body.code]).toEqual(['consent_required', 'consent_required', 'consent_required']);
    expect([await t.count('legal_consultations'), await t.count('legal_threads'), await t.count('legal_aid_applications')]).toEqual(before);
  });

  it('limits how many open bookings one worker holds', async () => {
    const worker = await t.newWorker('limit');
    const slots = await freeSlots(await aLawyer(t), 'phone');
    await post('/legal/consultations', worker, booking(slots[5], { channel: 'phone' }), 201);
    await post('/legal/consultations', worker, booking(slots[6], { channel: 'phone' }), 201);
    const third = await t.http('POST', '/legal/consultations', { token: worker, body: booking(slots[7], { channel: 'phone' }) });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('booking_limit');
  });

  it('reminds the worker the day before and an hour before, once each', async () => {
    const worker = await t.newWorker('remind');
    const [slot] = await freeSlots(await aLawyer(t), 'phone');
    const booked = await post<ConsultationView>('/legal/consultations', worker, booking(slot, { channel: 'phone' }), 201);
    const service = t.app.get(ConsultationReminders);
    const start = Date.parse(slot.startsAt);
    const messages = async () =>
      (await t.http<{ items: { title: string }[] }>('GET', '/messages', { token: worker })).body.items.filter((m) =>
        m.title.startsWith('法律咨询提醒'),
      );
    // 30 hours before: nothing for this booking yet (other bookings may be due then).
    await service.sendReminders(new Date(start - 30 * 3_600_000));
    expect(await messages()).toHaveLength(0);
    expect(await service.sendReminders(new Date(start - 20 * 3_600_000))).toBeGreaterThanOrEqual(1);
    expect(await messages()).toHaveLength(1);
    await service.sendReminders(new Date(start - 19 * 3_600_000));
    expect(await messages()).toHaveLength(1);
    await service.sendReminders(new Date(start - 30 * 60_000));
    expect((await messages()).map((m) => m.title)).toEqual(['法律咨询提醒：一小时后', '法律咨询提醒：明天']);
    expect(booked.state).toBe('booked');
  });

  it('lets the centre cancel a booking with a reason, which frees the slot and tells the worker', async () => {
    const worker = await t.newWorker('staffcancel');
    const lawyer = await aLawyer(t);
    const slot = (await freeSlots(lawyer, 'phone')).at(-1) as SlotView;
    const booked = await post<ConsultationView>('/legal/consultations', worker, booking(slot, { channel: 'phone' }), 201);
    const record = `/legal/consultations/${booked.id}`;
    const step = { action: 'staff_cancel', version: booked.version, comment: '秦律师当天要出庭，请改约其他时间' };

    // The worker has no such button (they cancel with “cancel”); another worker and a lawyer of
    // another centre cannot even see the booking; the centre must say why.
    expect(await refusalStep(record, worker, step)).toEqual([409, 'action_not_allowed']);
    expect(await refusalStep(record, await t.newWorker('staffcancel-other'), step)).toEqual([404, 'not_found']);
    expect(await refusalStep(record, await t.loginAs('lawyer', TOWN_CENTRE), step)).toEqual([404, 'not_found']);
    const staff = await t.loginAs('legal_staff', LEGAL_CENTRE);
    const seen = (await t.http<ConsultationView>('GET', `/legal/consultations/${booked.id}`, { token: staff })).body;
    expect(seen.actions.find((a) => a.action === 'staff_cancel')).toMatchObject({ label: '中心取消', requiresComment: true });
    expect(await refusalStep(record, staff, { ...step, comment: '  ' })).toEqual([400, 'validation_failed']);
    expect((await t.http<ConsultationView>('GET', `/legal/consultations/${booked.id}`, { token: worker })).body).toMatchObject({
      state: 'booked',
      version: booked.version,
    });

    const cancelled = await postStep<ConsultationView>(record, staff, step);
    expect(cancelled).toMatchObject({ state: 'cancelled', stateLabel: '已取消', actions: [] });
    expect(cancelled.history.at(-1)).toMatchObject({
      action: 'staff_cancel',
      actionLabel: '中心取消',
      fromState: 'booked',
      toState: 'cancelled',
      comment: step.comment,
    });
    const mine = (await t.http<ConsultationView>('GET', `/legal/consultations/${booked.id}`, { token: worker })).body;
    expect(mine).toMatchObject({ state: 'cancelled', nextStep: CONSULTATION_WORKFLOW.states.cancelled.nextStep, actions: [] });
    const told = await messagesTitled(worker, '法律咨询已取消');
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain(step.comment);
    expect(await isFree(lawyer, slot)).toBe(true);
    expect(await refusalStep(record, staff, { ...step, version: cancelled.version })).toEqual([409, 'action_not_allowed']);
  });

  it('records a no-show only after the consultation’s time, by the lawyer holding it', async () => {
    const worker = await t.newWorker('noshow');
    const counsel = await aLawyer(t, { name: '秦律师' });
    const lawyer = counsel.token;
    const { consultation: booked } = await aConsultation(t, { worker, lawyer: counsel, channel: 'phone' });
    const record = `/legal/consultations/${booked.id}`;
    const step = { action: 'mark_no_show', version: booked.version };

    // Not before the time: the worker may still come.
    expect(await refusalStep(record, lawyer, step)).toEqual([409, 'action_not_allowed']);
    // Its time has passed (relative to now, so the test does not depend on the hour it runs).
    await clockToStartOf(booked.id, 3);
    expect(await refusalStep(record, worker, step)).toEqual([409, 'action_not_allowed']);
    expect(await refusalStep(record, await t.loginAs('lawyer', TOWN_CENTRE), step)).toEqual([404, 'not_found']);
    const seen = (await t.http<ConsultationView>('GET', `/legal/consultations/${booked.id}`, { token: lawyer })).body;
    expect(seen).toMatchObject({ state: 'booked', version: booked.version });
    expect(seen.actions.map((a) => a.action)).toContain('mark_no_show');

    const missed = await postStep<ConsultationView>(record, lawyer, step);
    expect(missed).toMatchObject({ state: 'no_show', stateLabel: '未到场', actions: [] });
    expect(missed.history.at(-1)).toMatchObject({ action: 'mark_no_show', fromState: 'booked', toState: 'no_show', actorName: '秦律师' });
    const mine = (await t.http<ConsultationView>('GET', `/legal/consultations/${booked.id}`, { token: worker })).body;
    expect(mine).toMatchObject({ state: 'no_show', nextStep: CONSULTATION_WORKFLOW.states.no_show.nextStep, actions: [] });
    expect(await messagesTitled(worker, '咨询记为未到场')).toHaveLength(1);
    // A missed consultation is neither rated nor given advice.
    expect(await refusal(`/legal/consultations/${booked.id}/rating`, worker, { rating: 1 })).toEqual([409, 'action_not_allowed']);
    expect(
      await refusal(`/legal/consultations/${booked.id}/advice`, lawyer, {
        version: missed.version,
        summary: '职工没有接电话。',
        advice: '请重新预约。',
        suggestLegalAid: false,
      }),
    ).toEqual([409, 'action_not_allowed']);
  });
});

describe('advice and legal aid', () => {
  it('turns a consultation into a legal-aid application with the details carried over', async () => {
    const worker = await t.newWorker('advice');
    const counsel = await aLawyer(t);
    const lawyer = counsel.token;
    const [slot] = await freeSlots(counsel, 'phone');
    const photo = await uploadJpeg(t, worker, 'consultation_photo');
    const booked = await post<ConsultationView>(
      '/legal/consultations',
      worker,
      booking(slot, { channel: 'phone', uploadIds: [photo.id] }),
      201,
    );
    expect(booked.photos.map((p) => p.id)).toEqual([photo.id]);
    const early = await t.http('POST', `/legal/consultations/${booked.id}/advice`, {
      token: lawyer,
      body: { version: booked.version, summary: '欠薪三个月', advice: '申请法律援助', suggestLegalAid: true },
    });
    expect(early.status).toBe(409);
    await clockToStartOf(booked.id, 2);
    const held = await post<ConsultationView>(`/legal/consultations/${booked.id}/advice`, lawyer, {
      version: booked.version,
      summary: '在工地干了半年，老板欠三个月工资。',
      advice: '保存好欠条和聊天记录，申请法律援助，由律师代为主张。',
      suggestLegalAid: true,
    });
    expect(held).toMatchObject({ state: 'held', suggestLegalAid: true });
    const seen = await t.http<ConsultationView>('GET', `/legal/consultations/${booked.id}`, { token: worker });
    expect(seen.body.advice).toContain('申请法律援助');
    const rated = await post<ConsultationView>(`/legal/consultations/${booked.id}/rating`, worker, { rating: 5, comment: '讲得很清楚' });
    expect(rated.rating).toBe(5);

    const a = await apply(worker, { fromConsultationId: booked.id });
    expect(a).toMatchObject({ state: 'submitted', fromConsultationId: booked.id });
    const after = await t.http<ConsultationView>('GET', `/legal/consultations/${booked.id}`, { token: worker });
    expect(after.body.legalAidApplicationId).toBe(a.id);
    const again = await t.http('POST', '/legal/aid-applications', { token: worker, body: application({ fromConsultationId: booked.id }) });
    expect(again.status).toBe(400);
  });

  it('exempts a migrant worker claiming wages from the income test, and not a non-migrant over the line', async () => {
    const migrant = await apply(await t.newWorker('mig'));
    expect(migrant.eligibility).toMatchObject({ eligible: true, exemption: 'migrant_wage_or_injury' });
    expect(migrant.eligibility.reasons.join('')).toContain('免予审查经济困难条件');
    const other = await apply(await t.newWorker('nonmig'), { isMigrantWorker: false, disputeType: 'dismissal' });
    expect(other.eligibility).toMatchObject({ eligible: false, exemption: null });
    expect(other.eligibility.reasons[1]).toContain('不低于当地最低工资标准');
    const check = await t.http('POST', '/legal/eligibility', {
      token: await t.newWorker('chk'),
      body: {
        disputeType: 'dismissal',
        isMigrantWorker: false,
        amountClaimedFen: 500_000,
        householdMonthlyIncomeFen: 300_000,
        householdSize: 2,
        seriousIllnessOrDisaster: false,
        unionStaffHarmedForDuty: false,
      },
    });
    expect(check.body).toMatchObject({ eligible: true, exemption: null, incomePerHeadFen: 150_000, ruleSetVersion: 0 });
  });

  it('lists the evidence that helps a kind of dispute, the most useful first', async () => {
    const token = await t.newWorker('evidence');
    const injury = await t.http<EvidenceChecklistItem[]>('GET', '/legal/evidence-checklist?disputeType=work_injury', { token });
    expect(injury.status).toBe(200);
    expect(injury.body.slice(0, 2).map((i) => i.purpose)).toEqual(['injury_certificate', 'medical_receipt']);
    expect((await t.http('GET', '/legal/evidence-checklist?disputeType=divorce', { token })).status).toBe(400);
  });

  it('gives the written decision 7 working days, counted over a holiday', async () => {
    const a = await apply(await t.newWorker('deadline'));
    const transitions = t.app.get(TransitionService);
    const expected = transitions.dueFor(LEGAL_AID_WORKFLOW, 'submitted', new Date(a.submittedAt), { legalAidDecision: 7 });
    expect(a.deadline?.dueAt).toBe(expected?.toISOString());
    // From Tuesday 29 September 2026 the National Day holiday (1–7 October) is skipped and the
    // make-up Saturday 10 October counts: the seventh working day is Wednesday 14 October.
    const overHoliday = transitions.dueFor(LEGAL_AID_WORKFLOW, 'submitted', new Date('2026-09-29T02:00:00Z'), { legalAidDecision: 7 });
    expect(overHoliday?.toISOString()).toBe('2026-10-14T15:59:59.999Z');
  });

  it('runs a case from decision to money recovered, with the clocks and the centre totals', async () => {
    const worker = await t.newWorker('fullcase');
    const staff = await t.loginAs('legal_staff', LEGAL_CENTRE);
    const { token: lawyer, id: lawyerId } = await aLawyer(t, { name: '秦律师' });
    const stats0 = (await t.http<LegalStatistics>('GET', '/legal/statistics', { token: staff })).body;
    const evidence = await uploadJpeg(t, worker, 'iou');
    const a = await apply(worker, { evidence: [{ purpose: 'iou', uploadIds: [evidence.id] }] });
    expect(a.evidence).toEqual([
      expect.objectContaining({ purpose: 'iou', purposeLabel: '欠条', files: [expect.objectContaining({ id: evidence.id })] }),
    ]);
    expect(a.clock.next).toMatchObject({ key: 'arbitration_limit', dueOn: expect.any(String) });

    // The lawyer cannot decide; a lawyer of another centre cannot even see it.
    const byLawyer = await t.http('POST', `/legal/aid-applications/${a.id}/accept`, {
      token: lawyer,
      body: { version: a.version, lawyerUserId: lawyerId },
    });
    expect(byLawyer.status).toBe(403);
    expect((await t.http('GET', `/legal/aid-applications/${a.id}`, { token: lawyer })).status).toBe(404);
    expect((await t.http('GET', `/legal/aid-applications/${a.id}`, { token: await t.loginAs('lawyer', TOWN_CENTRE) })).status).toBe(404);

    const accepted = await post<LegalAidApplicationView>(`/legal/aid-applications/${a.id}/accept`, staff, {
      version: a.version,
      lawyerUserId: lawyerId,
    });
    expect(accepted).toMatchObject({ state: 'accepted', lawyerUserId: lawyerId, lawyerName: '秦律师', deadline: null });
    const seen = await t.http<LegalAidApplicationView>('GET', `/legal/aid-applications/${a.id}`, { token: lawyer });
    expect(seen.status).toBe(200);
    expect(seen.body.actions.map((x) => x.action)).toContain('start_mediation');
    expect((await t.http('GET', `/legal/aid-applications/${a.id}`, { token: await t.loginAs('lawyer', TOWN_CENTRE) })).status).toBe(404);

    const mediation = await post<LegalAidApplicationView>(`/legal/aid-applications/${a.id}/stage`, lawyer, {
      version: seen.body.version,
      action: 'start_mediation',
      startedOn: daysAgo(10),
      mediationStartedOn: daysAgo(10),
      note: '已申请调解',
    });
    expect(mediation.state).toBe('mediation');
    expect(mediation.clock.next).toMatchObject({ key: 'mediation', status: 'running' });
    expect(mediation.clock.next?.daysLeft).toBeLessThanOrEqual(7);
    const soon = await t.http<Page<LegalAidSummary>>('GET', '/legal/aid-applications?clockWithinDays=7&limit=50', { token: lawyer });
    expect(soon.body.items.find((i) => i.id === a.id)?.nextClock).toMatchObject({ label: '调解期限' });

    // The stored next period is kept current by a scheduled job, not by the GET that reads it.
    const ds = t.app.get(DataSource);
    const dueOn = async () =>
      ((await ds.query('SELECT next_clock_due_on AS d FROM legal_aid_applications WHERE id = ?', [a.id])) as { d: string | null }[])[0].d;
    const current = await dueOn();
    await ds.query('UPDATE legal_aid_applications SET next_clock_due_on = ? WHERE id = ?', [daysAgo(3), a.id]);
    await t.http('GET', '/legal/aid-applications?clockWithinDays=7&limit=50', { token: lawyer });
    expect(await dueOn()).toBe(daysAgo(3));
    expect(await t.app.get(LegalClocksJob).runOnce()).toBeGreaterThanOrEqual(1);
    expect(await dueOn()).toBe(current);
    expect(await t.app.get(LegalClocksJob).runOnce()).toBe(0);
    const worker2 = await t.http<LegalAidApplicationView>('GET', `/legal/aid-applications/${a.id}`, { token: worker });
    expect(worker2.body.clock.next?.key).toBe('mediation');
    expect(worker2.body.conflicts).toEqual([]);

    const badDates = await t.http('PATCH', `/legal/aid-applications/${a.id}/dates`, {
      token: lawyer,
      body: { version: mediation.version, mediationEndedOn: daysAgo(12) },
    });
    expect(badDates.status).toBe(400);
    const ended = await t.http<LegalAidApplicationView>('PATCH', `/legal/aid-applications/${a.id}/dates`, {
      token: lawyer,
      body: { version: mediation.version, mediationEndedOn: daysAgo(1), note: '调解达成协议' },
    });
    expect(ended.status).toBe(200);
    expect(ended.body.clock.items.find((i) => i.key === 'mediation')?.status).toBe('done');

    const closed = await post<LegalAidApplicationView>(`/legal/aid-applications/${a.id}/close`, lawyer, {
      version: ended.body.version,
      outcome: 'settled',
      amountClaimedFen: 860_000,
      amountRecoveredFen: 800_000,
      recoveredOn: today(),
      note: '调解结案，单位当场支付 8000 元。',
    });
    expect(closed).toMatchObject({ state: 'closed', outcomeLabel: '调解或协商解决', amountRecoveredFen: 800_000 });
    const mine = await t.http<Page<LegalAidApplicationView>>('GET', '/legal/aid-applications/mine', { token: worker });
    expect(mine.body.items[0]).toMatchObject({ id: a.id, state: 'closed', amountRecoveredFen: 800_000 });

    const stats = (await t.http<LegalStatistics>('GET', '/legal/statistics', { token: staff })).body;
    expect(stats.applications.closed).toBe(stats0.applications.closed + 1);
    expect(stats.amountRecoveredFen).toBe(stats0.amountRecoveredFen + 800_000);
    expect(stats.people).toBe(stats0.people + 1);
  });

  it('refuses with a reason and a pointer to other help', async () => {
    const worker = await t.newWorker('refuse');
    const a = await apply(worker, { isMigrantWorker: false, disputeType: 'contract' });
    const staff = await t.loginAs('legal_staff', LEGAL_CENTRE);
    const noReason = await t.http('POST', `/legal/aid-applications/${a.id}/reject`, {
      token: staff,
      body: { version: a.version, reason: '' },
    });
    expect(noReason.status).toBe(400);
    const refused = await post<LegalAidApplicationView>(`/legal/aid-applications/${a.id}/reject`, staff, {
      version: a.version,
      reason: '家庭人均收入高于最低工资标准',
    });
    expect(refused).toMatchObject({ state: 'rejected', decisionReason: '家庭人均收入高于最低工资标准' });
    expect(refused.otherHelp).toContain('12348');
    const twice = await t.http('POST', `/legal/aid-applications/${a.id}/accept`, {
      token: staff,
      body: { version: refused.version, lawyerUserId: (await aLawyer(t)).id },
    });
    expect(twice.status).toBe(409);
  });

  it('warns the centre when the employer is already on the other side of another case', async () => {
    const employer = { name: '城关 某某 劳务公司', creditCode: null, address: null };
    const first = await apply(await t.newWorker('cf1'), { employer });
    const second = await apply(await t.newWorker('cf2'), { employer: { ...employer, name: '城关某某劳务公司' } });
    expect(second.conflicts).toEqual([]);
    const staffView = await t.http<LegalAidApplicationView>('GET', `/legal/aid-applications/${second.id}`, {
      token: await t.loginAs('legal_staff', LEGAL_CENTRE),
    });
    expect(staffView.body.conflicts).toHaveLength(1);
    // The warning names the other case by its case number, which the case API opens.
    expect(staffView.body.conflicts[0].caseId).toBe(first.caseId);
    expect(first.caseId).not.toBe(first.id);
  });

  it('refuses a bad application and writes nothing', async () => {
    const worker = await t.newWorker('badaid');
    const { consultation: theirs } = await aConsultation(t);
    const cases: [string, Partial<CreateLegalAidApplicationRequest> | Record<string, unknown>, number, string][] = [
      ['no employer name', { employer: { name: '' } }, 400, 'validation_failed'],
      ['a bad credit code', { employer: { name: '某公司', creditCode: '123' } }, 400, 'validation_failed'],
      ['a negative amount', { amountClaimedFen: -1 }, 400, 'validation_failed'],
      ['an unknown dispute type', { disputeType: 'divorce' }, 400, 'validation_failed'],
      ['a day that does not exist', { learnedOn: '2026-02-30' }, 400, 'validation_failed'],
      ['a day in the future', { learnedOn: '2099-01-01' }, 400, 'validation_failed'],
      ['a job that ended before it began', { employmentStartedOn: daysAgo(10), employmentEndedOn: daysAgo(20) }, 400, 'validation_failed'],
      ['an old consent version', { consentVersion: 'v0' }, 400, 'validation_failed'],
      ['no household', { householdSize: 0 }, 400, 'validation_failed'],
      ['evidence of an unknown kind', { evidence: [{ purpose: 'passport', uploadIds: [] }] }, 400, 'validation_failed'],
      ["someone else's file", { evidence: [{ purpose: 'iou', uploadIds: [999_999] }] }, 400, 'validation_failed'],
      ['a consultation that is not theirs', { fromConsultationId: theirs.id }, 400, 'validation_failed'],
    ];
    const before = [await t.count('legal_aid_applications'), await t.count('workflow_cases'), await t.count('messages')];
    for (const [name, over, status, code] of cases) {
      const res = await t.http('POST', '/legal/aid-applications', { token: worker, body: { ...application(), ...over } });
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status, code });
    }
    expect([await t.count('legal_aid_applications'), await t.count('workflow_cases'), await t.count('messages')]).toEqual(before);
    // One open application per employer.
    const first = await apply(worker);
    const dup = await t.http('POST', '/legal/aid-applications', { token: worker, body: application({ employer: first.employer }) });
    expect(dup.body.code).toBe('legal_aid_open');
  });

  it('lets the worker withdraw an application before the decision, and apply again later', async () => {
    const worker = await t.newWorker('withdraw');
    const staff = await t.loginAs('legal_staff', LEGAL_CENTRE);
    const lawyer = await aLawyer(t);
    const a = await apply(worker);
    expect(a.actions.map((x) => x.action)).toEqual(['withdraw']);
    const path = `/legal/aid-applications/${a.id}/withdraw`;
    // Only the worker who applied: another worker cannot see it, the centre cannot withdraw for them.
    expect(await refusal(path, await t.newWorker('withdraw-other'), { version: a.version })).toEqual([404, 'not_found']);
    expect(await refusal(path, staff, { version: a.version })).toEqual([409, 'action_not_allowed']);

    const withdrawn = await post<LegalAidApplicationView>(path, worker, { version: a.version });
    expect(withdrawn).toMatchObject({
      state: 'withdrawn',
      stateLabel: '已撤回',
      nextStep: LEGAL_AID_WORKFLOW.states.withdrawn.nextStep,
      deadline: null,
      actions: [],
    });
    expect(withdrawn.history.at(-1)).toMatchObject({ action: 'withdraw', fromState: 'submitted', toState: 'withdrawn' });
    expect(await messagesTitled(worker, '法律援助申请已撤回')).toHaveLength(1);
    const late = await refusal(`/legal/aid-applications/${a.id}/accept`, staff, {
      version: withdrawn.version,
      lawyerUserId: lawyer.id,
    });
    expect(late).toEqual([409, 'action_not_allowed']);
    // A withdrawn application does not block a new one against the same employer; once the centre
    // has accepted it, it can no longer be withdrawn.
    const again = await apply(worker, { employer: a.employer });
    const accepted = await post<LegalAidApplicationView>(`/legal/aid-applications/${again.id}/accept`, staff, {
      version: again.version,
      lawyerUserId: lawyer.id,
    });
    expect(await refusal(`/legal/aid-applications/${again.id}/withdraw`, worker, { version: accepted.version })).toEqual([
      409,
      'action_not_allowed',
    ]);
  });

  it('moves an accepted case into negotiation and from there to court, by the lawyer handling it', async () => {
    const worker = await t.newWorker('stages');
    const counsel = await aLawyer(t, { name: '秦律师' });
    const lawyer = counsel.token;
    const { application: accepted } = await aLegalAidCase(t, { state: 'accepted', worker, lawyer: counsel });
    const a = accepted;
    const path = `/legal/aid-applications/${a.id}/stage`;
    const negotiate = { version: accepted.version, action: 'start_negotiation', startedOn: daysAgo(5), note: '已约单位负责人面谈' };
    // The worker does not move their own case; a lawyer of another centre cannot see it.
    expect(await refusal(path, worker, negotiate)).toEqual([403, 'forbidden']);
    expect(await refusal(path, await t.loginAs('lawyer', TOWN_CENTRE), negotiate)).toEqual([404, 'not_found']);
    const seen = (await t.http<LegalAidApplicationView>('GET', `/legal/aid-applications/${a.id}`, { token: lawyer })).body;
    expect(seen.actions.find((x) => x.action === 'start_negotiation')).toMatchObject({ label: '开始协商', form: 'legal_aid_stage' });

    const negotiation = await post<LegalAidApplicationView>(path, lawyer, negotiate);
    expect(negotiation).toMatchObject({ state: 'negotiation', stateLabel: '协商中' });
    expect(negotiation.stages.find((s) => s.stage === 'negotiation')).toMatchObject({
      startedOn: daysAgo(5),
      note: '已约单位负责人面谈',
      recordedByName: '秦律师',
    });
    expect(negotiation.actions.map((x) => x.action)).not.toContain('start_negotiation');
    expect(await refusal(path, lawyer, { ...negotiate, version: negotiation.version })).toEqual([409, 'action_not_allowed']);
    expect(await messagesTitled(worker, '案件进入协商阶段')).toHaveLength(1);

    // Talks failed; with the IOU the lawyer sues straight away.
    const litigation = await post<LegalAidApplicationView>(path, lawyer, {
      version: negotiation.version,
      action: 'start_litigation',
      startedOn: daysAgo(1),
      lawsuitFiledOn: daysAgo(1),
      note: '协商不成，持欠条向法院起诉',
    });
    expect(litigation).toMatchObject({ state: 'litigation', stateLabel: '诉讼中', dates: { lawsuitFiledOn: daysAgo(1) } });
    expect(litigation.history.slice(-2).map((h) => [h.action, h.fromState, h.toState])).toEqual([
      ['start_negotiation', 'accepted', 'negotiation'],
      ['start_litigation', 'negotiation', 'litigation'],
    ]);
    expect(litigation.actions.map((x) => x.action)).toEqual(['close']);
    const mine = (await t.http<LegalAidApplicationView>('GET', `/legal/aid-applications/${a.id}`, { token: worker })).body;
    expect(mine).toMatchObject({ state: 'litigation', nextStep: LEGAL_AID_WORKFLOW.states.litigation.nextStep, actions: [] });
    expect(await messagesTitled(worker, '案件进入诉讼阶段')).toEqual([expect.objectContaining({ body: '协商不成，持欠条向法院起诉' })]);
  });
});

describe('fixes from review', () => {
  it('assigns only lawyers who can see the case, and keeps sensitive results encrypted', async () => {
    const worker = await t.newWorker('rv-assign');
    const a = await apply(worker, { seriousIllnessOrDisaster: true, isMigrantWorker: false, disputeType: 'contract' });
    expect(a.eligibility.exemption).toBe('serious_illness_or_disaster');
    const raw = (await t.app.get(DataSource).query('SELECT * FROM legal_aid_applications WHERE id = ?', [a.id])) as Record<
      string,
      unknown
    >[];
    expect(JSON.stringify(raw[0])).not.toContain('serious_illness');
    expect(JSON.stringify(raw[0])).not.toContain('incomePerHead');
    const staff = await t.loginAs('legal_staff', LEGAL_CENTRE);
    const townLawyerId = await userIdOf(t, await t.loginAs('lawyer', TOWN_CENTRE));
    const refused = await t.http('POST', `/legal/aid-applications/${a.id}/accept`, {
      token: staff,
      body: { version: a.version, lawyerUserId: townLawyerId },
    });
    expect(refused.status).toBe(400);
  });

  it('moves a booking with its place and its case to the new lawyer', async () => {
    const worker = await t.newWorker('rv-move');
    const countyLawyer = await aLawyer(t);
    // The town's lawyer sees people at the town's service station.
    const { token: townLawyer, id: townLawyerId } = await aLawyer(t, {
      at: TOWN_CENTRE,
      name: '林律师',
      rules: [1, 2, 3, 4, 5].map((d) => scheduleLine(d, '09:00', '11:00', ['in_person'], '万安镇职工服务站')),
    });
    const [county] = await freeSlots(countyLawyer, 'in_person');
    const [town] = await freeSlots({ token: townLawyer, id: townLawyerId, name: '林律师' }, 'in_person');
    const booked = await post<ConsultationView>('/legal/consultations', worker, booking(county, { channel: 'in_person' }), 201);
    const moved = await post<ConsultationView>(`/legal/consultations/${booked.id}/reschedule`, worker, {
      version: booked.version,
      lawyerUserId: townLawyerId,
      startsAt: town.startsAt,
    });
    expect(moved.place).toBe(town.place);
    expect((await t.http('GET', `/legal/consultations/${booked.id}`, { token: townLawyer })).status).toBe(200);
  });

  it('does not mark a thread read for its lawyer when a colleague opens it, and keeps dates a stage form leaves empty', async () => {
    const worker = await t.newWorker('rv-read');
    const counsel = await aLawyer(t);
    const lawyer = counsel.token;
    // The centre's staff hand the question to the lawyer, then look in themselves.
    const { thread: opened, staff } = await aLegalThread(t, { worker, lawyer: counsel, body: '合同到期不续签有补偿吗？' });
    await t.http('GET', `/legal/threads/${opened.id}`, { token: staff });
    const line = (await t.http<Page<LegalThreadSummary>>('GET', '/legal/threads?limit=50', { token: staff })).body.items.find(
      (i) => i.id === opened.id,
    );
    expect(line?.unread).toBe(1);

    const { application: accepted } = await aLegalAidCase(t, { state: 'accepted', staff, lawyer: counsel });
    const a = accepted;
    const mediation = await post<LegalAidApplicationView>(`/legal/aid-applications/${a.id}/stage`, lawyer, {
      version: accepted.version,
      action: 'start_mediation',
      startedOn: daysAgo(3),
      mediationStartedOn: daysAgo(3),
    });
    const arbitration = await post<LegalAidApplicationView>(`/legal/aid-applications/${a.id}/stage`, lawyer, {
      version: mediation.version,
      action: 'start_arbitration',
      startedOn: daysAgo(1),
      arbitrationAppliedOn: daysAgo(1),
      mediationStartedOn: null,
    });
    expect(arbitration.dates).toMatchObject({ mediationStartedOn: daysAgo(3), arbitrationAppliedOn: daysAgo(1) });
  });

  it('shows petition files only to staff who handle petitions', async () => {
    const staff = await t.loginAs('legal_staff', LEGAL_CENTRE);
    const doc = await uploadJpeg(t, staff, 'legal_document');
    const { petition: p } = await aPetition(t, {
      staff,
      petition: {
        channel: 'letter',
        petitionerName: '王立新',
        petitionerPhone: '13900006666',
        employerName: '某电子厂',
        workerCount: 3,
        subject: '3 名职工反映未签劳动合同',
        content: '电子厂 3 名职工反映入职半年未签劳动合同。',
      },
    });
    await post(`/legal/petitions/${p.id}/meetings`, staff, {
      heldOn: today(),
      attendees: '工会、企业',
      summary: '企业同意本周内补签合同。',
      uploadIds: [doc.id],
    });
    expect((await t.http('GET', `/uploads/${doc.id}/link`, { token: await t.loginAs('lawyer', LEGAL_CENTRE) })).status).toBe(404);
    expect((await t.http('GET', `/uploads/${doc.id}/link`, { token: await t.loginAs('county_cadre', '县总工会') })).status).toBe(200);
  });
});

describe('online consultation', () => {
  it('goes between the worker and the assigned lawyer with unread counts on both sides', async () => {
    const worker = await t.newWorker('thread');
    const counsel = await aLawyer(t);
    const photo = await uploadJpeg(t, worker, 'consultation_photo');
    const opened = await post<LegalThreadView>(
      '/legal/threads',
      worker,
      { topic: 'dismissal', body: '公司让我签自愿离职，不签就不发工资。', uploadIds: [photo.id] },
      201,
    );
    // Given to the least busy of the centre's lawyers.
    expect(opened).toMatchObject({ state: 'waiting_centre', unread: 0, lawyerUserId: expect.any(Number), lawyerName: expect.any(String) });
    expect(opened.deadline?.workingDaysLeft).toBeGreaterThanOrEqual(1);
    expect(opened.messages[0].photos.map((p) => p.id)).toEqual([photo.id]);

    const staff = await t.loginAs('legal_staff', LEGAL_CENTRE);
    // The centre hands it to 秦律师, so the test does not depend on who was least busy.
    await post(`/legal/threads/${opened.id}/assign`, staff, { lawyerUserId: counsel.id });
    // The centre's staff see every thread; the assigned lawyer sees it as unread and unanswered.
    const all = await t.http<Page<LegalThreadSummary>>('GET', '/legal/threads?waiting=true&limit=50', { token: staff });
    const line = all.body.items.find((i) => i.id === opened.id);
    expect(line).toMatchObject({ unread: 1, state: 'waiting_centre' });
    const own = await t.http<Page<LegalThreadSummary>>('GET', '/legal/threads?waiting=true&limit=50', { token: counsel.token });
    expect(own.body.items.find((i) => i.id === opened.id)).toMatchObject({ unread: 1, state: 'waiting_centre' });
    const answer = await post<LegalThreadView>(`/legal/threads/${opened.id}/messages`, counsel.token, {
      body: '不要签。单位不能以不发工资相逼，可以来中心面谈。',
    });
    expect(answer.state).toBe('waiting_worker');
    expect(answer.deadline).toBeNull();

    const mine = await t.http<Page<LegalThreadSummary>>('GET', '/legal/threads/mine', { token: worker });
    expect(mine.body.items.find((i) => i.id === opened.id)).toMatchObject({
      unread: 1,
      state: 'waiting_worker',
      lastMessage: expect.stringContaining('不要签'),
    });
    const read = await t.http<LegalThreadView>('GET', `/legal/threads/${opened.id}`, { token: worker });
    expect(read.body.unread).toBe(0);
    expect(read.body.messages.map((m) => m.fromCentre)).toEqual([false, true]);
    const again = await post<LegalThreadView>(`/legal/threads/${opened.id}/messages`, worker, { body: '好的，周三上午可以去吗？' });
    expect(again.state).toBe('waiting_centre');
    const closed = await postStep<LegalThreadView>(`/legal/threads/${opened.id}`, worker, {
      action: 'close',
      version: again.version,
    });
    expect(closed.state).toBe('closed');

    // Another worker cannot read it, and nobody can post an empty message.
    expect((await t.http('GET', `/legal/threads/${opened.id}`, { token: await t.newWorker('nosy') })).status).toBe(404);
    const before = await t.count('legal_thread_messages');
    expect((await t.http('POST', '/legal/threads', { token: worker, body: { topic: 'dismissal', body: '' } })).status).toBe(400);
    expect((await t.http('POST', '/legal/threads', { token: worker, body: { topic: 'nope', body: '一个问题一个问题' } })).status).toBe(400);
    expect(await t.count('legal_thread_messages')).toBe(before);
  });

  it('lets the lawyer end a thread once it is answered, and not before', async () => {
    const worker = await t.newWorker('staffclose');
    const counsel = await aLawyer(t, { name: '秦律师' });
    const lawyer = counsel.token;
    // The centre hands it to 秦律师, so the test does not depend on who was least busy.
    const { thread: assigned } = await aLegalThread(t, { worker, lawyer: counsel, body: '试用期被辞退有补偿吗？' });
    const opened = assigned;
    expect(assigned.lawyerName).toBe('秦律师');
    const record = `/legal/threads/${opened.id}`;
    expect(await refusalStep(record, lawyer, { action: 'staff_close', version: assigned.version })).toEqual([409, 'action_not_allowed']);

    const answer = await post<LegalThreadView>(`/legal/threads/${opened.id}/messages`, lawyer, {
      body: '试用期内不符合录用条件才可以解除，单位要说明理由。',
    });
    expect(answer.state).toBe('waiting_worker');
    expect(answer.actions.find((a) => a.action === 'staff_close')).toMatchObject({ label: '结束咨询', confirm: expect.any(String) });
    // The worker ends it with “close”, not the centre's button; a lawyer of another centre cannot see it.
    expect(await refusalStep(record, worker, { action: 'staff_close', version: answer.version })).toEqual([409, 'action_not_allowed']);
    expect(await refusalStep(record, await t.loginAs('lawyer', TOWN_CENTRE), { action: 'staff_close', version: answer.version })).toEqual([
      404,
      'not_found',
    ]);

    const closed = await postStep<LegalThreadView>(record, lawyer, { action: 'staff_close', version: answer.version });
    expect(closed).toMatchObject({ state: 'closed', stateLabel: '已结束', deadline: null, actions: [] });
    const mine = (await t.http<LegalThreadView>('GET', `/legal/threads/${opened.id}`, { token: worker })).body;
    expect(mine).toMatchObject({ state: 'closed', actions: [] });
    expect(mine.messages.map((m) => m.fromCentre)).toEqual([false, true]);
    expect(await messagesTitled(worker, '在线咨询已结束')).toHaveLength(1);
    // A closed thread takes no more messages: a new question is a new thread.
    const before = await t.count('legal_thread_messages');
    expect(await refusal(`/legal/threads/${opened.id}/messages`, worker, { body: '还有一个问题' })).toEqual([409, 'action_not_allowed']);
    expect(await t.count('legal_thread_messages')).toBe(before);
  });
});

describe('petitions', () => {
  const petition = (over: Record<string, unknown> = {}) => ({ ...petitionRequest(t), ...over });

  it('is registered, accepted within 15 days, extended once and resolved with its meeting and legal-aid cases', async () => {
    const staff = await t.loginAs('legal_staff', LEGAL_CENTRE);
    const created = await post<PetitionView>('/legal/petitions', staff, petition(), 201);
    expect(created).toMatchObject({ state: 'registered', petitionerNameMasked: '张**', petitionerPhoneMasked: '139****5555' });
    const due = new Date(created.deadline?.dueAt as string);
    expect(Math.round((due.getTime() - Date.parse(`${today()}T00:00:00+08:00`)) / DAY_MS)).toBe(16);
    expect((await t.http('GET', `/legal/petitions/${created.id}`, { token: await t.newWorker('pw') })).status).toBe(403);
    expect((await t.http('GET', `/legal/petitions/${created.id}`, { token: await t.loginAs('county_cadre', '县总工会') })).status).toBe(
      200,
    );

    const accepted = await postStep<PetitionView>(`/legal/petitions/${created.id}`, staff, {
      action: 'accept',
      version: created.version,
    });
    expect(accepted.state).toBe('accepted');
    const extended = await postStep<PetitionView>(`/legal/petitions/${created.id}`, staff, {
      action: 'extend',
      version: accepted.version,
      comment: '涉及人数多，需与人社部门联合调查',
    });
    expect(Date.parse(extended.deadline?.dueAt as string) - Date.parse(accepted.deadline?.dueAt as string)).toBe(30 * DAY_MS);
    const twice = await t.step(`/legal/petitions/${created.id}`, {
      token: staff,
      body: { action: 'extend', version: extended.version, comment: '再延一次' },
    });
    expect(twice.status).toBe(409);
    const met = await post<PetitionView>(`/legal/petitions/${created.id}/meetings`, staff, {
      heldOn: today(),
      attendees: '工会、企业负责人、职工代表',
      summary: '企业同意本月底前补发加班费。',
    });
    expect(met.meetings).toHaveLength(1);
    const a = await apply(await t.newWorker('petaid'));
    const badLink = await t.http('POST', `/legal/petitions/${created.id}/resolve`, {
      token: staff,
      body: { version: met.version, result: '企业已补发加班费。', legalAidApplicationIds: [999_999] },
    });
    expect(badLink.status).toBe(400);
    const resolved = await post<PetitionView>(`/legal/petitions/${created.id}/resolve`, staff, {
      version: met.version,
      result: '企业已补发加班费，其中一名职工转法律援助。',
      legalAidApplicationIds: [a.id],
    });
    expect(resolved).toMatchObject({ state: 'resolved', legalAidApplicationIds: [a.id] });
    const stats = (await t.http<LegalStatistics>('GET', '/legal/statistics', { token: staff })).body;
    expect(stats.petitions.received).toBeGreaterThanOrEqual(1);
    expect(stats.petitions.workers).toBeGreaterThanOrEqual(8);
  });

  it('refuses a bad petition and writes nothing', async () => {
    const staff = await t.loginAs('legal_staff', LEGAL_CENTRE);
    const before = await t.count('petitions');
    for (const over of [
      { channel: 'pigeon' },
      { petitionerName: '1' },
      { petitionerPhone: '123' },
      { workerCount: 0 },
      { subject: '' },
      { receivedOn: '2099-01-01' },
      { receivedOn: '2026-13-01' },
    ]) {
      const res = await t.http('POST', '/legal/petitions', { token: staff, body: petition(over) });
      expect({ over, status: res.status }).toEqual({ over, status: 400 });
    }
    expect(await t.count('petitions')).toBe(before);
  });

  it('declines a petition the union does not take, with the reason and where to go', async () => {
    const staff = await t.loginAs('legal_staff', LEGAL_CENTRE);
    const created = await post<PetitionView>('/legal/petitions', staff, petition({ subject: '1 名职工反映社保未缴', workerCount: 1 }), 201);
    expect(created.actions.find((a) => a.action === 'decline')).toMatchObject({ label: '不予受理', requiresComment: true });
    const record = `/legal/petitions/${created.id}`;
    const reason = '属于劳动保障监察事项，已告知向县人社局劳动保障监察大队投诉';
    // Only staff who handle petitions (a lawyer does not even see the case), and only with the reason.
    expect(
      await refusalStep(record, await t.loginAs('lawyer', LEGAL_CENTRE), { action: 'decline', version: created.version, comment: reason }),
    ).toEqual([404, 'not_found']);
    expect(await refusalStep(record, staff, { action: 'decline', version: created.version })).toEqual([400, 'validation_failed']);
    expect((await t.http<PetitionView>('GET', `/legal/petitions/${created.id}`, { token: staff })).body).toMatchObject({
      state: 'registered',
      version: created.version,
      declineReason: null,
    });

    const declined = await postStep<PetitionView>(record, staff, { action: 'decline', version: created.version, comment: reason });
    expect(declined).toMatchObject({ state: 'declined', stateLabel: '不予受理', declineReason: reason, deadline: null, actions: [] });
    expect(declined.history.at(-1)).toMatchObject({ action: 'decline', fromState: 'registered', toState: 'declined', comment: reason });
    expect(await refusalStep(record, staff, { action: 'accept', version: declined.version })).toEqual([409, 'action_not_allowed']);
    const meeting = await refusal(`/legal/petitions/${created.id}/meetings`, staff, {
      heldOn: today(),
      attendees: '工会',
      summary: '再次约谈企业负责人。',
    });
    expect(meeting).toEqual([409, 'action_not_allowed']);
  });
});

describe('bad input on the centre’s endpoints', () => {
  it('refuses bad schedules, stages, dates, closings and rule sets, and writes nothing', async () => {
    const staff = await t.loginAs('legal_staff', LEGAL_CENTRE);
    const counsel = await aLawyer(t);
    const { token: lawyer, id: lawyerId } = counsel;
    const { application: accepted } = await aLegalAidCase(t, { state: 'accepted', staff, lawyer: counsel });
    const a = accepted;
    const { thread } = await aLegalThread(t, { staff, lawyer: counsel });
    const { petition: p } = await aPetition(t, { staff });
    const line = { weekday: 1, startTime: '09:00', endTime: '11:00', slotMinutes: 30, channels: ['phone'], place: '中心' };
    const cases: [string, string, string, unknown][] = [
      ['a weekday 8', 'PUT', `/legal/lawyers/${lawyerId}/availability`, { rules: [{ ...line, weekday: 8 }] }],
      ['a time 25:00', 'PUT', `/legal/lawyers/${lawyerId}/availability`, { rules: [{ ...line, startTime: '25:00' }] }],
      ['an end before the start', 'PUT', `/legal/lawyers/${lawyerId}/availability`, { rules: [{ ...line, endTime: '08:00' }] }],
      [
        'overlapping lines',
        'PUT',
        `/legal/lawyers/${lawyerId}/availability`,
        { rules: [line, { ...line, startTime: '10:00', endTime: '12:00' }] },
      ],
      ['no channel', 'PUT', `/legal/lawyers/${lawyerId}/availability`, { rules: [{ ...line, channels: [] }] }],
      ['a day away in the past', 'POST', `/legal/lawyers/${lawyerId}/exceptions`, { date: '2020-01-01', note: '请假' }],
      [
        'a stage that is not one',
        'POST',
        `/legal/aid-applications/${a.id}/stage`,
        { version: accepted.version, action: 'appeal', startedOn: today() },
      ],
      [
        'a stage starting tomorrow',
        'POST',
        `/legal/aid-applications/${a.id}/stage`,
        { version: accepted.version, action: 'start_mediation', startedOn: '2099-01-01' },
      ],
      [
        'an award before acceptance',
        'PATCH',
        `/legal/aid-applications/${a.id}/dates`,
        { version: accepted.version, arbitrationAcceptedOn: daysAgo(1) },
      ],
      [
        'a negative recovery',
        'POST',
        `/legal/aid-applications/${a.id}/close`,
        { version: accepted.version, outcome: 'settled', amountClaimedFen: 1, amountRecoveredFen: -1, recoveredOn: null, note: '结案' },
      ],
      [
        'money recovered without a date',
        'POST',
        `/legal/aid-applications/${a.id}/close`,
        { version: accepted.version, outcome: 'settled', amountClaimedFen: 1, amountRecoveredFen: 100, recoveredOn: null, note: '结案' },
      ],
      [
        'an unknown outcome',
        'POST',
        `/legal/aid-applications/${a.id}/close`,
        { version: accepted.version, outcome: 'won', amountClaimedFen: 1, amountRecoveredFen: 0, recoveredOn: null, note: '结案' },
      ],
      [
        'a rule set with an unknown exemption',
        'POST',
        '/legal/rule-sets',
        {
          effectiveFrom: today(),
          rules: {
            minimumWageFen: 200000,
            amountThresholdFen: 100000,
            exemptions: ['vip'],
            decisionWorkingDays: 7,
            threadResponseWorkingDays: 2,
            bookingChangeHours: 2,
            maxOpenBookings: 2,
            otherHelp: '12348 热线',
          },
        },
      ],
      [
        'a rule set starting yesterday',
        'POST',
        '/legal/rule-sets',
        {
          effectiveFrom: daysAgo(1),
          rules: {
            minimumWageFen: 200000,
            amountThresholdFen: 100000,
            exemptions: [],
            decisionWorkingDays: 7,
            threadResponseWorkingDays: 2,
            bookingChangeHours: 2,
            maxOpenBookings: 2,
            otherHelp: '12348 热线',
          },
        },
      ],
      ['an empty message', 'POST', `/legal/threads/${thread.id}/messages`, { body: '' }],
      ['a petition step that is not one', 'POST', `/legal/petitions/${p.id}/transitions`, { action: 'close', version: p.version }],
      [
        'a meeting in the future',
        'POST',
        `/legal/petitions/${p.id}/meetings`,
        { heldOn: '2099-01-01', attendees: '工会', summary: '会议情况记录' },
      ],
    ];
    const tables = [
      'legal_availability_rules',
      'legal_availability_exceptions',
      'legal_aid_stages',
      'rule_sets',
      'legal_thread_messages',
      'petition_meetings',
      'case_history',
    ];
    const before = await Promise.all(tables.map((x) => t.count(x)));
    for (const [name, method, path, body] of cases) {
      const token = path.startsWith('/legal/aid-applications') && !path.endsWith('/accept') ? lawyer : staff;
      const res = await t.http(method, path, { token, body });
      expect({ name, status: res.status, code: res.body.code }).toEqual({
        name,
        status: expect.any(Number),
        code: expect.stringMatching(/validation_failed|action_not_allowed|not_found/),
      });
      expect({ name, ok: res.status >= 400 }).toEqual({ name, ok: true });
    }
    expect(await Promise.all(tables.map((x) => t.count(x)))).toEqual(before);
    const still = (await t.http<LegalAidApplicationView>('GET', `/legal/aid-applications/${a.id}`, { token: lawyer })).body;
    expect(still).toMatchObject({ state: 'accepted', version: accepted.version });
  });
});

describe('a worker\u2019s own consultations, legal-aid applications and online questions are paged', () => {
  it('pages the consultations newest first by keyset; a bad cursor or page size is a 400', async () => {
    const worker = await t.newWorker('lgpages');
    const lawyer = await aLawyer(t);
    const slots = await freeSlotsOf(t, lawyer, 'phone');
    const made: number[] = [];
    // One open booking at a time: each is cancelled before the next.
    for (const slot of slots.slice(0, 3)) {
      const { consultation } = await aConsultation(t, { worker, lawyer, slot });
      made.push(consultation.id);
      const cancelled = await t.step(`/legal/consultations/${consultation.id}`, {
        token: worker,
        body: { action: 'cancel', version: consultation.version },
      });
      expect(cancelled.status).toBe(200);
    }
    expect(made).toHaveLength(3);
    expect(await expectKeysetPages(t, '/legal/consultations/mine', worker, 2)).toEqual([...made].reverse());
  }, 60_000);

  it('pages the legal-aid applications newest first', async () => {
    const worker = await t.newWorker('lapages');
    const made: number[] = [];
    for (let i = 0; i < 3; i += 1) made.push((await aLegalAidApplication(t, { worker })).application.id);
    expect(await expectKeysetPages(t, '/legal/aid-applications/mine', worker, 2)).toEqual([...made].reverse());
  }, 60_000);

  it('pages the online questions by their latest message, then by id: an answered question comes first', async () => {
    const worker = await t.newWorker('thpages');
    const lawyer = await aLawyer(t);
    const made: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      made.push((await aLegalThread(t, { worker, lawyer, body: `第 ${i + 1} 个问题：试用期能延长吗？` })).thread.id);
      t.clock.advance(60_000);
    }
    expect(await expectKeysetPages(t, '/legal/threads/mine', worker, 1)).toEqual([made[2], made[1]]);
    // The lawyer answers the first question: its last message is now the newest.
    const answered = await t.http<LegalThreadView>('POST', `/legal/threads/${made[0]}/messages`, {
      token: lawyer.token,
      body: { body: '试用期不能随意延长，可以来中心面谈。' },
    });
    expect(answered.status).toBe(200);
    expect(await expectKeysetPages(t, '/legal/threads/mine', worker, 2)).toEqual([made[0], made[2], made[1]]);
  }, 60_000);
});
