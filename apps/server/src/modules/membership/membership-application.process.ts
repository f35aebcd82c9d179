import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  MEMBERSHIP_APPLICATION_WORKFLOW,
  type MembershipApplicationAction,
  type MembershipApplicationState,
  FEDERATION_KINDS,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import { OrganizationsService } from '../organizations/organizations.service';
import type { CaseNotice, CaseProcess, StepContext, StepOutcome } from '../workflow/case-process';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { MembershipApplication } from './entities/membership-application.entity';
import { MembersService } from './members.service';

const WF = MEMBERSHIP_APPLICATION_WORKFLOW;
type Step = StepContext<MembershipApplicationState, MembershipApplication>;

/** What each step of a membership application does: a transfer moves it, approval makes the member. */
@Injectable()
export class MembershipApplicationProcess
  implements CaseProcess<MembershipApplicationState, MembershipApplicationAction, MembershipApplication>, OnModuleInit
{
  readonly def = WF;

  constructor(
    private readonly transitions: TransitionService,
    private readonly organizations: OrganizationsService,
    private readonly members: MembersService,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<MembershipApplication> {
    return manager.getRepository(MembershipApplication).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  /** Terminal states free the ID number for a new application. */
  async after({ manager, subject, to }: Step): Promise<void> {
    if (WF.states[to].terminal) await manager.getRepository(MembershipApplication).update({ id: subject.id }, { openIdNumberIndex: null });
  }

  readonly steps: CaseProcess<MembershipApplicationState, MembershipApplicationAction, MembershipApplication>['steps'] = {
    /** To another union below the county federation, with the deadline counted again. */
    transfer: {
      before: async ({ manager, kase, input }): Promise<StepOutcome> => {
        const target = await this.organizations.get(input.targetOrganizationId as number, manager);
        if (target.id === kase.organizationId || FEDERATION_KINDS.includes(target.kind)) fail('invalid_organization');
        return { moveTo: target };
      },
    },
    approve: {
      after: async ({ manager, actor, subject, kase }) => {
        await this.members.createFromApplication(manager, actor, subject, kase);
      },
    },
  };

  notice({ action, input, subject }: Step): CaseNotice {
    const link = `/pages/membership/application/index?id=${subject.id}`;
    const reason = input.comment ? `说明：${input.comment}` : '';
    switch (action as MembershipApplicationAction) {
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
