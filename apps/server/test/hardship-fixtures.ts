import sharp from 'sharp';
import { HARDSHIP_CONSENT_VERSIONS, type HardshipApplicationView, type OrganizationView, type UploadView } from '@union/shared';
import { DataSource } from 'typeorm';
import { PublicNotice } from '../src/modules/notices/entities/public-notice.entity';
import { newIdNumber, newPhone, type TestApp } from './harness';

/** Today in China (YYYY-MM-DD). */
export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Organisation ids by name. */
export async function organizationIds(t: TestApp): Promise<(name: string) => number> {
  const token = await t.loginAs('county_cadre');
  const res = await t.http<OrganizationView[]>('GET', '/organizations/search?q=%E5%B7%A5%E4%BC%9A&limit=50', { token });
  const byName = new Map(res.body.map((o) => [o.name, o.id]));
  return (name) => {
    const id = byName.get(name);
    if (!id) throw new Error(`no organisation ${name}`);
    return id;
  };
}

/** A household of three with ¥36,000 a year: ¥1,000 a head, relative hardship by the default rules. */
export function hardshipApplication(organizationId: number, overrides: Record<string, unknown> = {}) {
  return {
    organizationId,
    phone: newPhone(),
    employmentType: 'employee',
    employmentMonths: 36,
    members: [
      { relation: 'self', name: '马大姐', idNumber: newIdNumber(), annualIncomeFen: 2_400_000, health: 'healthy', workStatus: 'employed' },
      {
        relation: 'spouse',
        name: '牛大哥',
        idNumber: newIdNumber(),
        annualIncomeFen: 1_200_000,
        health: 'serious_illness',
        healthNote: '尿毒症，每周透析三次',
        workStatus: 'unable_to_work',
      },
      { relation: 'child', name: '马小牛', idNumber: newIdNumber(), annualIncomeFen: 0, health: 'healthy', workStatus: 'student' },
    ],
    otherIncomeFen: 0,
    essentialSpendingFen: 0,
    accidentCostsFen: 0,
    mainCause: 'illness',
    secondaryCauses: ['education_costs'],
    situation: '爱人患病不能工作，孩子上学，家里只靠我一个人的工资。',
    exclusions: [],
    bankAccount: { bankName: '县农村商业银行', accountName: '马大姐', accountNumber: '6228480012345678901' },
    evidenceUploadIds: [],
    consents: { ...HARDSHIP_CONSENT_VERSIONS },
    ...overrides,
  };
}

/** Upload a small real JPEG as `token`. */
export async function uploadJpeg(t: TestApp, token: string, purpose: string): Promise<UploadView> {
  const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
  const res = await fetch(`${t.baseUrl}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status}`);
  return (await res.json()) as UploadView;
}

/** Let a public notice run its course: the clock moves to a second after it ends (nothing is written). */
export async function endNotice(t: TestApp, noticeId: number): Promise<void> {
  const notice = await t.app.get(DataSource).getRepository(PublicNotice).findOneByOrFail({ id: noticeId });
  t.clock.set(new Date(notice.endsAt.getTime() + 1000));
}

/** The states a hardship application passes on its way to a filed household, in order. */
export const HARDSHIP_PATH = [
  'submitted',
  'home_visit',
  'democratic_review',
  'public_notice',
  'town_review',
  'county_approval',
  'filed',
] as const;
export type HardshipPathState = (typeof HARDSHIP_PATH)[number];

/** The cadres who handle a case of one union: made for the test at its union, its town and the county. */
export interface HardshipStaff {
  grassroots: string;
  town: string;
  county: string;
}

const staffByApp = new WeakMap<TestApp, Map<string, HardshipStaff>>();

/** Staff for cases of the union at `unionPath` (made once per test app and union). */
export async function hardshipStaff(t: TestApp, unionPath: string): Promise<HardshipStaff> {
  const known = staffByApp.get(t) ?? new Map<string, HardshipStaff>();
  staffByApp.set(t, known);
  const cached = known.get(unionPath);
  if (cached) return cached;
  const segments = unionPath.split('/');
  const staff = {
    grassroots: await t.loginAs('grassroots_cadre', unionPath),
    town: await t.loginAs('town_cadre', segments.slice(0, 2).join('/')),
    county: await t.loginAs('county_cadre', segments[0]),
  };
  known.set(unionPath, staff);
  return staff;
}

/** A hardship case made for the test: its application as it stands, the applicant and the staff. */
export interface HardshipCase {
  application: HardshipApplicationView;
  applicant: string;
  staff: HardshipStaff;
}

/**
 * A hardship application brought to `state` along the usual path, by cadres made for the test
 * (`hardshipStaff`), with no objection to its notice. Reaching the town's review lets the
 * five-day notice run out by moving the clock: the clock stays moved until the test ends.
 */
export async function aHardshipCase(
  t: TestApp,
  options: { state?: HardshipPathState; union?: string; applicant?: string; application?: Record<string, unknown> } = {},
): Promise<HardshipCase> {
  const union = options.union ?? '县总工会/城关镇总工会/县城建筑公司工会';
  const applicant = options.applicant ?? (await t.newWorker('hardship'));
  const body = hardshipApplication(await t.organisationAt(union), options.application);
  const created = await t.http<HardshipApplicationView>('POST', '/hardship/applications', { token: applicant, body });
  if (created.status !== 201) throw new Error(`aHardshipCase: ${created.status} ${JSON.stringify(created.body)}`);
  const staff = await hardshipStaff(t, union);
  const application = await advanceHardshipCase(t, created.body, options.state ?? 'submitted', staff);
  return { application, applicant, staff };
}

/** Take an application from where it stands to `state` along the usual path, as `staff`. */
export async function advanceHardshipCase(
  t: TestApp,
  a: HardshipApplicationView,
  state: HardshipPathState,
  staff: HardshipStaff,
): Promise<HardshipApplicationView> {
  let v = a;
  const post = async (path: string, token: string, body: Record<string, unknown>) => {
    // Plain steps go through the case API; steps with a form through their own endpoints.
    const res =
      path === '/transitions'
        ? await t.step<HardshipApplicationView>(`/hardship/applications/${a.id}`, { token, body: { ...body, version: v.version } })
        : await t.http<HardshipApplicationView>('POST', `/hardship/applications/${a.id}${path}`, {
            token,
            body: { ...body, version: v.version },
          });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    v = res.body;
  };
  const target = HARDSHIP_PATH.indexOf(state);
  for (
    let at = HARDSHIP_PATH.indexOf(v.state as HardshipPathState);
    at >= 0 && at < target;
    at = HARDSHIP_PATH.indexOf(v.state as HardshipPathState)
  ) {
    switch (v.state as HardshipPathState) {
      case 'submitted':
        await post('/transitions', staff.grassroots, { action: 'pass_initial_review' });
        break;
      case 'home_visit':
        await post('/home-visit', staff.grassroots, {
          visitedOn: today(),
          visitors: ['张干事', '李委员'],
          findings: '情况属实。',
          matchesDeclaration: true,
          photoUploadIds: [],
        });
        break;
      case 'democratic_review':
        await post('/democratic-review', staff.grassroots, {
          meetingOn: today(),
          attendees: ['王委员', '李委员', '赵委员'],
          votesFor: 3,
          votesAgainst: 0,
          abstentions: 0,
        });
        break;
      case 'public_notice':
        await endNotice(t, v.publicNotice?.id as number);
        await post('/transitions', staff.grassroots, { action: 'complete_public_notice' });
        break;
      case 'town_review':
        await post('/transitions', staff.town, { action: 'pass_town_review' });
        break;
      case 'county_approval':
        await post('/file', staff.county, { category: 'relative' });
        break;
      default:
        throw new Error(`advanceHardshipCase: cannot go on from ${v.state}`);
    }
  }
  if (v.state !== state) throw new Error(`advanceHardshipCase: reached ${v.state}, not ${state}`);
  return v;
}

/** Drive an application through every step to a filed household, as cadres made for the test. */
export async function fileHousehold(t: TestApp, a: HardshipApplicationView): Promise<HardshipApplicationView> {
  return advanceHardshipCase(t, a, 'filed', await hardshipStaff(t, await t.organisationPathOf(a.organization.id)));
}

/** A fresh valid ID number (re-exported for tests that only import the fixtures). */
export const newIdNumberFor = newIdNumber;
