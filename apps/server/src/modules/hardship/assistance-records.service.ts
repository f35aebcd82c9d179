import { Injectable } from '@nestjs/common';
import {
  AID_TYPE_LABEL,
  aidCeilingFen,
  ASSISTANCE_RECORD_WORKFLOW,
  cstDate,
  formatYuan,
  HARDSHIP_CATEGORY_LABEL,
  type AssistanceRecordView,
  type CreateAssistanceRecordRequest,
  type PayAssistanceRequest,
  type SignedFormRequest,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { mayHandle } from '../../common/case-access';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import { Db } from '../../database/db.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { TransitionService, type TransitionInput } from '../workflow/transition.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { AssistanceRecordProcess } from './assistance-record.process';
import { AssistanceRecord } from './entities/assistance-record.entity';
import { HardshipApplication } from './entities/hardship-application.entity';
import { HardshipFile } from './entities/hardship-file.entity';
import { HardshipFilesService } from './hardship-files.service';
import { HardshipRulesService } from './hardship-rules.service';
import { HardshipViews } from './hardship-views.service';
import { findRow } from '../../database/plain-reads';

const AID = ASSISTANCE_RECORD_WORKFLOW;

/**
 * The aid paid to a filed household by real name (assistance records): approved by the county
 * within the yearly ceilings, paid with a bank reference, signed for by the worker in the app or on
 * a paper receipt, or cancelled before payment.
 */
@Injectable()
export class AssistanceRecordsService {
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly transitions: TransitionService,
    private readonly rules: HardshipRulesService,
    private readonly views: HardshipViews,
    private readonly organizations: OrganizationsService,
    private readonly files: HardshipFilesService,
    private readonly cases: WorkflowCases,
    private readonly process: AssistanceRecordProcess,
  ) {}

  /**
   * Approve aid by real name. Refused over the household's ceiling for the type and year, with the
   * numbers. The file case's version is bumped with compare-and-set, so two approvals at once
   * cannot both pass the ceiling check.
   */
  async createAid(actor: Actor, fileId: number, body: CreateAssistanceRecordRequest): Promise<AssistanceRecordView> {
    return this.db.transaction(async (manager) => {
      const file = await this.files.loadVisible(manager, actor, fileId);
      return this.approveAid(manager, actor, file, body, { campaignId: null });
    });
  }

  /**
   * Approve aid for a file inside the caller's transaction. Campaign payments are bounded by the
   * campaign's amounts and budget instead of the household's yearly ceiling.
   */
  async approveAid(
    manager: EntityManager,
    actor: Actor,
    file: HardshipFile,
    body: CreateAssistanceRecordRequest,
    options: { campaignId: number | null },
  ): Promise<AssistanceRecordView> {
    {
      if (!mayHandle(actor, 'hardship.aid.pay', file.organizationPath) || actor.organization?.level !== 'county')
        fail('forbidden', '帮扶发放由县总工会审批');
      if (file.applicantUserId === actor.userId) fail('forbidden', '不能审批本人家庭的帮扶，请由其他干部办理');
      const fileCase = await this.files.caseOf(manager, file);
      if (fileCase.state !== 'active') fail('action_not_allowed', '档案已关闭，不能再发放帮扶');
      const now = this.clock.now();
      const year = Number(cstDate(now).slice(0, 4));
      const { rules } = await this.rules.effectiveFor(manager, file.organizationPath, now);
      const ceiling = aidCeilingFen(rules, file.category, body.aidType);
      const used = (await this.views.usedThisYear(manager, file.id, year)).get(body.aidType) ?? 0;
      if (options.campaignId === null && used + body.amountFen > ceiling) {
        fail(
          'over_ceiling',
          `超过上限：${HARDSHIP_CATEGORY_LABEL[file.category]}家庭本年度${AID_TYPE_LABEL[body.aidType]}上限 ${formatYuan(ceiling)}，` +
            `已批准 ${formatYuan(used)}，本次 ${formatYuan(body.amountFen)}，最多还能批 ${formatYuan(Math.max(0, ceiling - used))}`,
        );
      }
      if (!(await this.cases.bumpVersion(manager, fileCase, fileCase.version, { state: 'active', at: now }))) fail('state_conflict');
      const [org, application] = await Promise.all([
        this.organizations.get(file.organizationId, manager),
        manager.getRepository(HardshipApplication).findOneByOrFail({ id: file.applicationId }),
      ]);
      const kase = await this.transitions.open(manager, AID, {
        actor,
        organization: org,
        applicantUserId: file.applicantUserId,
        title: `${AID_TYPE_LABEL[body.aidType]} ${formatYuan(body.amountFen)}`,
        deadlines: rules.deadlines,
        applicant: { nameMasked: application.applicantNameMasked },
      });
      const repo = manager.getRepository(AssistanceRecord);
      const record = await repo.save(
        repo.create({
          caseId: kase.id,
          fileId: file.id,
          aidType: body.aidType,
          amountFen: body.amountFen,
          fundSource: body.fundSource.trim(),
          year,
          campaignId: options.campaignId,
          approvedByUserId: actor.userId,
          approvedByName: actor.displayName,
          approvedAt: now,
          comment: body.comment?.trim() || null,
          paidAt: null,
          paymentReference: null,
          signedAt: null,
          signMethod: null,
          signedFormUploadId: null,
        }),
      );
      await this.transitions.attachSubject(manager, kase, record.id);
      await this.transitions.notifyApplicant(manager, AID, kase, {
        title: '帮扶已批准',
        body: `${AID_TYPE_LABEL[body.aidType]} ${formatYuan(body.amountFen)} 已批准，将按实名发放，到账后请在小程序里签收。`,
        link: `/pages/hardship/file/index?id=${file.id}`,
      });
      return (await this.views.assistance(manager, actor, [record], new Map([[file.id, file.fileNo]])))[0];
    }
  }

  private async loadAid(manager: EntityManager, actor: Actor, id: number) {
    const record = await findRow(manager, AssistanceRecord, { id });
    if (!record) fail('not_found');
    const { kase, ctx } = await this.transitions.loadVisible(manager, actor, AID.caseType, record.caseId);
    return { record, kase, ctx };
  }

  /** A step on the aid record's case through its registered process, answered with the record as it is after. */
  private async applyAid(actor: Actor, id: number, apply: (caseId: number) => Promise<unknown>): Promise<AssistanceRecordView> {
    const { record } = await this.loadAid(this.db.manager, actor, id);
    await apply(record.caseId);
    const fresh = await this.db.manager.getRepository(AssistanceRecord).findOneByOrFail({ id });
    return this.viewOf(actor, fresh);
  }

  /** Plain actions on aid: the worker signs in the app; the county cancels an unpaid approval. */
  aidTransition(actor: Actor, id: number, input: TransitionInput): Promise<AssistanceRecordView> {
    return this.applyAid(actor, id, (caseId) => this.transitions.apply(actor, this.process, caseId, input));
  }

  /** Record the real-name payment (bank reference); two cadres paying at once: one wins. */
  pay(actor: Actor, id: number, body: PayAssistanceRequest): Promise<AssistanceRecordView> {
    return this.applyAid(actor, id, (caseId) =>
      this.transitions.apply(actor, this.process, caseId, { action: 'pay', version: body.version }, body),
    );
  }

  /** A cadre uploads the receipt the worker signed on paper. */
  signedForm(actor: Actor, id: number, body: SignedFormRequest): Promise<AssistanceRecordView> {
    return this.applyAid(actor, id, (caseId) =>
      this.transitions.apply(actor, this.process, caseId, { action: 'record_signed_form', version: body.version }, body),
    );
  }

  /** One aid record, for its applicant or staff in scope. */
  async aid(actor: Actor, id: number): Promise<AssistanceRecordView> {
    const { record } = await this.loadAid(this.db.manager, actor, id);
    return this.viewOf(actor, record);
  }

  private async viewOf(actor: Actor, record: AssistanceRecord): Promise<AssistanceRecordView> {
    const file = await this.db.manager.getRepository(HardshipFile).findOneByOrFail({ id: record.fileId });
    return (await this.views.assistance(this.db.manager, actor, [record], new Map([[file.id, file.fileNo]])))[0];
  }
}
