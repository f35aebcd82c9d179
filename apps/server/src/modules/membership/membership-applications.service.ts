import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  isValidIdNumber,
  isValidPhone,
  maskName,
  MEMBERSHIP_APPLICATION_WORKFLOW,
  normalizeIdNumber,
  type MembershipApplicationAction,
  type MembershipApplicationView,
} from '@union/shared';
import { type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { IdentityService } from '../identity/identity.service';
import { OrganizationsService, type Organization } from '../organizations/organizations.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { WorkflowCases, type WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService, type StepContext, type TransitionInput } from '../workflow/transition.service';
import { MembershipApplication } from './entities/membership-application.entity';
import type { CreateMembershipApplicationRequest } from '@union/shared';
import { MembershipViews } from './membership-views.service';
import { MembersService } from './members.service';
import { Clock } from '../../common/clock';

const WF = MEMBERSHIP_APPLICATION_WORKFLOW;
const TABLE = 'membership_applications';

/** Joining the union: apply, review (approve, reject, ask for more, transfer), withdraw. */
@Injectable()
export class MembershipApplicationsService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly cipher: PiiCipher,
    private readonly organizations: OrganizationsService,
    private readonly identity: IdentityService,
    private readonly transitions: TransitionService,
    private readonly views: MembershipViews,
    private readonly members: MembersService,
  ) {}

  /** Where the case goes: the chosen union, or the one above it when the employer must not know. */
  private async handlingOrganization(manager: EntityManager, chosen: Organization, hideFromEmployer: boolean): Promise<Organization> {
    if (hideFromEmployer && chosen.level === 'grassroots' && chosen.parentId) return this.organizations.get(chosen.parentId, manager);
    return chosen;
  }

  async apply(actor: Actor, body: CreateMembershipApplicationRequest): Promise<MembershipApplicationView> {
    if (!(await this.identity.hasCurrentConsents(actor.userId))) fail('consent_required');
    const idNumber = normalizeIdNumber(body.idNumber);
    if (!isValidIdNumber(idNumber)) fail('invalid_id_number', undefined, [{ field: 'idNumber', message: '身份证号码校验不通过' }]);
    const phone = body.phone.trim();
    if (!isValidPhone(phone)) fail('invalid_phone', undefined, [{ field: 'phone', message: '手机号码格式不正确' }]);
    const idIndex = this.cipher.blindIndex('id_number', idNumber);

    try {
      return await this.db.transaction(async (manager) => {
        const chosen = await this.organizations.get(body.organizationId, manager);
        if (chosen.kind === 'county_federation') fail('invalid_organization', '请选择单位工会、乡镇(街道)工会、行业工会或联合工会');
        if (await this.members.activeByIdIndex(manager, idIndex)) fail('already_member');
        if (await manager.getRepository(MembershipApplication).findOneBy({ openIdNumberIndex: idIndex })) fail('duplicate_application');
        const handling = await this.handlingOrganization(manager, chosen, body.hideFromEmployer);
        const kase = await this.transitions.open(manager, WF, {
          actor,
          organization: handling,
          applicantUserId: actor.userId,
          title: maskName(body.realName),
          applicant: { name: body.realName, idNumberIndex: idIndex },
        });
        const uid = randomUUID();
        const repo = manager.getRepository(MembershipApplication);
        const app = await repo.save(
          repo.create({
            caseId: kase.id,
            uid,
            userId: actor.userId,
            realName: body.realName.trim(),
            idNumberEnc: this.cipher.encrypt(idNumber, piiAad(TABLE, uid, 'id_number')),
            idNumberIndex: idIndex,
            openIdNumberIndex: idIndex,
            phoneEnc: this.cipher.encrypt(phone, piiAad(TABLE, uid, 'phone')),
            phoneIndex: this.cipher.blindIndex('phone', phone),
            employerName: body.employerName.trim(),
            employmentType: body.employmentType,
            chosenOrganizationId: chosen.id,
            hideFromEmployer: body.hideFromEmployer,
            createdAt: this.clock.now(),
          }),
        );
        await this.transitions.attachSubject(manager, kase, app.id);
        await this.transitions.notifyApplicant(manager, WF, kase, {
          title: '入会申请已提交',
          body: `您的入会申请已提交给${handling.name}，工会将在期限内审核。`,
          link: `/pages/membership/application/index?id=${app.id}`,
        });
        return this.views.application(manager, actor, app, kase);
      });
    } catch (err) {
      // Two submissions for the same ID at once: the unique open-application index lets one in.
      if (isUniqueViolation(err)) fail('duplicate_application');
      throw err;
    }
  }

  async mine(actor: Actor): Promise<MembershipApplicationView[]> {
    const manager = this.db.manager;
    const apps = await manager
      .getRepository(MembershipApplication)
      .find({ where: { userId: actor.userId }, order: { id: 'DESC' }, take: 20 });
    if (apps.length === 0) return [];
    const cases = await this.cases.byIds(
      apps.map((a) => a.caseId),
      manager,
    );
    const byId = new Map(cases.map((c) => [c.id, c]));
    return this.views.applications(
      manager,
      actor,
      apps.map((app) => ({ app, kase: byId.get(app.caseId) as WorkflowCase })),
    );
  }

  /** The application and its case, if the actor may see it (else 404). */
  async loadVisible(manager: EntityManager, actor: Actor, id: number) {
    const app = await manager.getRepository(MembershipApplication).findOneBy({ id });
    if (!app) fail('not_found');
    const { kase, ctx } = await this.transitions.loadVisible(manager, actor, WF.caseType, app.caseId);
    return { app, kase, ctx };
  }

  async get(actor: Actor, id: number): Promise<MembershipApplicationView> {
    const { app, kase } = await this.loadVisible(this.db.manager, actor, id);
    return this.views.application(this.db.manager, actor, app, kase);
  }

  async transition(actor: Actor, id: number, input: TransitionInput): Promise<MembershipApplicationView> {
    const app = await this.db.manager.getRepository(MembershipApplication).findOneBy({ id });
    if (!app) fail('not_found');
    const kase = await this.transitions.applyLegacy(actor, WF, app.caseId, input, {
      before: async (step) => {
        if (step.action !== 'transfer') return;
        const target = await this.organizations.get(step.input.targetOrganizationId as number, step.manager);
        if (target.id === step.kase.organizationId || target.kind === 'county_federation') fail('invalid_organization');
        return { moveTo: target };
      },
      after: async (step) => {
        if (WF.states[step.to as keyof typeof WF.states].terminal) {
          await step.manager.getRepository(MembershipApplication).update({ id: app.id }, { openIdNumberIndex: null });
        }
        if (step.action === 'approve') await this.members.createFromApplication(step.manager, step.actor, app, step.kase);
      },
      notice: (step) => this.notice(step, app),
    });
    return this.views.application(this.db.manager, actor, app, kase);
  }

  private notice(step: StepContext, app: MembershipApplication): { title: string; body: string; link: string } {
    const link = `/pages/membership/application/index?id=${app.id}`;
    const reason = step.input.comment ? `说明：${step.input.comment}` : '';
    switch (step.action as MembershipApplicationAction) {
      case 'approve':
        return { title: '入会申请已通过', body: '欢迎加入工会！您的电子会员卡已生成，可在“我的”查看。', link };
      case 'reject':
        return { title: '入会申请未通过', body: `很遗憾，您的入会申请未通过。${reason}`, link };
      case 'request_info':
        return { title: '入会申请需要补充信息', body: `请补充后重新提交。${reason}`, link };
      case 'transfer':
        return { title: '入会申请已转交', body: `您的申请已转交给更合适的工会办理，期限重新计算。${reason}`, link };
      case 'resubmit':
        return { title: '入会申请已重新提交', body: '工会将继续审核。', link };
      case 'withdraw':
        return { title: '入会申请已撤回', body: '需要时可以重新申请。', link };
    }
  }
}
