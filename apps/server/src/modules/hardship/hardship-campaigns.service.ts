import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  CAMPAIGN_KIND_LABEL,
  DEFAULT_GRANT_AMOUNTS,
  GRANT_APPLICATION_WORKFLOW,
  isValidIdNumber,
  maskIdNumber,
  maskName,
  normalizeIdNumber,
  SCHOOL_LEVEL_LABEL,
  type CampaignView,
  type GrantApplicationState,
  type GrantApplicationView,
  type CreateCampaignRequest,
  type CreateGrantApplicationRequest,
  type Page,
  type PageQuery,
  type SelectHouseholdsRequest,
} from '@union/shared';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { mayHandle } from '../../common/case-access';
import { HARDSHIP_STAFF } from './hardship-access';
import { fail } from '../../common/app-exception';
import { newestFirst } from '../../common/cursor';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { OrganizationsService } from '../organizations/organizations.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { UploadsService } from '../uploads/uploads.service';
import { CaseViews } from '../workflow/case-views';
import { WorkflowCases, type WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService, type TransitionInput } from '../workflow/transition.service';
import { AssistanceRecord } from './entities/assistance-record.entity';
import { Campaign } from './entities/campaign.entity';
import { GrantApplication } from './entities/grant-application.entity';
import { HardshipApplication } from './entities/hardship-application.entity';
import { HardshipFile } from './entities/hardship-file.entity';
import { AssistanceRecordsService } from './assistance-records.service';
import { GrantApplicationProcess } from './grant-application.process';
import { HardshipRulesService } from './hardship-rules.service';
import { Clock } from '../../common/clock';
import { findRow } from '../../database/plain-reads';

const GRANT = GRANT_APPLICATION_WORKFLOW;
const GRANTS_TABLE = 'hardship_grant_applications';

/** Campaigns (送温暖, 金秋助学): budget, period and amounts; payments are ordinary aid records. */
@Injectable()
export class HardshipCampaignsService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly cipher: PiiCipher,
    private readonly aidRecords: AssistanceRecordsService,
    private readonly rules: HardshipRulesService,
    private readonly transitions: TransitionService,
    private readonly caseViews: CaseViews,
    private readonly uploads: UploadsService,
    private readonly organizations: OrganizationsService,
    private readonly process: GrantApplicationProcess,
  ) {}

  async create(actor: Actor, body: CreateCampaignRequest): Promise<CampaignView> {
    if (actor.organization?.level !== 'county') fail('forbidden', '活动由县总工会发起');
    if (body.startsOn > body.endsOn)
      fail('validation_failed', '结束日期不能早于开始日期', [{ field: 'endsOn', message: '结束日期不能早于开始日期' }]);
    const amounts =
      body.kind === 'winter_warmth'
        ? { perHouseholdFen: body.amounts.perHouseholdFen }
        : { perStudentFen: { ...DEFAULT_GRANT_AMOUNTS, ...(body.amounts.perStudentFen ?? {}) } };
    if (body.kind === 'winter_warmth' && !amounts.perHouseholdFen) {
      fail('validation_failed', '请填写每户金额', [{ field: 'amounts.perHouseholdFen', message: '请填写每户金额' }]);
    }
    for (const [level, fen] of Object.entries(amounts.perStudentFen ?? {})) {
      if (!(level in SCHOOL_LEVEL_LABEL) || !Number.isInteger(fen) || fen < 1 || fen > body.budgetFen) {
        fail('validation_failed', '每名学生金额有误', [
          { field: `amounts.perStudentFen.${level}`, message: '应为不超过预算的正整数（分）' },
        ]);
      }
    }
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(Campaign);
      const org = await this.organizations.get(actor.organization?.id as number, manager);
      const campaign = await repo.save(
        repo.create({
          kind: body.kind,
          title: body.title.trim(),
          organizationId: org.id,
          organizationPath: org.path,
          budgetFen: body.budgetFen,
          startsOn: body.startsOn,
          endsOn: body.endsOn,
          eligibility: body.eligibility.trim(),
          amounts,
          fundSource: body.fundSource.trim(),
          version: 1,
          createdByUserId: actor.userId,
          createdByName: actor.displayName,
          createdAt: this.clock.now(),
        }),
      );
      return this.view(manager, campaign, true);
    });
  }

  private async load(manager: EntityManager, id: number): Promise<Campaign> {
    const campaign = await findRow(manager, Campaign, { id });
    if (!campaign) fail('not_found');
    return campaign;
  }

  private isOpen(c: Campaign): boolean {
    const today = this.clock.today();
    return c.startsOn <= today && today <= c.endsOn;
  }

  /** Budget used, people reached and who has not signed, from the campaign's aid records. */
  async view(manager: EntityManager, c: Campaign, staff: boolean): Promise<CampaignView> {
    return (await this.views(manager, [c], () => staff))[0];
  }

  /**
   * Views of several campaigns: one query for all their aid records, and one each for the files
   * and applications of the unsigned ones (shown to staff only; `staffOf` says for which campaigns).
   */
  private async views(manager: EntityManager, campaigns: Campaign[], staffOf: (c: Campaign) => boolean): Promise<CampaignView[]> {
    if (campaigns.length === 0) return [];
    const records = await this.cases
      .joinCase(manager.createQueryBuilder(AssistanceRecord, 'r'), 'r', 'k')
      .select([
        'r.id AS id',
        'r.campaignId AS campaignId',
        'r.fileId AS fileId',
        'r.amountFen AS amountFen',
        'r.paidAt AS paidAt',
        'k.state AS state',
      ])
      .where('r.campaignId IN (:...ids) AND k.state <> :cancelled', { ids: campaigns.map((c) => c.id), cancelled: 'cancelled' })
      .orderBy('r.id', 'ASC')
      .getRawMany<{
        id: number;
        campaignId: number;
        fileId: number;
        amountFen: string | number;
        paidAt: Date | string | null;
        state: string;
      }>();
    const staff = new Map(campaigns.map((c) => [c.id, staffOf(c)]));
    const byCampaign = new Map<number, typeof records>();
    for (const r of records) byCampaign.set(Number(r.campaignId), [...(byCampaign.get(Number(r.campaignId)) ?? []), r]);
    const unsignedRows = records.filter((r) => r.state === 'paid' && staff.get(Number(r.campaignId)));
    const files = unsignedRows.length
      ? await manager.getRepository(HardshipFile).findBy({ id: In([...new Set(unsignedRows.map((r) => Number(r.fileId)))]) })
      : [];
    const apps = files.length ? await manager.getRepository(HardshipApplication).findBy({ id: In(files.map((f) => f.applicationId)) }) : [];
    const fileById = new Map(files.map((f) => [f.id, f]));
    const nameByApp = new Map(apps.map((a) => [a.id, a.applicantNameMasked]));
    return campaigns.map((c) => {
      const own = byCampaign.get(c.id) ?? [];
      const isStaff = staff.get(c.id) ?? false;
      return {
        id: c.id,
        kind: c.kind,
        kindLabel: CAMPAIGN_KIND_LABEL[c.kind],
        title: c.title,
        budgetFen: c.budgetFen,
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        open: this.isOpen(c),
        eligibility: c.eligibility,
        amounts: c.amounts,
        fundSource: c.fundSource,
        usedFen: own.reduce((sum, r) => sum + Number(r.amountFen), 0),
        householdsReached: new Set(own.map((r) => Number(r.fileId))).size,
        selectedFileIds: isStaff ? [...new Set(own.map((r) => Number(r.fileId)))] : [],
        unsigned: (isStaff ? own.filter((r) => r.state === 'paid') : []).map((r) => {
          const file = fileById.get(Number(r.fileId));
          return {
            aidId: Number(r.id),
            fileNo: file?.fileNo ?? '',
            applicantNameMasked: file ? (nameByApp.get(file.applicationId) ?? '') : '',
            amountFen: Number(r.amountFen),
            paidAt: r.paidAt ? new Date(r.paidAt).toISOString() : null,
          };
        }),
        createdByName: c.createdByName,
      };
    });
  }

  /** Every campaign, newest first, a page at a time; the county's hardship staff also see the budget's detail. */
  async list(actor: Actor, page: PageQuery): Promise<Page<CampaignView>> {
    const manager = this.db.manager;
    const { rows, nextCursor } = await newestFirst(manager.getRepository(Campaign).createQueryBuilder('c'), 'c.id', page);
    const staff = !!actor.organization;
    return { items: await this.views(manager, rows, (c) => staff && mayHandle(actor, HARDSHIP_STAFF, c.organizationPath)), nextCursor };
  }

  async get(actor: Actor, id: number): Promise<CampaignView> {
    const c = await this.load(this.db.manager, id);
    return this.view(this.db.manager, c, mayHandle(actor, HARDSHIP_STAFF, c.organizationPath));
  }

  /** 送温暖: the county picks filed households; each gets an aid record of the campaign's amount. */
  async select(actor: Actor, id: number, body: SelectHouseholdsRequest): Promise<CampaignView> {
    return this.db.transaction(async (manager) => {
      const c = await this.load(manager, id);
      if (!mayHandle(actor, 'hardship.campaign.manage', c.organizationPath) || actor.organization?.level !== 'county') fail('not_found');
      if (c.kind !== 'winter_warmth') fail('action_not_allowed', '金秋助学由职工按学生申请');
      if (!this.isOpen(c)) fail('action_not_allowed', `活动时间为 ${c.startsOn} 至 ${c.endsOn}`);
      const fileIds = [...new Set(body.fileIds)];
      const already = await this.cases
        .joinCase(manager.createQueryBuilder(AssistanceRecord, 'r'), 'r', 'k')
        .where('r.campaignId = :id AND r.fileId IN (:...fileIds) AND k.state <> :cancelled', { id: c.id, fileIds, cancelled: 'cancelled' })
        .getCount();
      if (already > 0) fail('action_not_allowed', '有的家庭已经在本次活动名单里');
      const amount = c.amounts.perHouseholdFen as number;
      await this.process.spend(manager, c, amount * fileIds.length);
      const files = await manager.getRepository(HardshipFile).findBy({ id: In(fileIds) });
      if (files.length !== fileIds.length) fail('validation_failed', '有的档案不存在', [{ field: 'fileIds', message: '有的档案不存在' }]);
      for (const file of files) {
        await this.aidRecords.approveAid(
          manager,
          actor,
          file,
          { aidType: 'winter_warmth', amountFen: amount, fundSource: c.fundSource, comment: c.title },
          { campaignId: c.id },
        );
      }
      return this.view(manager, await this.load(manager, c.id), true);
    });
  }

  /** 金秋助学: a worker of a filed household applies for one student with the admission proof. */
  async applyGrant(actor: Actor, id: number, body: CreateGrantApplicationRequest): Promise<GrantApplicationView> {
    const studentId = normalizeIdNumber(body.studentIdNumber);
    if (!isValidIdNumber(studentId)) fail('invalid_id_number', undefined, [{ field: 'studentIdNumber', message: '身份证号码校验不通过' }]);
    try {
      return await this.db.transaction(async (manager) => {
        const c = await this.load(manager, id);
        if (c.kind !== 'autumn_school_grant') fail('action_not_allowed', '这个活动不接受个人申请');
        if (!this.isOpen(c)) fail('action_not_allowed', `申请时间为 ${c.startsOn} 至 ${c.endsOn}`);
        const file = await this.cases
          .joinCase(manager.getRepository(HardshipFile).createQueryBuilder('f'), 'f', 'fc')
          .where("f.applicantUserId = :me AND fc.state = 'active'", { me: actor.userId })
          .orderBy('f.id', 'DESC')
          .getOne();
        if (!file) fail('action_not_allowed', '金秋助学目前面向在档困难职工家庭；家庭有困难请先申请困难帮扶');
        const org = await this.organizations.get(file.organizationId, manager);
        const { rules } = await this.rules.effectiveFor(manager, file.organizationPath, this.clock.now());
        const kase = await this.transitions.open(manager, GRANT, {
          actor,
          organization: org,
          applicantUserId: actor.userId,
          title: `金秋助学 ${maskName(body.studentName)}`,
          deadlines: rules.deadlines,
        });
        await this.uploads.attachToCase(manager, actor, [body.admissionUploadId], kase.id);
        const uid = randomUUID();
        const repo = manager.getRepository(GrantApplication);
        const grant = await repo.save(
          repo.create({
            caseId: kase.id,
            uid,
            campaignId: c.id,
            fileId: file.id,
            applicantUserId: actor.userId,
            studentNameEnc: this.cipher.encrypt(body.studentName.trim(), piiAad(GRANTS_TABLE, uid, 'student_name')),
            studentNameMasked: maskName(body.studentName.trim()),
            studentIdEnc: this.cipher.encrypt(studentId, piiAad(GRANTS_TABLE, uid, 'student_id')),
            studentIdIndex: this.cipher.blindIndex('id_number', studentId),
            studentIdMasked: maskIdNumber(studentId),
            schoolLevel: body.schoolLevel,
            schoolName: body.schoolName.trim(),
            admissionUploadId: body.admissionUploadId,
            amountFen: c.amounts.perStudentFen?.[body.schoolLevel] ?? DEFAULT_GRANT_AMOUNTS[body.schoolLevel],
            aidRecordId: null,
          }),
        );
        await this.transitions.attachSubject(manager, kase, grant.id);
        await this.transitions.notifyApplicant(manager, GRANT, kase, {
          title: '金秋助学申请已提交',
          body: '县总工会将核对录取通知书和档案，通过后按实名发放。',
          link: '/pages/hardship/mine/index',
        });
        return this.grantView(manager, actor, grant, kase);
      });
    } catch (err) {
      if (isUniqueViolation(err)) fail('grant_already_applied');
      throw err;
    }
  }

  private async grantView(manager: EntityManager, actor: Actor, g: GrantApplication, kase: WorkflowCase): Promise<GrantApplicationView> {
    return (await this.grantViews(manager, actor, [{ grant: g, kase }]))[0];
  }

  /** Views of several grant applications, in one query each for their campaigns, files, histories and proofs. */
  private async grantViews(
    manager: EntityManager,
    actor: Actor,
    items: { grant: GrantApplication; kase: WorkflowCase }[],
  ): Promise<GrantApplicationView[]> {
    if (items.length === 0) return [];
    const caseIds = items.map((i) => i.kase.id);
    const [campaigns, files, histories, proofs] = await Promise.all([
      manager.getRepository(Campaign).findBy({ id: In([...new Set(items.map((i) => i.grant.campaignId))]) }),
      manager.getRepository(HardshipFile).findBy({ id: In([...new Set(items.map((i) => i.grant.fileId))]) }),
      this.transitions.historyOf(manager, caseIds),
      this.uploads.listForCase(manager, caseIds),
    ]);
    const campaignById = new Map(campaigns.map((c) => [c.id, c]));
    const fileById = new Map(files.map((f) => [f.id, f]));
    return items.map(({ grant: g, kase }) => {
      const state = kase.state as GrantApplicationState;
      return {
        id: g.id,
        caseId: kase.id,
        campaignId: g.campaignId,
        campaignTitle: campaignById.get(g.campaignId)?.title ?? '',
        state,
        stateLabel: GRANT.states[state].label,
        nextStep: GRANT.states[state].nextStep,
        version: kase.version,
        fileNo: fileById.get(g.fileId)?.fileNo ?? '',
        studentNameMasked: g.studentNameMasked,
        studentIdNumberMasked: g.studentIdMasked,
        schoolLevel: g.schoolLevel,
        schoolLevelLabel: SCHOOL_LEVEL_LABEL[g.schoolLevel],
        schoolName: g.schoolName,
        amountFen: g.amountFen,
        admissionProof: proofs.get(kase.id) ?? [],
        aidId: g.aidRecordId,
        deadline: this.caseViews.deadline(kase),
        history: this.caseViews.history(GRANT, histories.get(kase.id) ?? []),
        actions: this.transitions.actionsOf(actor, GRANT, kase),
      };
    });
  }

  private async loadGrant(manager: EntityManager, actor: Actor, id: number) {
    const grant = await findRow(manager, GrantApplication, { id });
    if (!grant) fail('not_found');
    const { kase, ctx } = await this.transitions.loadVisible(manager, actor, GRANT.caseType, grant.caseId);
    return { grant, kase, ctx };
  }

  async getGrant(actor: Actor, id: number): Promise<GrantApplicationView> {
    const { grant, kase } = await this.loadGrant(this.db.manager, actor, id);
    return this.grantView(this.db.manager, actor, grant, kase);
  }

  /** The worker's own grant applications, newest first, a page at a time. */
  async myGrants(actor: Actor, page: PageQuery): Promise<Page<GrantApplicationView>> {
    const manager = this.db.manager;
    const { rows, nextCursor } = await newestFirst(
      manager.getRepository(GrantApplication).createQueryBuilder('g').where('g.applicantUserId = :me', { me: actor.userId }),
      'g.id',
      page,
    );
    const cases = await this.cases.mapByIds(
      rows.map((g) => g.caseId),
      manager,
    );
    return {
      items: await this.grantViews(
        manager,
        actor,
        rows.map((grant) => ({ grant, kase: cases.get(grant.caseId) as WorkflowCase })),
      ),
      nextCursor,
    };
  }

  /** Approve (spends the budget and creates the aid record), reject, or withdraw a grant application. */
  async grantTransition(actor: Actor, id: number, input: TransitionInput): Promise<GrantApplicationView> {
    const { grant } = await this.loadGrant(this.db.manager, actor, id);
    const kase = await this.transitions.apply(actor, this.process, grant.caseId, input);
    const fresh = await this.db.manager.getRepository(GrantApplication).findOneByOrFail({ id });
    return this.grantView(this.db.manager, actor, fresh, kase);
  }
}
