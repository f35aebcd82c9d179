import { Injectable } from '@nestjs/common';
import {
  AID_TYPE_LABEL,
  aidCeilingFen,
  FILE_CLOSE_REASON_LABEL,
  HARDSHIP_CATEGORY_LABEL,
  type AidType,
  type HardshipFileSummary,
  type HardshipFileView,
  type Page,
  type RecheckFileRequest,
} from '@union/shared';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { mayHandle, whereInScope } from '../../common/case-access';
import { HARDSHIP_STAFF } from './hardship-access';
import { fail } from '../../common/app-exception';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { Db } from '../../database/db.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { AssistanceRecord } from './entities/assistance-record.entity';
import { HardshipApplication } from './entities/hardship-application.entity';
import { HardshipFileEvent } from './entities/hardship-file-event.entity';
import { HardshipFile } from './entities/hardship-file.entity';
import { HouseholdMember } from './entities/household-member.entity';
import { Notifier } from '../notifications/notifier.service';
import { addMonths } from './hardship-steps.service';
import { countyIdOf, HardshipRulesService } from './hardship-rules.service';
import { HardshipViews } from './hardship-views.service';
import { Clock } from '../../common/clock';

/** Filed households (一户一档): the file, its yearly re-check, closing and the follow-up after it (aid: AssistanceRecordsService). */
@Injectable()
export class HardshipFilesService {
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly rules: HardshipRulesService,
    private readonly views: HardshipViews,
    private readonly organizations: OrganizationsService,
    private readonly notifier: Notifier,
  ) {}

  /** The file, if the actor is its household's applicant or staff above it (else 404). */
  async loadVisible(manager: EntityManager, actor: Actor, id: number): Promise<HardshipFile> {
    const file = await manager.getRepository(HardshipFile).findOneBy({ id });
    if (!file || (file.applicantUserId !== actor.userId && !mayHandle(actor, HARDSHIP_STAFF, file.organizationPath))) fail('not_found');
    return file;
  }

  async list(actor: Actor, after: string | undefined, limit: number, status?: 'active' | 'closed'): Promise<Page<HardshipFileSummary>> {
    if (!actor.organization) fail('forbidden');
    const qb = this.db.manager
      .getRepository(HardshipFile)
      .createQueryBuilder('f')
      .orderBy('f.id', 'DESC')
      .take(limit + 1);
    whereInScope(qb, actor, HARDSHIP_STAFF, 'f.organizationPath');
    if (status) qb.andWhere('f.status = :status', { status });
    if (after) qb.andWhere('f.id < :id', { id: decodeCursor<[number]>(after, ['number'])[0] });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return { items: await this.summaries(page), nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null };
  }

  /** List rows for files, with names in one query each for the whole page. */
  private async summaries(page: HardshipFile[]): Promise<HardshipFileSummary[]> {
    const manager = this.db.manager;
    const [apps, orgs] = page.length
      ? await Promise.all([
          manager.getRepository(HardshipApplication).findBy({ id: In(page.map((f) => f.applicationId)) }),
          this.organizations.byIds([...new Set(page.map((f) => f.organizationId))], manager),
        ])
      : [[], []];
    const name = new Map(apps.map((a) => [a.id, a.applicantNameMasked]));
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    return page.map((f) => ({
      id: f.id,
      fileNo: f.fileNo,
      status: f.status,
      category: f.category,
      categoryLabel: HARDSHIP_CATEGORY_LABEL[f.category],
      organizationName: orgName.get(f.organizationId) ?? '',
      applicantNameMasked: name.get(f.applicationId) ?? '',
      filedAt: f.filedAt.toISOString(),
      recheckDueAt: f.recheckDueAt.toISOString(),
    }));
  }

  async view(manager: EntityManager, actor: Actor, file: HardshipFile): Promise<HardshipFileView> {
    const [app, members, records, org, events] = await Promise.all([
      manager.getRepository(HardshipApplication).findOneByOrFail({ id: file.applicationId }),
      this.views.householdMembers(manager, file.applicationId),
      manager.getRepository(AssistanceRecord).find({ where: { fileId: file.id }, order: { id: 'DESC' } }),
      this.organizations.get(file.organizationId, manager),
      manager.getRepository(HardshipFileEvent).find({ where: { fileId: file.id }, order: { id: 'DESC' } }),
    ]);
    const outcomeLabel = { keep: '复核：维持', change_category: '复核：调整类别', close: '关闭档案', follow_up: '退出后回访' } as const;
    const year = Number(this.clock.today().slice(0, 4));
    const used = await this.views.usedThisYear(manager, file.id, year);
    const { rules } = await this.rules.effective(manager, countyIdOf(file.organizationPath), this.clock.now());
    return {
      id: file.id,
      fileNo: file.fileNo,
      status: file.status,
      category: file.category,
      categoryLabel: HARDSHIP_CATEGORY_LABEL[file.category],
      ruleSetVersion: file.ruleSetVersion,
      organization: await this.organizations.view(org, manager),
      applicationId: file.applicationId,
      applicantNameMasked: app.applicantNameMasked,
      members: this.views.members(members),
      filedAt: file.filedAt.toISOString(),
      recheckDueAt: file.recheckDueAt.toISOString(),
      version: file.version,
      closedAt: file.closedAt?.toISOString() ?? null,
      closeReasonLabel: file.closeReason ? FILE_CLOSE_REASON_LABEL[file.closeReason] : null,
      followUpDueAt: file.followUpDueAt?.toISOString() ?? null,
      events: events.map((e) => ({
        id: e.id,
        outcome: e.outcome,
        outcomeLabel: outcomeLabel[e.outcome],
        category: e.category,
        closeReason: e.closeReason,
        note: e.note,
        actorName: e.actorName,
        at: e.createdAt.toISOString(),
      })),
      aid: await this.views.assistance(manager, actor, records, new Map([[file.id, file.fileNo]])),
      thisYear: (Object.keys(AID_TYPE_LABEL) as AidType[]).map((aidType) => ({
        aidType,
        aidTypeLabel: AID_TYPE_LABEL[aidType],
        usedFen: used.get(aidType) ?? 0,
        ceilingFen: aidCeilingFen(rules, file.category, aidType),
      })),
    };
  }

  async get(actor: Actor, id: number): Promise<HardshipFileView> {
    const file = await this.loadVisible(this.db.manager, actor, id);
    return this.view(this.db.manager, actor, file);
  }

  /** The worker's own household files, with aid received and receipts to sign. */
  async mine(actor: Actor): Promise<HardshipFileView[]> {
    const files = await this.db.manager
      .getRepository(HardshipFile)
      .find({ where: { applicantUserId: actor.userId }, order: { id: 'DESC' }, take: 5 });
    const views: HardshipFileView[] = [];
    for (const f of files) views.push(await this.view(this.db.manager, actor, f));
    return views;
  }

  /** Files whose yearly re-check is due within `withinDays`, oldest due first (the grassroots workbench). */
  async recheckDue(actor: Actor, after: string | undefined, limit: number, withinDays = 30): Promise<Page<HardshipFileSummary>> {
    return this.dueList(actor, 'active', 'recheckDueAt', after, limit, withinDays);
  }

  /** Closed files whose follow-up call (about 3 months after closing) is due. */
  async followUpDue(actor: Actor, after: string | undefined, limit: number, withinDays = 30): Promise<Page<HardshipFileSummary>> {
    return this.dueList(actor, 'closed', 'followUpDueAt', after, limit, withinDays);
  }

  private async dueList(
    actor: Actor,
    status: 'active' | 'closed',
    column: 'recheckDueAt' | 'followUpDueAt',
    after: string | undefined,
    limit: number,
    withinDays: number,
  ): Promise<Page<HardshipFileSummary>> {
    if (!actor.organization) fail('forbidden');
    const qb = this.db.manager
      .getRepository(HardshipFile)
      .createQueryBuilder('f')
      .where(`f.status = :status AND f.${column} <= :until`, { status, until: new Date(this.clock.nowMs() + withinDays * 86_400_000) })
      .orderBy(`f.${column}`, 'ASC')
      .addOrderBy('f.id', 'ASC')
      .take(limit + 1);
    whereInScope(qb, actor, HARDSHIP_STAFF, 'f.organizationPath');
    if (after) {
      const [dueIso, id] = decodeCursor<[string, number]>(after, ['string', 'number']);
      const due = new Date(dueIso);
      if (Number.isNaN(due.getTime())) fail('validation_failed', '分页参数无效');
      qb.andWhere(`(f.${column} > :due OR (f.${column} = :due AND f.id > :id))`, { due, id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const lastDue = last?.[column];
    return {
      items: await this.summaries(page),
      nextCursor: rows.length > limit && last && lastDue ? encodeCursor([lastDue.toISOString(), last.id]) : null,
    };
  }

  /**
   * The yearly re-check (动态管理): keep, change the category, or close the file with a reason the
   * worker is told. A closed file frees its people for a new application and gets a follow-up date.
   */
  async recheck(actor: Actor, id: number, body: RecheckFileRequest): Promise<HardshipFileView> {
    if (body.outcome === 'change_category' && !body.category) {
      fail('validation_failed', '请选择新的困难类别', [{ field: 'category', message: '请选择新的困难类别' }]);
    }
    if (body.outcome === 'close' && !body.closeReason) {
      fail('validation_failed', '请选择关闭档案的原因', [{ field: 'closeReason', message: '请选择关闭档案的原因' }]);
    }
    return this.db.transaction(async (manager) => {
      const file = await this.loadVisible(manager, actor, id);
      if (!mayHandle(actor, HARDSHIP_STAFF, file.organizationPath)) fail('not_found');
      if (file.applicantUserId === actor.userId) fail('forbidden', '不能复核本人家庭的档案，请由其他干部办理');
      if (file.version !== body.version) fail('state_conflict');
      if (body.outcome === 'follow_up') return this.recordFollowUp(manager, actor, file, body.note.trim());
      if (file.status !== 'active') fail('action_not_allowed', '档案已关闭');
      const { rules } = await this.rules.effective(manager, countyIdOf(file.organizationPath), this.clock.now());
      const now = this.clock.now();
      const changes: Partial<HardshipFile> =
        body.outcome === 'close'
          ? {
              status: 'closed',
              closedAt: now,
              closeReason: body.closeReason,
              closeNote: body.note.trim(),
              followUpDueAt: addMonths(now, rules.followUpMonths),
            }
          : { recheckDueAt: addMonths(now, rules.recheckMonths), ...(body.category ? { category: body.category } : {}) };
      const result = await manager
        .createQueryBuilder()
        .update(HardshipFile)
        .set({ ...changes, version: file.version + 1 })
        .where('id = :id AND version = :version', { id: file.id, version: file.version })
        .execute();
      if (result.affected !== 1) fail('state_conflict');
      if (body.outcome === 'close') {
        await manager.getRepository(HouseholdMember).update({ applicationId: file.applicationId }, { active: false });
      }
      await manager.getRepository(HardshipFileEvent).insert({
        fileId: file.id,
        outcome: body.outcome,
        category: body.category ?? null,
        closeReason: body.closeReason ?? null,
        note: body.note.trim(),
        actorUserId: actor.userId,
        actorName: actor.displayName,
        createdAt: now,
      });
      await this.notifier.notify(manager, {
        userId: file.applicantUserId,
        title: body.outcome === 'close' ? '困难档案已关闭' : '困难档案年度复核完成',
        body:
          body.outcome === 'close'
            ? `原因：${FILE_CLOSE_REASON_LABEL[body.closeReason as keyof typeof FILE_CLOSE_REASON_LABEL]}。${body.note.trim()}。家庭再遇困难时可以重新申请。`
            : `复核结果：${body.outcome === 'keep' ? '维持' : `调整为${HARDSHIP_CATEGORY_LABEL[body.category as keyof typeof HARDSHIP_CATEGORY_LABEL]}`}。`,
        link: `/pages/hardship/file/index?id=${file.id}`,
        status: body.outcome === 'close' ? '已关闭' : '在档',
      });
      return this.view(manager, actor, await manager.getRepository(HardshipFile).findOneByOrFail({ id: file.id }));
    });
  }

  /** The follow-up call to a closed file's family; the family may apply again at any time. */
  private async recordFollowUp(manager: EntityManager, actor: Actor, file: HardshipFile, note: string): Promise<HardshipFileView> {
    if (file.status !== 'closed' || !file.followUpDueAt) fail('action_not_allowed', '只有已关闭且待回访的档案需要回访');
    const result = await manager
      .createQueryBuilder()
      .update(HardshipFile)
      .set({ followUpDueAt: null, version: file.version + 1 })
      .where('id = :id AND version = :version', { id: file.id, version: file.version })
      .execute();
    if (result.affected !== 1) fail('state_conflict');
    await manager.getRepository(HardshipFileEvent).insert({
      fileId: file.id,
      outcome: 'follow_up',
      category: null,
      closeReason: null,
      note,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      createdAt: this.clock.now(),
    });
    return this.view(manager, actor, await manager.getRepository(HardshipFile).findOneByOrFail({ id: file.id }));
  }
}
