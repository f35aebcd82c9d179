import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  isValidIdNumber,
  isValidPhone,
  maskName,
  MEMBERSHIP_APPLICATION_WORKFLOW,
  normalizeIdNumber,
  type MembershipApplicationView,
  type Page,
  type PageQuery,
  FEDERATION_KINDS,
} from '@union/shared';
import { type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { newestFirst } from '../../common/cursor';
import { Db } from '../../database/db.service';
import { findRow } from '../../database/plain-reads';
import { isUniqueViolation } from '../../database/errors';
import { IdentityService } from '../identity/identity.service';
import { OrganizationsService, type Organization } from '../organizations/organizations.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { WorkflowCases, type WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService, type TransitionInput } from '../workflow/transition.service';
import { MembershipApplicationProcess } from './membership-application.process';
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
    private readonly process: MembershipApplicationProcess,
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
        if (FEDERATION_KINDS.includes(chosen.kind)) fail('invalid_organization', '请选择单位工会、乡镇(街道)工会、行业工会或联合工会');
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

  /** The worker's own applications, newest first, a page at a time. */
  async mine(actor: Actor, page: PageQuery): Promise<Page<MembershipApplicationView>> {
    const manager = this.db.manager;
    const { rows, nextCursor } = await newestFirst(
      manager.getRepository(MembershipApplication).createQueryBuilder('a').where('a.userId = :me', { me: actor.userId }),
      'a.id',
      page,
    );
    if (rows.length === 0) return { items: [], nextCursor };
    const cases = await this.cases.mapByIds(
      rows.map((a) => a.caseId),
      manager,
    );
    return {
      items: await this.views.applications(
        manager,
        actor,
        rows.map((app) => ({ app, kase: cases.get(app.caseId) as WorkflowCase })),
      ),
      nextCursor,
    };
  }

  /** The application and its case, if the actor may see it (else 404). */
  async loadVisible(manager: EntityManager, actor: Actor, id: number) {
    const app = await findRow(manager, MembershipApplication, { id });
    if (!app) fail('not_found');
    const { kase, ctx } = await this.transitions.loadVisible(manager, actor, WF.caseType, app.caseId);
    return { app, kase, ctx };
  }

  async get(actor: Actor, id: number): Promise<MembershipApplicationView> {
    const { app, kase } = await this.loadVisible(this.db.manager, actor, id);
    return this.views.application(this.db.manager, actor, app, kase);
  }

  async transition(actor: Actor, id: number, input: TransitionInput): Promise<MembershipApplicationView> {
    const app = await findRow(this.db.manager, MembershipApplication, { id });
    if (!app) fail('not_found');
    const kase = await this.transitions.apply(actor, this.process, app.caseId, input);
    return this.views.application(this.db.manager, actor, app, kase);
  }
}
