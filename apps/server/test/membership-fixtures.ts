import type { MemberCardView, MembershipApplicationView } from '@union/shared';
import { newIdNumber, newPhone, type TestApp } from './harness';

/** The union most factories use: an enterprise union under 城关镇. */
export const CONSTRUCTION_UNION = '县总工会/城关镇总工会/县城建筑公司工会';

/** A worker who joined the union at `union` (applied, approved by a cadre made for the test), with the card. */
export async function aMember(
  t: TestApp,
  options: { union?: string; worker?: string; application?: Record<string, unknown> } = {},
): Promise<{ token: string; card: MemberCardView; application: MembershipApplicationView }> {
  const union = options.union ?? CONSTRUCTION_UNION;
  const token = options.worker ?? (await t.newWorker('member'));
  const created = await t.http<MembershipApplicationView>('POST', '/membership/applications', {
    token,
    body: {
      realName: '测试会员',
      idNumber: newIdNumber(),
      phone: newPhone(),
      employerName: '县城建筑公司',
      employmentType: 'employee',
      organizationId: await t.organisationAt(union),
      hideFromEmployer: false,
      ...options.application,
    },
  });
  if (created.status !== 201) throw new Error(`aMember: ${created.status} ${JSON.stringify(created.body)}`);
  const approved = await t.step<MembershipApplicationView>(`/membership/applications/${created.body.id}`, {
    token: await t.loginAs('grassroots_cadre', union),
    body: { action: 'approve', version: created.body.version },
  });
  if (approved.status !== 200) throw new Error(`aMember: approve ${approved.status} ${JSON.stringify(approved.body)}`);
  const card = await t.http<MemberCardView>('GET', '/membership/me', { token });
  if (card.status !== 200) throw new Error(`aMember: card ${card.status}`);
  return { token, card: card.body, application: approved.body };
}
