import { MEMBERSHIP_APPLICATION_WORKFLOW as WF, type MembershipApplicationAction } from '@union/shared';
import type { Actor } from '../../common/actor';
import type { Organization, OrganizationsService } from '../organizations/organizations.service';
import type { TransitionService } from '../workflow/transition.service';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { caseRow, InMemoryDb, staffActor, stepOf, takeStep } from '../workflow/testing/fakes';
import { MembershipApplication } from './entities/membership-application.entity';
import type { MembersService } from './members.service';
import { MembershipApplicationProcess } from './membership-application.process';

/**
 * The membership application's process with its collaborators replaced: the applications in an
 * in-memory table, the union tree a map of organisations, the members service a recorder.
 */
function newTestService() {
  const db = new InMemoryDb();
  const [app] = db.seed(MembershipApplication, {
    id: 70,
    caseId: 7,
    userId: 100,
    realName: '王小明',
    openIdNumberIndex: 'idx-110101',
    chosenOrganizationId: 5,
  });
  db.seed(MembershipApplication, { id: 71, caseId: 8, userId: 101, openIdNumberIndex: 'idx-other' });
  const orgs = new Map<number, Partial<Organization>>([
    [1, { id: 1, name: '县总工会', kind: 'county_federation', path: '/1/' }],
    [5, { id: 5, name: '机械厂工会', kind: 'enterprise_union', path: '/1/2/5/' }],
    [6, { id: 6, name: '纺织厂工会', kind: 'enterprise_union', path: '/1/2/6/' }],
  ]);
  const lookups: number[] = [];
  const organizations = {
    get: (id: number) => {
      lookups.push(id);
      return Promise.resolve(orgs.get(id) as Organization);
    },
  } as unknown as OrganizationsService;
  const created: { actorId: number; appId: number; caseId: number }[] = [];
  const members = {
    createFromApplication: (_m: unknown, actor: Actor, a: MembershipApplication, kase: WorkflowCase) => {
      created.push({ actorId: actor.userId, appId: a.id, caseId: kase.id });
      return Promise.resolve({ id: 900 });
    },
  } as unknown as MembersService;
  const process = new MembershipApplicationProcess({} as TransitionService, organizations, members);
  const kase = caseRow({ id: 7, subjectId: 70, state: 'submitted' });
  const step = (action: MembershipApplicationAction, over: { comment?: string; targetOrganizationId?: number; state?: string } = {}) =>
    stepOf(WF, action, {
      manager: db.manager,
      kase: { ...kase, state: over.state ?? kase.state },
      subject: app,
      actor: staffActor({ permissions: ['membership.review'] }),
      ...over,
    });
  return { db, process, kase, step, lookups, created };
}

describe('MembershipApplicationProcess (collaborators replaced)', () => {
  it('loads the application the case is about', async () => {
    const { db, process, kase } = newTestService();
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 70, realName: '王小明' });
    await expect(process.subject(db.manager, { ...kase, subjectId: 71 })).resolves.toMatchObject({ id: 71, userId: 101 });
    await expect(process.subject(db.manager, { ...kase, subjectId: 99 })).rejects.toThrow(/MembershipApplication/);
  });

  it('transfers to another union below the county federation, moving the case there', async () => {
    const { process, step, lookups } = newTestService();
    const { outcome } = await takeStep(process, step('transfer', { targetOrganizationId: 6, comment: '单位已改制' }));
    expect(lookups).toEqual([6]);
    expect(outcome.moveTo).toMatchObject({ id: 6, path: '/1/2/6/' });
  });

  it('refuses a transfer to the union already handling it, or up to the county federation', async () => {
    const { process, step } = newTestService();
    await expect(takeStep(process, step('transfer', { targetOrganizationId: 5 }))).rejects.toMatchObject({ code: 'invalid_organization' });
    await expect(takeStep(process, step('transfer', { targetOrganizationId: 1 }))).rejects.toMatchObject({ code: 'invalid_organization' });
  });

  it('on approval makes the member from the application and frees the ID number for a later application', async () => {
    const { db, process, step, created } = newTestService();
    const { notice } = await takeStep(process, step('approve'));
    expect(created).toEqual([{ actorId: 1, appId: 70, caseId: 7 }]);
    expect(db.row(MembershipApplication, 70)?.openIdNumberIndex).toBeNull();
    expect(db.row(MembershipApplication, 71)?.openIdNumberIndex).toBe('idx-other');
    expect(notice).toEqual({
      title: '入会申请已通过',
      body: '欢迎加入工会！您的电子会员卡已生成，可在“我的”查看。',
      link: '/pages/membership/application/index?id=70',
    });
  });

  it('keeps the ID number held while the application is still open (asked for more information), frees it on rejection', async () => {
    const { db, process, step, created } = newTestService();
    await takeStep(process, step('request_info', { comment: '请补充劳动合同' }));
    expect(db.row(MembershipApplication, 70)?.openIdNumberIndex).toBe('idx-110101');
    await takeStep(process, step('reject', { comment: '不在本单位工作' }));
    expect(db.row(MembershipApplication, 70)?.openIdNumberIndex).toBeNull();
    expect(created).toEqual([]);
  });

  it('tells the applicant the reason with a rejection and a request for information, and that the deadline restarts on transfer', () => {
    const { process, step } = newTestService();
    expect(process.notice(step('reject', { comment: '不在本单位工作' }))).toMatchObject({
      title: '入会申请未通过',
      body: '很遗憾，您的入会申请未通过。说明：不在本单位工作',
    });
    expect(process.notice(step('request_info', { comment: '请补充劳动合同' })).body).toBe('请补充后重新提交。说明：请补充劳动合同');
    expect(process.notice(step('transfer', { targetOrganizationId: 6 }))).toMatchObject({
      title: '入会申请已转交',
      body: '您的申请已转交给更合适的工会办理，期限重新计算。',
    });
    expect(process.notice(step('withdraw')).title).toBe('入会申请已撤回');
    expect(process.notice(step('resubmit', { state: 'needs_info' })).title).toBe('入会申请已重新提交');
  });
});
