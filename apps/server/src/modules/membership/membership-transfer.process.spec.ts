import { MEMBERSHIP_TRANSFER_WORKFLOW as WF, type MembershipTransferAction } from '@union/shared';
import type { TransitionService } from '../workflow/transition.service';
import { caseRow, InMemoryDb, staffActor, stepOf, takeStep } from '../workflow/testing/fakes';
import { Member } from './entities/member.entity';
import { MembershipTransfer } from './entities/membership-transfer.entity';
import type { MembersService } from './members.service';
import { MembershipTransferProcess } from './membership-transfer.process';

/**
 * The membership transfer's process with its collaborators replaced: members and transfers in an
 * in-memory table, the members service a recorder of where the membership case is placed.
 */
function newTestService(memberStatus: Member['status'] = 'active') {
  const db = new InMemoryDb();
  db.seed(Member, {
    id: 30,
    userId: 100,
    organizationId: 5,
    employerName: '城关机械厂',
    status: memberStatus,
    cardSerial: 2,
    caseId: 300,
  });
  db.seed(Member, { id: 31, userId: 101, organizationId: 5, employerName: '城关机械厂', status: 'active', cardSerial: 1, caseId: 301 });
  const [transfer] = db.seed(MembershipTransfer, {
    id: 40,
    caseId: 7,
    memberId: 30,
    openMemberId: 30,
    fromOrganizationId: 5,
    toOrganizationId: 6,
    newEmployerName: '县纺织厂',
  });
  const placed: { memberId: number; organizationId: number }[] = [];
  const members = {
    placeMembership: (_m: unknown, member: Member, organizationId: number) => {
      placed.push({ memberId: member.id, organizationId });
      return Promise.resolve();
    },
  } as unknown as MembersService;
  const process = new MembershipTransferProcess({} as TransitionService, members);
  const kase = caseRow({ id: 7, caseType: 'membership_transfer', subjectId: 40, state: 'requested', organizationId: 6 });
  const step = (action: MembershipTransferAction, comment?: string) =>
    stepOf(WF, action, { manager: db.manager, kase: { ...kase }, subject: transfer, actor: staffActor(), comment });
  return { db, process, kase, step, placed };
}

describe('MembershipTransferProcess (collaborators replaced)', () => {
  it('loads the transfer the case is about', async () => {
    const { db, process, kase } = newTestService();
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 40, memberId: 30, toOrganizationId: 6 });
    await expect(process.subject(db.manager, { ...kase, subjectId: 41 })).rejects.toThrow(/MembershipTransfer/);
  });

  it('on acceptance moves the member to the new union and employer with a new card, and the membership case follows', async () => {
    const { db, process, step, placed } = newTestService();
    const { notice } = await takeStep(process, step('accept'));
    expect(db.row(Member, 30)).toMatchObject({ organizationId: 6, employerName: '县纺织厂', cardSerial: 3, status: 'active' });
    expect(db.row(Member, 31)).toMatchObject({ organizationId: 5, cardSerial: 1 });
    expect(placed).toEqual([{ memberId: 30, organizationId: 6 }]);
    expect(db.row(MembershipTransfer, 40)?.openMemberId).toBeNull();
    expect(notice).toEqual({
      title: '会籍接转已完成',
      body: '您的会籍已转入新的工会，会员卡已更新。',
      link: '/pages/membership/transfer/index?id=40',
    });
  });

  it('refuses to accept the transfer of someone who has left the union, and moves nothing', async () => {
    const { db, process, step, placed } = newTestService('withdrawn');
    await expect(takeStep(process, step('accept'))).rejects.toMatchObject({ code: 'not_a_member' });
    expect(db.row(Member, 30)).toMatchObject({ organizationId: 5, cardSerial: 2 });
    expect(placed).toEqual([]);
  });

  it('a decline or a cancel ends the transfer (the member may start another) and leaves the member where they were', async () => {
    for (const [action, comment] of [
      ['decline', '本单位无此职工'],
      ['cancel', undefined],
    ] as const) {
      const { db, process, step, placed } = newTestService();
      await takeStep(process, step(action, comment));
      expect(db.row(MembershipTransfer, 40)?.openMemberId).toBeNull();
      expect(db.row(Member, 30)).toMatchObject({ organizationId: 5, employerName: '城关机械厂', cardSerial: 2 });
      expect(placed).toEqual([]);
    }
  });

  it('tells the member why a transfer was declined, and that the membership stays put', () => {
    const { process, step } = newTestService();
    expect(process.notice(step('decline', '本单位无此职工'))).toEqual({
      title: '会籍接转未被接收',
      body: '会籍仍在原工会。原因：本单位无此职工',
      link: '/pages/membership/transfer/index?id=40',
    });
    expect(process.notice(step('cancel'))).toMatchObject({ title: '会籍接转已取消', body: '会籍仍在原工会。' });
  });
});
