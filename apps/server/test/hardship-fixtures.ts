import sharp from 'sharp';
import { HARDSHIP_CONSENT_VERSIONS, type HardshipApplicationView, type OrganizationView, type UploadView } from '@union/shared';
import { DataSource } from 'typeorm';
import { PublicNotice } from '../src/modules/hardship/entities/public-notice.entity';
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

/** Time travel: a notice ended a moment ago (through the ORM so each database gets its own date format). */
export async function endNotice(t: TestApp, noticeId: number): Promise<void> {
  await t.app
    .get(DataSource)
    .getRepository(PublicNotice)
    .update({ id: noticeId }, { endsAt: new Date(Date.now() - 1000) });
}

/** Drive an application through every step to a filed household, as each cadre of 城关镇. */
export async function fileHousehold(t: TestApp, a: HardshipApplicationView): Promise<HardshipApplicationView> {
  const cadre = await t.loginAs('grassroots_cadre');
  const post = async (path: string, token: string, body: unknown) => {
    // Plain steps go through the case API; steps with a form through their own endpoints.
    const res =
      path === '/transitions'
        ? await t.step<HardshipApplicationView>(`/hardship/applications/${a.id}`, { token, body })
        : await t.http<HardshipApplicationView>('POST', `/hardship/applications/${a.id}${path}`, { token, body });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  let v = await post('/transitions', cadre, { action: 'pass_initial_review', version: a.version });
  v = await post('/home-visit', cadre, {
    version: v.version,
    visitedOn: today(),
    visitors: ['张干事', '李委员'],
    findings: '情况属实。',
    matchesDeclaration: true,
    photoUploadIds: [],
  });
  v = await post('/democratic-review', cadre, {
    version: v.version,
    meetingOn: today(),
    attendees: ['王委员', '李委员', '赵委员'],
    votesFor: 3,
    votesAgainst: 0,
    abstentions: 0,
  });
  await endNotice(t, v.publicNotice?.id as number);
  v = await post('/transitions', cadre, { action: 'complete_public_notice', version: v.version });
  v = await post('/transitions', await t.loginAs('town_cadre'), { action: 'pass_town_review', version: v.version });
  return post('/file', await t.loginAs('county_cadre'), { version: v.version, category: 'relative' });
}

/** A fresh valid ID number (re-exported for tests that only import the fixtures). */
export const newIdNumberFor = newIdNumber;
