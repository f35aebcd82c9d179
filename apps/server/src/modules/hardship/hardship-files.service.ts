import { Injectable } from '@nestjs/common';
import {
  AID_TYPE_LABEL,
  aidCeilingFen,
  FILE_CLOSE_REASON_LABEL,
  HARDSHIP_CATEGORY_LABEL,
  HARDSHIP_FILE_WORKFLOW,
  type AidType,
  isAction,
  type HardshipFileAction,
  type HardshipFileState,
  type HardshipFileSummary,
  type HardshipFileView,
  type HardshipRules,
  type OrganizationView,
  type Page,
  type PageQuery,
  type RecheckFileRequest,
} from '@union/shared';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { mayHandle, whereInScope } from '../../common/case-access';
import { HARDSHIP_STAFF } from './hardship-access';
import { fail } from '../../common/app-exception';
import { decodeCursor, encodeCursor, newestFirst } from '../../common/cursor';
import { TransitionService } from '../workflow/transition.service';
import { WorkflowCases, type WorkflowCase } from '../workflow/workflow-cases.service';
import { Db } from '../../database/db.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { AssistanceRecord } from './entities/assistance-record.entity';
import { HardshipApplication } from './entities/hardship-application.entity';
import { HardshipFile } from './entities/hardship-file.entity';
import { HouseholdMember } from './entities/household-member.entity';
import { HardshipRulesService } from './hardship-rules.service';
import { changeOf, HardshipFileProcess } from './hardship-file.process';
import { HardshipViews } from './hardship-views.service';
import { Clock } from '../../common/clock';
import { findRow } from '../../database/plain-reads';

const WF = HARDSHIP_FILE_WORKFLOW;

/** The file's status as lists show it: in the file while its case is active, closed after. */
const statusOf = (state: string) => (state === 'active' ? 'active' : 'closed');

/**
 * Filed households (一户一档): the file, and its life after filing as its workflow case (the yearly
 * re-check, closing, the follow-up after it), stepped by the one TransitionService (aid:
 * AssistanceRecordsService).
 */
@Injectable()
export class HardshipFilesService {
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly rules: HardshipRulesService,
    private readonly views: HardshipViews,
    private readonly organizations: OrganizationsService,
    private readonly transitions: TransitionService,
    private readonly cases: WorkflowCases,
    private readonly process: HardshipFileProcess,
  ) {}

  /** The file's case (its state, version and next due instant). */
  async caseOf(manager: EntityManager, file: HardshipFile): Promise<WorkflowCase> {
    return this.cases.get(file.caseId, manager);
  }

  /** The file, if the actor is its household's applicant or staff above it (else 404). */
  async loadVisible(manager: EntityManager, actor: Actor, id: number): Promise<HardshipFile> {
    const file = await findRow(manager, HardshipFile, { id });
    if (!file || (file.applicantUserId !== actor.userId && !mayHandle(actor, HARDSHIP_STAFF, file.organizationPath))) fail('not_found');
    return file;
  }

  async list(actor: Actor, after: string | undefined, limit: number, status?: 'active' | 'closed'): Promise<Page<HardshipFileSummary>> {
    if (!actor.organization) fail('forbidden');
    const qb = this.db.manager
      .getRepository(HardshipFile)
      .createQueryBuilder('f')
      .orderBy('f.id', 'DESC')
      .limit(limit + 1);
    whereInScope(qb, actor, HARDSHIP_STAFF, 'f.organizationPath');
    if (status) {
      this.cases.joinCase(qb, 'f', 'c');
      qb.andWhere(status === 'active' ? "c.state = 'active'" : "c.state <> 'active'");
    }
    if (after) qb.andWhere('f.id < :id', { id: decodeCursor<[number]>(after, ['number'])[0] });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return { items: await this.summaries(page), nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null };
  }

  /** List rows for files, with names in one query each for the whole page. */
  private async summaries(page: HardshipFile[], known?: Map<number, WorkflowCase>): Promise<HardshipFileSummary[]> {
    const manager = this.db.manager;
    const [apps, orgs, cases] = page.length
      ? await Promise.all([
          manager.getRepository(HardshipApplication).findBy({ id: In(page.map((f) => f.applicationId)) }),
          this.organizations.byIds([...new Set(page.map((f) => f.organizationId))], manager),
          known ??
            this.cases.mapByIds(
              page.map((f) => f.caseId),
              manager,
            ),
        ])
      : [[], [], new Map<number, WorkflowCase>()];
    const name = new Map(apps.map((a) => [a.id, a.applicantNameMasked]));
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    return page.map((f) => {
      const kase = cases.get(f.caseId);
      return {
        id: f.id,
        fileNo: f.fileNo,
        status: statusOf(kase?.state ?? 'active'),
        category: f.category,
        categoryLabel: HARDSHIP_CATEGORY_LABEL[f.category],
        organizationName: orgName.get(f.organizationId) ?? '',
        applicantNameMasked: name.get(f.applicationId) ?? '',
        filedAt: f.filedAt.toISOString(),
        recheckDueAt: kase?.state === 'active' ? (kase.dueAt?.toISOString() ?? null) : null,
      };
    });
  }

  async view(manager: EntityManager, actor: Actor, file: HardshipFile): Promise<HardshipFileView> {
    return (await this.fileViews(manager, actor, [file]))[0];
  }

  /**
   * Views of several files, in one query each for their applications, people, aid records, this
   * year's totals, organisations, cases and histories (and the rules in force, once per county).
   */
  private async fileViews(manager: EntityManager, actor: Actor, files: HardshipFile[]): Promise<HardshipFileView[]> {
    if (files.length === 0) return [];
    const now = this.clock.now();
    const year = Number(this.clock.today().slice(0, 4));
    const fileIds = files.map((f) => f.id);
    const applicationIds = [...new Set(files.map((f) => f.applicationId))];
    const [apps, members, records, orgs, cases, used] = await Promise.all([
      manager.getRepository(HardshipApplication).findBy({ id: In(applicationIds) }),
      manager.getRepository(HouseholdMember).find({ where: { applicationId: In(applicationIds) }, order: { id: 'ASC' } }),
      manager.getRepository(AssistanceRecord).find({ where: { fileId: In(fileIds) }, order: { id: 'DESC' } }),
      this.organizations.byIds([...new Set(files.map((f) => f.organizationId))], manager),
      this.cases.mapByIds(
        files.map((f) => f.caseId),
        manager,
      ),
      this.usedThisYear(manager, fileIds, year),
    ]);
    const countyOf = await this.organizations.countiesOf(
      files.map((f) => f.organizationPath),
      manager,
    );
    const counties = [...new Set([...countyOf.values()].map((c) => c.id))];
    const [orgViews, histories, aid, rules] = await Promise.all([
      this.organizations.views(orgs, manager),
      this.transitions.historyOf(manager, [...cases.keys()]),
      this.views.assistance(manager, actor, records, new Map(files.map((f) => [f.id, f.fileNo]))),
      Promise.all(counties.map(async (county) => [county, (await this.rules.effective(manager, county, now)).rules] as const)),
    ]);
    const appById = new Map(apps.map((a) => [a.id, a]));
    const orgById = new Map(orgViews.map((o) => [o.id, o]));
    const rulesOf = new Map(rules);
    return files.map((file) => {
      const app = appById.get(file.applicationId) as HardshipApplication;
      const kase = cases.get(file.caseId) as WorkflowCase;
      const history = histories.get(kase.id) ?? [];
      const closing = history.filter((h) => h.action === 'close').at(-1);
      const state = kase.state as HardshipFileState;
      const ceilings = rulesOf.get(countyOf.get(file.organizationPath)?.id as number) as HardshipRules;
      return {
        id: file.id,
        caseId: kase.id,
        fileNo: file.fileNo,
        status: statusOf(state),
        state,
        stateLabel: WF.states[state].label,
        category: file.category,
        categoryLabel: HARDSHIP_CATEGORY_LABEL[file.category],
        ruleSetVersion: file.ruleSetVersion,
        organization: orgById.get(file.organizationId) as OrganizationView,
        applicationId: file.applicationId,
        applicantNameMasked: app.applicantNameMasked,
        members: this.views.members(members.filter((m) => m.applicationId === file.applicationId)),
        filedAt: file.filedAt.toISOString(),
        recheckDueAt: state === 'active' ? (kase.dueAt?.toISOString() ?? null) : null,
        version: kase.version,
        closedAt: closing?.createdAt.toISOString() ?? null,
        closeReasonLabel: file.closeReason ? FILE_CLOSE_REASON_LABEL[file.closeReason] : null,
        followUpDueAt: state === 'exited' ? (kase.dueAt?.toISOString() ?? null) : null,
        events: history
          // Every step after filing (not the filing itself), named as the table names it.
          .filter((h): h is typeof h & { action: HardshipFileAction } => isAction(WF, h.action))
          .map((h) => ({
            id: h.id,
            outcome: h.action,
            outcomeLabel: WF.transitions[h.action].label,
            note: h.comment ?? '',
            actorName: h.actorName,
            at: h.createdAt.toISOString(),
          })),
        actions: this.transitions.actionsOf(actor, WF, kase),
        aid: aid.filter((r) => r.fileId === file.id),
        thisYear: (Object.keys(AID_TYPE_LABEL) as AidType[]).map((aidType) => ({
          aidType,
          aidTypeLabel: AID_TYPE_LABEL[aidType],
          usedFen: used.get(file.id)?.get(aidType) ?? 0,
          ceilingFen: aidCeilingFen(ceilings, file.category, aidType),
        })),
      };
    });
  }

  /** Amounts approved (not cancelled) in `year` per file and aid type, in one query. */
  private async usedThisYear(manager: EntityManager, fileIds: number[], year: number): Promise<Map<number, Map<AidType, number>>> {
    const rows = await this.cases
      .joinCase(manager.createQueryBuilder(AssistanceRecord, 'r'), 'r', 'c')
      .select('r.fileId', 'fileId')
      .addSelect('r.aidType', 'aidType')
      .addSelect('SUM(r.amountFen)', 'total')
      .where('r.fileId IN (:...fileIds) AND r.year = :year AND c.state <> :cancelled', { fileIds, year, cancelled: 'cancelled' })
      .groupBy('r.fileId')
      .addGroupBy('r.aidType')
      .getRawMany<{ fileId: number | string; aidType: AidType; total: string | number }>();
    const result = new Map<number, Map<AidType, number>>();
    for (const r of rows) {
      const own = result.get(Number(r.fileId)) ?? new Map<AidType, number>();
      own.set(r.aidType, Number(r.total));
      result.set(Number(r.fileId), own);
    }
    return result;
  }

  async get(actor: Actor, id: number): Promise<HardshipFileView> {
    const file = await this.loadVisible(this.db.manager, actor, id);
    return this.view(this.db.manager, actor, file);
  }

  /** The worker's own household files, with aid received and receipts to sign, newest first, a page at a time. */
  async mine(actor: Actor, page: PageQuery): Promise<Page<HardshipFileView>> {
    const manager = this.db.manager;
    const { rows, nextCursor } = await newestFirst(
      manager.getRepository(HardshipFile).createQueryBuilder('f').where('f.applicantUserId = :me', { me: actor.userId }),
      'f.id',
      page,
    );
    return { items: await this.fileViews(manager, actor, rows), nextCursor };
  }

  /** Files whose yearly re-check is due within `withinDays`, oldest due first (the grassroots workbench). */
  async recheckDue(actor: Actor, after: string | undefined, limit: number, withinDays = 30): Promise<Page<HardshipFileSummary>> {
    return this.dueList(actor, 'active', after, limit, withinDays);
  }

  /** Closed files whose follow-up call (about 3 months after closing) is due. */
  async followUpDue(actor: Actor, after: string | undefined, limit: number, withinDays = 30): Promise<Page<HardshipFileSummary>> {
    return this.dueList(actor, 'exited', after, limit, withinDays);
  }

  /** Files whose case is in `state` and due within `withinDays`, soonest first (the case's due instant). */
  private async dueList(
    actor: Actor,
    state: HardshipFileState,
    after: string | undefined,
    limit: number,
    withinDays: number,
  ): Promise<Page<HardshipFileSummary>> {
    if (!actor.organization) fail('forbidden');
    const qb = this.cases
      .joinCase(this.db.manager.getRepository(HardshipFile).createQueryBuilder('f'), 'f', 'c')
      .where('c.caseType = :type AND c.state = :state AND c.dueAt <= :until', {
        type: WF.caseType,
        state,
        until: new Date(this.clock.nowMs() + withinDays * 86_400_000),
      })
      .orderBy('c.dueAt', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .limit(limit + 1);
    whereInScope(qb, actor, HARDSHIP_STAFF, 'f.organizationPath');
    if (after) {
      const [dueIso, id] = decodeCursor<[string, number]>(after, ['string', 'number']);
      const due = new Date(dueIso);
      if (Number.isNaN(due.getTime())) fail('validation_failed', '分页参数无效');
      qb.andWhere('(c.dueAt > :due OR (c.dueAt = :due AND f.id > :id))', { due, id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const cases = await this.cases.mapByIds(
      page.map((f) => f.caseId),
      this.db.manager,
    );
    const last = page[page.length - 1];
    const lastDue = last ? cases.get(last.caseId)?.dueAt : null;
    return {
      items: await this.summaries(page, cases),
      nextCursor: rows.length > limit && last && lastDue ? encodeCursor([lastDue.toISOString(), last.id]) : null,
    };
  }

  /**
   * The yearly re-check (动态管理): keep, change the category, or close the file with a reason the
   * worker is told; after closing, the follow-up call. Each is a step of the file's case, so the
   * one compare-and-set on its version decides between two cadres at once. A closed file frees its
   * people for a new application; the case is then due for the follow-up.
   */
  async recheck(actor: Actor, id: number, body: RecheckFileRequest): Promise<HardshipFileView> {
    if (body.outcome === 'change_category' && !body.category) {
      fail('validation_failed', '请选择新的困难类别', [{ field: 'category', message: '请选择新的困难类别' }]);
    }
    if (body.outcome === 'close' && !body.closeReason) {
      fail('validation_failed', '请选择关闭档案的原因', [{ field: 'closeReason', message: '请选择关闭档案的原因' }]);
    }
    const file = await this.loadVisible(this.db.manager, actor, id);
    if (!mayHandle(actor, HARDSHIP_STAFF, file.organizationPath)) fail('not_found');
    if (file.applicantUserId === actor.userId) fail('forbidden', '不能复核本人家庭的档案，请由其他干部办理');
    const note = body.note.trim();
    const { category, reason } = changeOf(body.outcome, body);
    // The record of re-checks says what changed in the step's own words.
    const comment = category
      ? `调整为${HARDSHIP_CATEGORY_LABEL[category]}：${note}`
      : reason
        ? `${FILE_CLOSE_REASON_LABEL[reason]}：${note}`
        : note;
    await this.transitions.apply(actor, this.process, file.caseId, { action: body.outcome, version: body.version, comment }, body);
    return this.get(actor, id);
  }
}
