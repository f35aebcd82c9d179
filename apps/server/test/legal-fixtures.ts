import {
  LEGAL_CONSENT_VERSION,
  addDays,
  type AvailabilityRuleView,
  type ConsultationChannel,
  type ConsultationView,
  type CreateLegalAidApplicationRequest,
  type CreatePetitionRequest,
  type LegalAidApplicationView,
  type LegalAidState,
  type LegalThreadView,
  type PetitionView,
  type SetAvailabilityRequest,
  type SlotDayView,
  type SlotView,
} from '@union/shared';
import { DataSource } from 'typeorm';
import { User } from '../src/modules/identity/entities/user.entity';
import type { TestApp } from './harness';

/**
 * Legal services made for a test through the API: a lawyer with a weekly schedule, a consultation
 * booked in one of their slots, a legal-aid application filed by a worker and taken along its
 * stages, an online question, a petition. Staff are made with `t.loginAs(role, organisationPath)`.
 */

/** Where the county's legal-aid centre sits: the county federation. */
export const LEGAL_CENTRE = '县总工会';

/** A town with its own lawyers (万安镇): a lawyer there does not see the county centre's cases. */
export const TOWN_CENTRE = '县总工会/万安镇总工会';

/** The user id behind a token. */
export async function userIdOf(t: TestApp, token: string): Promise<number> {
  const me = await t.http<{ id: number }>('GET', '/me', { token });
  if (me.status !== 200) throw new Error(`userIdOf: ${me.status}`);
  return me.body.id;
}

/**
 * Give the user behind `token` the name others see (history rows, the lawyer on a case). The API
 * has no way to name a user (WeChat no longer hands out nicknames), so this writes the one column;
 * tests that check whose name a record shows name the people they make.
 */
export async function giveName(t: TestApp, token: string, name: string): Promise<void> {
  await t.app
    .get(DataSource)
    .getRepository(User)
    .update({ id: await userIdOf(t, token) }, { displayName: name });
}

/** One line of a weekly schedule (30-minute slots). */
export function scheduleLine(
  weekday: number,
  startTime: string,
  endTime: string,
  channels: ConsultationChannel[],
  place = '县总工会职工法律援助中心',
): SetAvailabilityRequest['rules'][number] {
  return { weekday, startTime, endTime, slotMinutes: 30, channels, place };
}

/** Every working day 09:00–12:00 and 14:00–17:00, at the centre, by phone and by video. */
export const FULL_WEEK: SetAvailabilityRequest['rules'] = [1, 2, 3, 4, 5].flatMap((d) => [
  scheduleLine(d, '09:00', '12:00', ['in_person', 'phone', 'video']),
  scheduleLine(d, '14:00', '17:00', ['in_person', 'phone', 'video']),
]);

/** A lawyer made for a test: their token, user id and name. */
export interface Lawyer {
  token: string;
  id: number;
  name: string;
}

/**
 * A lawyer of the centre at `at` (the county's by default), who keeps a weekly schedule
 * (`FULL_WEEK` unless told) so their slots can be booked. `role: 'legal_staff'` makes the centre's
 * duty staff instead (they hold consultations but are not named on cases).
 */
export async function aLawyer(
  t: TestApp,
  options: { at?: string; name?: string; rules?: SetAvailabilityRequest['rules']; role?: 'lawyer' | 'legal_staff' } = {},
): Promise<Lawyer> {
  const token = await t.loginAs(options.role ?? 'lawyer', options.at ?? LEGAL_CENTRE);
  const id = await userIdOf(t, token);
  const name = options.name ?? '秦律师';
  await giveName(t, token, name);
  // A lawyer keeps their own schedule.
  const res = await t.http<AvailabilityRuleView[]>('PUT', `/legal/lawyers/${id}/availability`, {
    token,
    body: { rules: options.rules ?? FULL_WEEK },
  });
  if (res.status !== 200) throw new Error(`aLawyer: availability ${res.status} ${JSON.stringify(res.body)}`);
  return { token, id, name };
}

/** The free slots of one lawyer in the next four weeks (optionally of one channel), earliest first. */
export async function freeSlotsOf(t: TestApp, lawyer: Lawyer, channel?: ConsultationChannel): Promise<SlotView[]> {
  const res = await t.http<SlotDayView[]>('GET', `/legal/slots?days=28${channel ? `&channel=${channel}` : ''}`, { token: lawyer.token });
  if (res.status !== 200) throw new Error(`freeSlotsOf: ${res.status}`);
  return res.body.flatMap((d) => d.slots).filter((s) => s.lawyerUserId === lawyer.id);
}

/** The request that books `slot` by its first channel (a phone number given for calls). */
export function bookingOf(slot: SlotView, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    lawyerUserId: slot.lawyerUserId,
    startsAt: slot.startsAt,
    channel: slot.channels[0],
    topic: 'unpaid_wages',
    description: '老板拖欠了我三个月工资，一直不给。',
    phone: '13900001111',
    ...over,
  };
}

/** A consultation made for a test, with who booked it and the lawyer holding it. */
export interface BookedConsultation {
  consultation: ConsultationView;
  worker: string;
  lawyer: Lawyer;
}

/** A worker's booking of a lawyer's slot (a new worker and a new lawyer unless given; the earliest free slot of the channel). */
export async function aConsultation(
  t: TestApp,
  options: { worker?: string; lawyer?: Lawyer; channel?: ConsultationChannel; slot?: SlotView; booking?: Record<string, unknown> } = {},
): Promise<BookedConsultation> {
  const lawyer = options.lawyer ?? (await aLawyer(t));
  const worker = options.worker ?? (await t.newWorker('consult'));
  const channel = options.channel ?? 'phone';
  const slot = options.slot ?? (await freeSlotsOf(t, lawyer, channel))[0];
  if (!slot) throw new Error('aConsultation: the lawyer has no free slot');
  const res = await t.http<ConsultationView>('POST', '/legal/consultations', {
    token: worker,
    body: bookingOf(slot, { channel, ...(channel === 'in_person' ? { phone: undefined } : {}), ...options.booking }),
  });
  if (res.status !== 201) throw new Error(`aConsultation: ${res.status} ${JSON.stringify(res.body)}`);
  return { consultation: res.body, worker, lawyer };
}

/** A day counted back from the app's today (YYYY-MM-DD). */
export const daysBefore = (t: TestApp, n: number): string => addDays(t.clock.today(), -n);

/**
 * What a migrant worker owed two months' wages files: eligible without the income test. The
 * employer's name is new each time (one open application per employer and worker).
 */
export function legalAidRequest(t: TestApp, over: Partial<CreateLegalAidApplicationRequest> = {}): CreateLegalAidApplicationRequest {
  return {
    disputeType: 'unpaid_wages',
    isMigrantWorker: true,
    amountClaimedFen: 860_000,
    householdMonthlyIncomeFen: 900_000,
    householdSize: 2,
    seriousIllnessOrDisaster: false,
    unionStaffHarmedForDuty: false,
    employer: { name: `测试建筑劳务公司${Math.random().toString(36).slice(2, 7)}`, creditCode: null, address: '城关镇' },
    claims: '支付拖欠的两个月工资 8600 元。',
    phone: '13900002222',
    employmentStartedOn: daysBefore(t, 200),
    employmentEndedOn: daysBefore(t, 30),
    learnedOn: daysBefore(t, 30),
    evidence: [],
    consentVersion: LEGAL_CONSENT_VERSION,
    ...over,
  };
}

/** A legal-aid application filed by a worker (a new one unless given); the worker's own view of it. */
export async function aLegalAidApplication(
  t: TestApp,
  options: { worker?: string; application?: Partial<CreateLegalAidApplicationRequest> } = {},
): Promise<{ application: LegalAidApplicationView; worker: string }> {
  const worker = options.worker ?? (await t.newWorker('legalaid'));
  const res = await t.http<LegalAidApplicationView>('POST', '/legal/aid-applications', {
    token: worker,
    body: legalAidRequest(t, options.application),
  });
  if (res.status !== 201) throw new Error(`aLegalAidApplication: ${res.status} ${JSON.stringify(res.body)}`);
  return { application: res.body, worker };
}

/** A legal-aid case made for a test: the application as it stands, who filed it, the centre's staff and the lawyer. */
export interface LegalAidCase {
  application: LegalAidApplicationView;
  worker: string;
  staff: string;
  lawyer: Lawyer;
}

/**
 * A legal-aid application filed by a worker (new unless given) and brought to `state` the usual
 * way: accepted by the centre's staff (new unless given) with `lawyer` (a new one unless given),
 * then into the stage (negotiation, then court, for `litigation` and `closed`) or closed with a
 * judgment by the lawyer; refused with a reason, or withdrawn by the worker.
 */
export async function aLegalAidCase(
  t: TestApp,
  options: {
    state?: LegalAidState;
    worker?: string;
    staff?: string;
    lawyer?: Lawyer;
    application?: Partial<CreateLegalAidApplicationRequest>;
  } = {},
): Promise<LegalAidCase> {
  const { application, worker } = await aLegalAidApplication(t, options);
  const staff = options.staff ?? (await t.loginAs('legal_staff', LEGAL_CENTRE));
  const lawyer = options.lawyer ?? (await aLawyer(t));
  return {
    application: await advanceLegalAidCase(t, application, options.state ?? 'submitted', { worker, staff, lawyer }),
    worker,
    staff,
    lawyer,
  };
}

/** Take an application from where it stands to `state`, as the worker, the centre's staff and the lawyer. */
export async function advanceLegalAidCase(
  t: TestApp,
  a: LegalAidApplicationView,
  state: LegalAidState,
  people: { worker: string; staff: string; lawyer: Lawyer },
): Promise<LegalAidApplicationView> {
  let v = a;
  const post = async (path: string, token: string, body: Record<string, unknown>) => {
    const res = await t.http<LegalAidApplicationView>('POST', `/legal/aid-applications/${a.id}${path}`, {
      token,
      body: { ...body, version: v.version },
    });
    if (res.status !== 200) throw new Error(`advanceLegalAidCase ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    v = res.body;
  };
  const stage = (action: string, dates: Record<string, unknown> = {}) =>
    post('/stage', people.lawyer.token, { action, startedOn: daysBefore(t, 1), ...dates });
  if (v.state === 'submitted' && state === 'rejected') {
    await post('/reject', people.staff, { reason: '家庭人均收入高于最低工资标准' });
  } else if (v.state === 'submitted' && state === 'withdrawn') {
    await post('/withdraw', people.worker, {});
  } else if (state !== 'submitted') {
    if (v.state === 'submitted') await post('/accept', people.staff, { lawyerUserId: people.lawyer.id });
    if (state === 'mediation') await stage('start_mediation', { mediationStartedOn: daysBefore(t, 1) });
    if (state === 'arbitration') await stage('start_arbitration', { arbitrationAppliedOn: daysBefore(t, 1) });
    if (state === 'negotiation' || state === 'litigation' || state === 'closed') await stage('start_negotiation');
    if (state === 'litigation' || state === 'closed') await stage('start_litigation', { lawsuitFiledOn: daysBefore(t, 1) });
    if (state === 'closed') {
      await post('/close', people.lawyer.token, {
        outcome: 'judgment',
        amountClaimedFen: v.amountClaimedFen,
        amountRecoveredFen: 0,
        recoveredOn: null,
        note: '法院已判决。',
      });
    }
  }
  if (v.state !== state) throw new Error(`advanceLegalAidCase: reached ${v.state}, not ${state}`);
  return v;
}

/** An online question made for a test: the thread, who asked, and the centre's staff who assigned it. */
export interface AskedThread {
  thread: LegalThreadView;
  worker: string;
  staff: string;
}

/**
 * A worker's online question (a new worker unless given). With `lawyer`, the centre's staff
 * hand it to that lawyer, so the test does not depend on who was least busy.
 */
export async function aLegalThread(
  t: TestApp,
  options: { worker?: string; lawyer?: Lawyer; staff?: string; topic?: string; body?: string } = {},
): Promise<AskedThread> {
  const worker = options.worker ?? (await t.newWorker('thread'));
  const opened = await t.http<LegalThreadView>('POST', '/legal/threads', {
    token: worker,
    body: { topic: options.topic ?? 'contract', body: options.body ?? '试用期被延长到了一年，这样合法吗？' },
  });
  if (opened.status !== 201) throw new Error(`aLegalThread: ${opened.status} ${JSON.stringify(opened.body)}`);
  const staff = options.staff ?? (await t.loginAs('legal_staff', LEGAL_CENTRE));
  if (!options.lawyer) return { thread: opened.body, worker, staff };
  const assigned = await t.http<LegalThreadView>('POST', `/legal/threads/${opened.body.id}/assign`, {
    token: staff,
    body: { lawyerUserId: options.lawyer.id },
  });
  if (assigned.status !== 200) throw new Error(`aLegalThread: assign ${assigned.status} ${JSON.stringify(assigned.body)}`);
  return { thread: assigned.body, worker, staff };
}

/** A petition of eight workers about unpaid overtime, received today. */
export function petitionRequest(t: TestApp, over: Partial<CreatePetitionRequest> = {}): CreatePetitionRequest {
  return {
    channel: 'visit',
    petitionerName: '张建华',
    petitionerPhone: '13900005555',
    employerName: '某某电子厂',
    workerCount: 8,
    subject: '8 名职工反映加班费未发',
    content: '电子厂 8 名职工反映三个月加班费没有发放。',
    receivedOn: t.clock.today(),
    ...over,
  };
}

/** A petition registered by the centre's staff (new unless given), accepted when `state` says so. */
export async function aPetition(
  t: TestApp,
  options: { staff?: string; state?: 'registered' | 'accepted'; petition?: Partial<CreatePetitionRequest> } = {},
): Promise<{ petition: PetitionView; staff: string }> {
  const staff = options.staff ?? (await t.loginAs('legal_staff', LEGAL_CENTRE));
  const created = await t.http<PetitionView>('POST', '/legal/petitions', { token: staff, body: petitionRequest(t, options.petition) });
  if (created.status !== 201) throw new Error(`aPetition: ${created.status} ${JSON.stringify(created.body)}`);
  if (options.state !== 'accepted') return { petition: created.body, staff };
  const accepted = await t.step<PetitionView>(`/legal/petitions/${created.body.id}`, {
    token: staff,
    body: { action: 'accept', version: created.body.version },
  });
  if (accepted.status !== 200) throw new Error(`aPetition: accept ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { petition: accepted.body, staff };
}
