import { Injectable } from '@nestjs/common';
import { maskName, MEMBERSHIP_TRANSFER_WORKFLOW, type MembershipTransferView, FEDERATION_KINDS } from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { OrganizationsService } from '../organizations/organizations.service';
import { TransitionService, type TransitionInput } from '../workflow/transition.service';
import { MembershipTransferProcess } from './membership-transfer.process';
import { MembershipTransfer } from './entities/membership-transfer.entity';
import type { CreateMembershipTransferRequest } from '@union/shared';
import { MembershipViews } from './membership-views.service';
import { MembersService } from './members.service';
import { Clock } from '../../common/clock';
import { findRow } from '../../database/plain-reads';

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
    private readonly process: MembershipTransferProcess,
  ) {}

  async request(actor: Actor, body: CreateMembershipTransferRequest): Promise<MembershipTransferView> {
    try {
      return await this.db.transaction(async (manager) => {
        const member = await this.members.activeForUser(manager, actor.userId);
        if (!member) fail('not_a_member');
        const target = await this.organizations.get(body.toOrganizationId, manager);
        if (target.id === member.organizationId) fail('invalid_organization', '您的会籍已在这个工会，不需要接转');
        if (FEDERATION_KINDS.includes(target.kind)) fail('invalid_organization', '请选择要转入的基层工会或乡镇(街道)工会');
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
    const transfer = await findRow(manager, MembershipTransfer, { id });
    if (!transfer) fail('not_found');
    const { kase, ctx } = await this.transitions.loadVisible(manager, actor, WF.caseType, transfer.caseId);
    return { transfer, kase, ctx };
  }

  async get(actor: Actor, id: number): Promise<MembershipTransferView> {
    const { transfer, kase } = await this.loadVisible(this.db.manager, actor, id);
    return this.views.transfer(this.db.manager, actor, transfer, kase);
  }

  async transition(actor: Actor, id: number, input: TransitionInput): Promise<MembershipTransferView> {
    const transfer = await findRow(this.db.manager, MembershipTransfer, { id });
    if (!transfer) fail('not_found');
    const kase = await this.transitions.apply(actor, this.process, transfer.caseId, input);
    return this.views.transfer(this.db.manager, actor, transfer, kase);
  }
}
