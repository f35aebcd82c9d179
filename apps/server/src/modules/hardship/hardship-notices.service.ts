import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  HARDSHIP_APPLICATION_WORKFLOW,
  HARDSHIP_OBJECTION_WORKFLOW,
  type Page,
  type PublicNoticeSummary,
  type PublicNoticeView,
  type CreateObjectionRequest,
  type ResolveObjectionRequest,
  stateAllows,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { mayHandle } from '../../common/case-access';
import { HARDSHIP_STAFF } from './hardship-access';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { Notifier } from '../notifications/notifier.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { HardshipApplication } from './entities/hardship-application.entity';
import { NoticesService } from '../notices/notices.service';
import { ObjectionProcess } from '../notices/objection.process';
import { CaseHandlers } from '../workflow/case-handlers';
import { TransitionService } from '../workflow/transition.service';
import { HardshipViews } from './hardship-views.service';
import { Clock } from '../../common/clock';

/** Public notices (公示) and their objections: an open objection blocks the procedure. */
@Injectable()
export class HardshipNoticesService implements OnModuleInit {
  /** An objection to a hardship notice is a case: answering it tells the applicant on notice too. */
  readonly objectionProcess = new ObjectionProcess(HARDSHIP_OBJECTION_WORKFLOW, {
    link: () => '/pages/hardship/notices/index',
    resolved: async ({ manager, subject }, answer) => {
      const app = await manager.getRepository(HardshipApplication).findOneByOrFail({ caseId: subject.noticeCaseId });
      await this.notifier.notify(manager, {
        userId: app.applicantUserId,
        title: '公示异议已处理',
        body: answer.upheld ? '公示期间收到的异议经核实成立，工会将据此作出决定。' : '公示期间收到的异议经核实不成立，申请继续办理。',
        link: `/pages/hardship/application/index?id=${app.id}`,
        status: HARDSHIP_APPLICATION_WORKFLOW.states.public_notice.label,
      });
    },
  });

  constructor(
    private readonly transitions: TransitionService,
    private readonly caseHandlers: CaseHandlers,
    private readonly cases: WorkflowCases,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly views: HardshipViews,
    private readonly notifier: Notifier,
    private readonly objections: NoticesService,
  ) {}

  onModuleInit(): void {
    this.objectionProcess.registerWith(this.transitions, this.cases);
    this.caseHandlers.register(this.objections.handler(this.objectionProcess));
  }

  /** Notices running now, newest first (their text is masked by construction). */
  async running(after: string | undefined, limit: number): Promise<Page<PublicNoticeSummary>> {
    const { rows, nextCursor } = await this.objections.running(HARDSHIP_APPLICATION_WORKFLOW.caseType, after, limit);
    const orgIds = [...new Set(rows.map((n) => Number(n.organizationPath.split('/').filter(Boolean).pop())))];
    const orgs = orgIds.length ? await this.organizations.byIds(orgIds) : [];
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    return {
      items: rows.map((n) => ({
        id: n.id,
        organizationName: names.get(Number(n.organizationPath.split('/').filter(Boolean).pop())) ?? '',
        startsAt: n.startsAt.toISOString(),
        endsAt: n.endsAt.toISOString(),
        content: n.content ?? '',
      })),
      nextCursor,
    };
  }

  /** A hardship application's notice by its id, with the application, or 404 (other case types' notices too). */
  private async hardshipNotice(manager: EntityManager, id: number) {
    const notice = await this.objections.notice(id, manager);
    const app = notice ? await manager.getRepository(HardshipApplication).findOneBy({ caseId: notice.caseId }) : null;
    if (!notice || !app) fail('not_found');
    return { notice, app };
  }

  /**
   * A notice as anyone may read it while it runs (its text is masked by construction). Once it has
   * ended it is no longer public: only the applicant and hardship staff in scope still read it.
   */
  async get(actor: Actor, id: number): Promise<PublicNoticeView> {
    const { notice, app } = await this.hardshipNotice(this.db.manager, id);
    if (this.clock.nowMs() >= notice.endsAt.getTime() && !mayHandle(actor, HARDSHIP_STAFF, notice.organizationPath)) {
      if (app.applicantUserId !== actor.userId) fail('not_found');
    }
    const view = await this.views.notice(this.db.manager, app);
    if (!view) fail('not_found');
    // Objections name people: only the count of open ones is public.
    return { ...view, objections: [] };
  }

  /**
   * Record an objection: anyone signed in may object online while the notice runs; staff in
   * scope record objections received in person, by phone or by letter.
   */
  async object(actor: Actor, noticeId: number, body: CreateObjectionRequest): Promise<PublicNoticeView> {
    return this.db.transaction(async (manager) => {
      const { notice, app } = await this.hardshipNotice(manager, noticeId);
      const staff = mayHandle(actor, HARDSHIP_STAFF, notice.organizationPath);
      if (body.channel !== 'online' && !staff) fail('forbidden', '线下收到的异议由工会干部登记');
      const kase = await this.cases.get(app.caseId, manager);
      if (!stateAllows(kase.caseType, kase.state, 'objections')) fail('action_not_allowed', '公示已经结束');
      if (!staff && this.clock.nowMs() >= notice.endsAt.getTime()) fail('action_not_allowed', '公示期已过');
      await this.objections.raise(manager, actor, this.objectionProcess, kase, { channel: body.channel, content: body.content });
      const view = await this.views.notice(manager, app);
      return staff ? (view as PublicNoticeView) : { ...(view as PublicNoticeView), objections: [] };
    });
  }

  /** Staff in scope record how an objection was resolved (a step of the objection's case). */
  async resolve(actor: Actor, objectionId: number, body: ResolveObjectionRequest): Promise<PublicNoticeView> {
    const manager = this.db.manager;
    const objection = await this.objections.get(manager, objectionId);
    // Only objections to a hardship application's notice, by hardship staff in its scope.
    const app = await manager.getRepository(HardshipApplication).findOneBy({ caseId: objection.noticeCaseId });
    const notice = app ? await this.objections.noticeOf(app.caseId, manager) : null;
    if (!app || !notice || !mayHandle(actor, HARDSHIP_STAFF, notice.organizationPath)) fail('not_found');
    await this.objections.resolve(actor, this.objectionProcess, objection, { resolution: body.resolution, upheld: body.upheld });
    return (await this.views.notice(manager, app)) as PublicNoticeView;
  }
}
