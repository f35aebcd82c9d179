import { Injectable } from '@nestjs/common';
import { maskName, MEMBERSHIP_TRANSFER_WORKFLOW, type MembershipTransferAction, type MembershipTransferView } from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { OrganizationsService } from '../organizations/organizations.service';
import { TransitionService, type StepContext, type TransitionInput } from '../workflow/transition.service';
import { Member } from './entities/member.entity';
import { MembershipTransfer } from './entities/membership-transfer.entity';
import type { CreateMembershipTransferRequest } from '@union/shared';
import { MembershipViews } from './membership-views.service';
import { MembersService } from './members.service';
import { Clock } from '../../common/clock';

const WF = MEMBERSHIP_TRANSFER_WORKFLOW;

/** Membership transfer (会籍接转): the member asks, the receiving union accepts or declines. */
@Injectable()
export class MembershipTransfersService {
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly organizations: OrganizationsService,
    private readonly transitions: TransitionService,
    private readonly views: MembershipViews,
    private readonly members: MembersService,
  ) {}

  async request(actor: Actor, body: CreateMembershipTransferRequest): Promise<MembershipTransferView> {
    try {
      return await this.db.transaction(async (manager) => {
        const member = await this.members.activeForUser(manager, actor.userId);
        if (!member) fail('not_a_member');
        const target = await this.organizations.get(body.toOrganizationId, manager);
        if (target.id === member.organizationId) fail('invalid_organization', '您的会籍已在这个工会，不需要接转');
        if (target.kind === 'county_federation') fail('invalid_organization', '请选择要转入的基层工会或乡镇(街道)工会');
        if (await manager.getRepository(MembershipTransfer).findOneBy({ openMemberId: member.id })) fail('transfer_in_progress');
        const kase = await this.transitions.open(manager, WF, {
          actor,
          organization: target,
          applicantUserId: actor.userId,
          title: `${maskName(member.realName)}（会员号 ${member.memberNo}）`,
          applicant: { name: member.realName, idNumberIndex: member.idNumberIndex },
        });
        const repo = manager.getRepository(MembershipTransfer);
        const transfer = await repo.save(
          repo.create({
            caseId: kase.id,
            memberId: member.id,
            openMemberId: member.id,
            fromOrganizationId: member.organizationId,
            toOrganizationId: target.id,
            newEmployerName: body.newEmployerName.trim(),
            reason: body.reason?.trim() || null,
            createdAt: this.clock.now(),
          }),
        );
        await this.transitions.attachSubject(manager, kase, transfer.id);
        await this.transitions.notifyApplicant(manager, WF, kase, {
          title: '会籍接转已提交',
          body: `已请${target.name}接收您的会籍，期间您的会员身份不受影响。`,
          link: `/pages/membership/transfer/index?id=${transfer.id}`,
        });
        return this.views.transfer(manager, actor, transfer, kase);
      });
    } catch (err) {
      if (isUniqueViolation(err)) fail('transfer_in_progress');
      throw err;
    }
  }

  private async loadVisible(manager: EntityManager, actor: Actor, id: number) {
    const transfer = await manager.getRepository(MembershipTransfer).findOneBy({ id });
    if (!transfer) fail('not_found');
    const { kase, ctx } = await this.transitions.loadVisible(manager, actor, WF.caseType, transfer.caseId);
    return { transfer, kase, ctx };
  }

  async get(actor: Actor, id: number): Promise<MembershipTransferView> {
    const { transfer, kase } = await this.loadVisible(this.db.manager, actor, id);
    return this.views.transfer(this.db.manager, actor, transfer, kase);
  }

  async transition(actor: Actor, id: number, input: TransitionInput): Promise<MembershipTransferView> {
    const transfer = await this.db.manager.getRepository(MembershipTransfer).findOneBy({ id });
    if (!transfer) fail('not_found');
    const kase = await this.transitions.applyLegacy(actor, WF, transfer.caseId, input, {
      after: async (step) => {
        await step.manager.getRepository(MembershipTransfer).update({ id: transfer.id }, { openMemberId: null });
        if (step.action !== 'accept') return;
        const repo = step.manager.getRepository(Member);
        const member = await repo.findOneByOrFail({ id: transfer.memberId });
        if (member.status !== 'active') fail('not_a_member', '该会员已退会，不能接转');
        // A new card is issued with the new union; tokens of the old card stop working.
        await repo.update(
          { id: member.id },
          { organizationId: transfer.toOrganizationId, employerName: transfer.newEmployerName, cardSerial: member.cardSerial + 1 },
        );
        await this.members.placeMembership(step.manager, member, transfer.toOrganizationId);
      },
      notice: (step) => this.notice(step, transfer),
    });
    return this.views.transfer(this.db.manager, actor, transfer, kase);
  }

  private notice(step: StepContext, transfer: MembershipTransfer): { title: string; body: string; link: string } {
    const link = `/pages/membership/transfer/index?id=${transfer.id}`;
    switch (step.action as MembershipTransferAction) {
      case 'accept':
        return { title: '会籍接转已完成', body: '您的会籍已转入新的工会，会员卡已更新。', link };
      case 'decline':
        return { title: '会籍接转未被接收', body: `会籍仍在原工会。原因：${step.input.comment ?? ''}`, link };
      case 'cancel':
        return { title: '会籍接转已取消', body: '会籍仍在原工会。', link };
    }
  }
}
