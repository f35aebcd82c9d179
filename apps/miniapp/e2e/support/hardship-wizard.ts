/* The screens of the hardship application that every hardship scenario goes through the same way
 * (the worker's own application and a cadre's proxy application): the union, a household member,
 * the bank account and the ID card photo. Each ends on the next screen. */
import { expect, randomIdNumber, type Driver } from './fixtures';

/** A household member as the editor takes it (relation: the first is the applicant). */
export interface HouseholdMemberInput {
  relation?: string;
  name: string;
  income: string;
  health: string;
  note?: string;
  work: string;
}

/** 所在工会: search, pick the first union found, go on. */
export async function pickUnion(d: Driver, query: string, shot?: string): Promise<void> {
  await d.see('hs-apply-union');
  await d.fill('hs-org-search', query);
  const option = d.visible('[data-testid^="org-option-"]');
  await expect(option).toBeVisible();
  await option.tap();
  await d.see('hs-org-selected');
  if (shot) await d.shot(shot);
  await d.tap('hs-next');
}

/** One member in slot `index` of 家庭成员, with a fresh ID number; back on the list when saved. */
export async function fillHouseholdMember(d: Driver, index: number, m: HouseholdMemberInput, shot?: string): Promise<void> {
  await d.tap(`hs-member-${index}`);
  await d.see('hs-member-editor');
  if (m.relation) await d.tap(`hs-member-relation-${m.relation}`);
  await d.fill('hs-member-name', m.name);
  await d.fill('hs-member-id', randomIdNumber());
  await d.fill('hs-member-income', m.income);
  await d.tap(`hs-member-health-${m.health}`);
  if (m.note) await d.fill('hs-member-note', m.note);
  await d.tap(`hs-member-work-${m.work}`);
  if (shot) await d.shot(shot);
  await d.tap('hs-member-save');
  await d.see('hs-member-add');
}

/** 银行账户, then 证明材料 with the ID card photo; ends on the review screen. */
export async function bankAndIdCard(d: Driver, accountNumber: string, shots?: { bank: string; evidence: string }): Promise<void> {
  await d.see('hs-apply-bank');
  await d.fill('hs-bank-name', '县农村商业银行');
  await d.fill('hs-account-number', accountNumber);
  if (shots) await d.shot(shots.bank);
  await d.tap('hs-next');

  await d.see('hs-apply-evidence');
  await d.upload('hs-upload-id_card-add');
  await d.see('hs-upload-id_card-item');
  if (shots) await d.shot(shots.evidence);
  await d.tap('hs-next');
  await d.see('hs-review');
}
