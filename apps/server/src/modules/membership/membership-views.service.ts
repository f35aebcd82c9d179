import { Injectable } from '@nestjs/common';
import {
  MEMBERSHIP_APPLICATION_WORKFLOW,
  MEMBERSHIP_TRANSFER_WORKFLOW,
  maskIdNumber,
  maskPhone,
  type MembershipApplicationState,
  type MembershipApplicationView,
  type MembershipTransferState,
  type MembershipTransferView,
  type OrganizationView,
} from '@union/shared';
import { type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { OrganizationsService } from '../organizations/organizations.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import type { CaseHistory } from '../workflow/workflow-cases.service';
import { type WorkflowCase } from '../workflow/workflow-cases.service';
import { CaseViews } from '../workflow/case-views';
import { TransitionService } from '../workflow/transition.service';
import { Member } from './entities/member.entity';
import type { MembershipApplication } from './entities/membership-application.entity';
import type { MembershipTransfer } from './entities/membership-transfer.entity';

/** Builds what clients see of membership cases: masked personal data, deadline, history. */
@Injectable()
export class MembershipViews {
  constructor(
    private readonly cipher: PiiCipher,
    private readonly organizations: OrganizationsService,
    private readonly transitions: TransitionService,
    private readonly caseViews: CaseViews,
  ) {}

  async application(
    manager: EntityManager,
    actor: Actor,
    app: MembershipApplication,
    kase: WorkflowCase,
  ): Promise<MembershipApplicationView> {
    return (await this.applications(manager, actor, [{ app, kase }]))[0];
  }

  /** Views of several applications with one query for all histories and one for all organisations. */
  async applications(
    manager: EntityManager,
    actor: Actor,
    items: { app: MembershipApplication; kase: WorkflowCase }[],
  ): Promise<MembershipApplicationView[]> {
    if (items.length === 0) return [];
    const histories = await this.transitions.historyOf(
      manager,
      items.map((i) => i.kase.id),
    );
    const orgs = await this.organizations.byIds([...new Set(items.map((i) => i.kase.organizationId))], manager);
    const orgViews = new Map((await this.organizations.views(orgs, manager)).map((v) => [v.id, v]));
    return items.map(({ app, kase }) =>
      this.applicationView(actor, app, kase, histories.get(kase.id) ?? [], orgViews.get(kase.organizationId) as OrganizationView),
    );
  }

  private applicationView(
    actor: Actor,
    app: MembershipApplication,
    kase: WorkflowCase,
    rows: CaseHistory[],
    organization: OrganizationView,
  ): MembershipApplicationView {
    const def = MEMBERSHIP_APPLICATION_WORKFLOW;
    const state = kase.state as MembershipApplicationState;
    const lastStaffComment = [...rows].reverse().find((h) => h.comment && h.actorUserId !== kase.applicantUserId);
    return {
      id: app.id,
      caseId: kase.id,
      state,
      stateLabel: def.states[state].label,
      nextStep: def.states[state].nextStep,
      version: kase.version,
      realName: app.realName,
      idNumberMasked: this.cipher.readable(app.idNumberEnc, piiAad('membership_applications', app.uid, 'id_number'), maskIdNumber),
      phoneMasked: this.cipher.readable(app.phoneEnc, piiAad('membership_applications', app.uid, 'phone'), maskPhone),
      employerName: app.employerName,
      employmentType: app.employmentType,
      hideFromEmployer: app.hideFromEmployer,
      organization,
      submittedAt: kase.submittedAt.toISOString(),
      deadline: this.caseViews.deadline(kase),
      history: this.caseViews.history(def, rows),
      lastReviewerComment: lastStaffComment?.comment ?? null,
      actions: this.transitions.actionsOf(actor, def, kase),
    };
  }

  async transfer(manager: EntityManager, actor: Actor, transfer: MembershipTransfer, kase: WorkflowCase): Promise<MembershipTransferView> {
    const def = MEMBERSHIP_TRANSFER_WORKFLOW;
    const state = kase.state as MembershipTransferState;
    const member = await manager.getRepository(Member).findOneByOrFail({ id: transfer.memberId });
    const [from, to] = await this.organizations.views(
      [
        await this.organizations.get(transfer.fromOrganizationId, manager),
        await this.organizations.get(transfer.toOrganizationId, manager),
      ],
      manager,
    );
    return {
      id: transfer.id,
      caseId: kase.id,
      state,
      stateLabel: def.states[state].label,
      nextStep: def.states[state].nextStep,
      version: kase.version,
      memberNo: member.memberNo,
      realName: member.realName,
      fromOrganization: from,
      toOrganization: to,
      newEmployerName: transfer.newEmployerName,
      reason: transfer.reason,
      requestedAt: kase.submittedAt.toISOString(),
      deadline: this.caseViews.deadline(kase),
      history: this.caseViews.history(def, await this.transitions.history(manager, kase.id)),
      actions: this.transitions.actionsOf(actor, def, kase),
    };
  }
}
