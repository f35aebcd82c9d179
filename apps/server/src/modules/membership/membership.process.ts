import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MEMBERSHIP_WORKFLOW, type MembershipAction, type MembershipState } from '@union/shared';
import type { EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import type { CaseNotice, CaseProcess, StepContext } from '../workflow/case-process';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { Member } from './entities/member.entity';
import { MembershipTransfer } from './entities/membership-transfer.entity';

type Step = StepContext<MembershipState, Member>;

/** A member's membership: leaving revokes the card at once (not while a transfer is open). */
@Injectable()
export class MembershipProcess implements CaseProcess<MembershipState, MembershipAction, Member>, OnModuleInit {
  readonly def = MEMBERSHIP_WORKFLOW;

  constructor(private readonly transitions: TransitionService) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<Member> {
    return manager.getRepository(Member).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  readonly steps: CaseProcess<MembershipState, MembershipAction, Member>['steps'] = {
    withdraw: {
      before: async ({ manager, subject: member }) => {
        if (await manager.getRepository(MembershipTransfer).findOneBy({ openMemberId: member.id })) {
          fail('transfer_in_progress', '您有正在办理的会籍接转，请先取消接转再退会');
        }
        const done = await manager
          .getRepository(Member)
          .update(
            { id: member.id, status: 'active' },
            { status: 'withdrawn', activeIdNumberIndex: null, cardSerial: member.cardSerial + 1 },
          );
        if (done.affected !== 1) fail('state_conflict');
      },
    },
  };

  notice({ input }: Step): CaseNotice {
    const reason = input.comment;
    return {
      title: '已退出工会',
      body: `您已退出工会，会员卡已失效。${reason ? `退会原因：${reason}。` : ''}需要时可以重新申请入会。`,
      link: '/pages/mine/index',
    };
  }
}
