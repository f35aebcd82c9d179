import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MEMBERSHIP_TRANSFER_WORKFLOW, type MembershipTransferAction, type MembershipTransferState } from '@union/shared';
import type { EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import type { CaseNotice, CaseProcess, StepContext } from '../workflow/case-process';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { Member } from './entities/member.entity';
import { MembershipTransfer } from './entities/membership-transfer.entity';
import { MembersService } from './members.service';

const WF = MEMBERSHIP_TRANSFER_WORKFLOW;
type Step = StepContext<MembershipTransferState, MembershipTransfer>;

/** What each step of a membership transfer does: on acceptance the member moves, with a new card. */
@Injectable()
export class MembershipTransferProcess
  implements CaseProcess<MembershipTransferState, MembershipTransferAction, MembershipTransfer>, OnModuleInit
{
  readonly def = WF;

  constructor(
    private readonly transitions: TransitionService,
    private readonly members: MembersService,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<MembershipTransfer> {
    return manager.getRepository(MembershipTransfer).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  /** Every step ends the transfer: the member may start another. */
  async after({ manager, subject }: Step): Promise<void> {
    await manager.getRepository(MembershipTransfer).update({ id: subject.id }, { openMemberId: null });
  }

  readonly steps: CaseProcess<MembershipTransferState, MembershipTransferAction, MembershipTransfer>['steps'] = {
    accept: {
      after: async ({ manager, subject }) => {
        const repo = manager.getRepository(Member);
        const member = await repo.findOneByOrFail({ id: subject.memberId });
        if (member.status !== 'active') fail('not_a_member', '该会员已退会，不能接转');
        // A new card is issued with the new union; tokens of the old card stop working.
        await repo.update(
          { id: member.id },
          { organizationId: subject.toOrganizationId, employerName: subject.newEmployerName, cardSerial: member.cardSerial + 1 },
        );
        await this.members.placeMembership(manager, member, subject.toOrganizationId);
      },
    },
  };

  notice({ action, input, subject }: Step): CaseNotice {
    const link = `/pages/membership/transfer/index?id=${subject.id}`;
    switch (action as MembershipTransferAction) {
      case 'accept':
        return { title: '会籍接转已完成', body: '您的会籍已转入新的工会，会员卡已更新。', link };
      case 'decline':
        return { title: '会籍接转未被接收', body: `会籍仍在原工会。原因：${input.comment ?? ''}`, link };
      case 'cancel':
        return { title: '会籍接转已取消', body: '会籍仍在原工会。', link };
    }
  }
}
