import { MEMBERSHIP_WORKFLOW as WF } from '@union/shared';
import type { TransitionService } from '../workflow/transition.service';
import { applicantActor, caseRow, InMemoryDb, stepOf, takeStep } from '../workflow/testing/fakes';
import { Member } from './entities/member.entity';
import { MembershipTransfer } from './entities/membership-transfer.entity';
import { MembershipProcess } from './membership.process';

/** A member's membership process over an in-memory table of members and transfers. */
function newTestService(member: Partial<Member> = {}) {
  const db = new InMemoryDb();
  const [row] = db.seed(Member, {
    id: 30,
    userId: 100,
    status: 'active',
    activeIdNumberIndex: 'idx-110101',
    cardSerial: 4,
    caseId: 7,
    ...member,
  });
  const process = new MembershipProcess({} as TransitionService);
  const kase = caseRow({ id: 7, caseType: 'membership', subjectId: 30, state: 'active' });
  const step = (comment?: string) =>
    stepOf(WF, 'withdraw', { manager: db.manager, kase: { ...kase }, subject: row, actor: applicantActor(), comment });
  return { db, process, kase, step };
}

describe('MembershipProcess (collaborators replaced)', () => {
  it('loads the member the membership case is about', async () => {
    const { db, process, kase } = newTestService();
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 30, userId: 100, status: 'active' });
    await expect(process.subject(db.manager, { ...kase, subjectId: 31 })).rejects.toThrow(/Member/);
  });

  it('on leaving revokes the card at once (a new serial), frees the ID number and marks the member withdrawn', async () => {
    const { db, process, step } = newTestService();
    await takeStep(process, step('工作调动'));
    expect(db.row(Member, 30)).toMatchObject({ status: 'withdrawn', activeIdNumberIndex: null, cardSerial: 5 });
  });

  it('refuses to leave while a transfer is open, and changes nothing', async () => {
    const { db, process, step } = newTestService();
    db.seed(MembershipTransfer, { id: 40, memberId: 30, openMemberId: 30, toOrganizationId: 6 });
    await expect(takeStep(process, step())).rejects.toMatchObject({ code: 'transfer_in_progress' });
    expect(db.row(Member, 30)).toMatchObject({ status: 'active', activeIdNumberIndex: 'idx-110101', cardSerial: 4 });
  });

  it('an ended transfer of the member does not hold the withdrawal up', async () => {
    const { db, process, step } = newTestService();
    db.seed(MembershipTransfer, { id: 40, memberId: 30, openMemberId: null, toOrganizationId: 6 });
    await takeStep(process, step());
    expect(db.row(Member, 30)?.status).toBe('withdrawn');
  });

  it('answers a conflict when the member row is no longer active (someone else withdrew it meanwhile)', async () => {
    const { db, process, step } = newTestService();
    const stale = step();
    await db.manager.getRepository(Member).update({ id: 30 }, { status: 'withdrawn' });
    await expect(takeStep(process, stale)).rejects.toMatchObject({ code: 'state_conflict' });
    expect(db.row(Member, 30)?.cardSerial).toBe(4);
  });

  it('tells the member the card no longer works, with their reason when they gave one', () => {
    const { process, step } = newTestService();
    expect(process.notice(step('工作调动'))).toEqual({
      title: '已退出工会',
      body: '您已退出工会，会员卡已失效。退会原因：工作调动。需要时可以重新申请入会。',
      link: '/pages/mine/index',
    });
    expect(process.notice(step('  ')).body).toBe('您已退出工会，会员卡已失效。需要时可以重新申请入会。');
  });
});
