import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  cstDate,
  HARDSHIP_APPLICATION_WORKFLOW,
  HARDSHIP_FILE_WORKFLOW,
  HARDSHIP_CATEGORY_LABEL,
  type HardshipApplicationState,
  type HardshipApplicationView,
  type DemocraticReviewRequest,
  type FileHouseholdRequest,
  type HomeVisitRequest,
  type ResubmitHardshipRequest,
  type ReturnForMaterialRequest,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { UploadsService } from '../uploads/uploads.service';
import { WorkflowCases, type WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService, type StepContext, type TransitionInput } from '../workflow/transition.service';
import { DemocraticReview } from './entities/democratic-review.entity';
import { HardshipApplication } from './entities/hardship-application.entity';
import { HardshipFile } from './entities/hardship-file.entity';
import { HomeVisit } from './entities/home-visit.entity';
import { HouseholdMember } from './entities/household-member.entity';
import { PublicNotice } from './entities/public-notice.entity';
import { HardshipRulesService } from './hardship-rules.service';
import { HardshipViews } from './hardship-views.service';
import { Clock } from '../../common/clock';

const WF = HARDSHIP_APPLICATION_WORKFLOW;
const DAY_MS = 24 * 3600 * 1000;

/** A step's own work, inside the transition's transaction. */
interface StepWork {
  before?: (step: StepContext, app: HardshipApplication) => Promise<{ dueAt?: Date } | void>;
  after?: (step: StepContext, app: HardshipApplication) => Promise<void>;
}

/** Add months to an instant (the calendar day is kept where the month has it). */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** Every step of the procedure goes through here, then through the one transition service. */
@Injectable()
export class HardshipStepsService {
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly cipher: PiiCipher,
    private readonly transitions: TransitionService,
    private readonly rules: HardshipRulesService,
    private readonly views: HardshipViews,
    private readonly uploads: UploadsService,
    private readonly organizations: OrganizationsService,
    private readonly cases: WorkflowCases,
  ) {}

  /** Apply a transition with the procedure's common checks and effects, plus the step's own work. */
  async apply(actor: Actor, id: number, input: TransitionInput, work: StepWork = {}): Promise<HardshipApplicationView> {
    const app = await this.db.manager.getRepository(HardshipApplication).findOneBy({ id });
    if (!app) fail('not_found');
    const { rules } = await this.rules.byId(this.db.manager, app.ruleSetId);
    const kase = await this.transitions.applyLegacy(actor, WF, app.caseId, input, {
      deadlines: rules.deadlines,
      before: async (step) => {
        if (step.action === 'complete_public_notice') await this.checkNoticeFinished(step.manager, app);
        return work.before?.(step, app);
      },
      after: async (step) => {
        const to = step.to as HardshipApplicationState;
        if (to === 'rejected' || to === 'withdrawn') {
          await step.manager.getRepository(HardshipApplication).update({ id: app.id }, { openSelfIdIndex: null });
          await step.manager.getRepository(HouseholdMember).update({ applicationId: app.id }, { active: false });
        }
        await work.after?.(step, app);
      },
      notice: (step) => this.notice(step, app),
    });
    const fresh = await this.db.manager.getRepository(HardshipApplication).findOneByOrFail({ id: app.id });
    return this.views.application(this.db.manager, actor, fresh, kase);
  }

  private notice(step: StepContext, app: HardshipApplication) {
    const to = step.to as HardshipApplicationState;
    const link = `/pages/hardship/application/index?id=${app.id}`;
    const reason = step.input.comment ? `原因：${step.input.comment}` : '';
    const texts: Partial<Record<HardshipApplicationState, { title: string; body: string }>> = {
      needs_material: { title: '帮扶申请需要补充材料', body: `请按清单补充材料后重新提交。${step.input.comment ?? ''}` },
      home_visit: { title: '帮扶申请初审通过', body: '工会干部将在近期上门了解情况，请保持电话畅通。' },
      democratic_review: { title: '入户调查已完成', body: '下一步由工会组织民主评议。' },
      public_notice: { title: '帮扶申请进入公示', body: '评议结果正在公示（姓名和身份证号已遮挡），公示期满无异议后报上级审核。' },
      town_review: { title: '公示结束', body: '您的申请已报乡镇(行业)工会审核。' },
      county_approval: { title: '乡镇(行业)工会审核通过', body: '您的申请已报县总工会审批。' },
      filed: { title: '已建立困难职工档案', body: '县总工会已批准并为您家庭建档，帮扶发放后请在小程序里签收。' },
      rejected: { title: '帮扶申请未通过', body: `${reason}。家庭情况变化后可以重新申请。` },
      withdrawn: { title: '帮扶申请已撤回', body: '需要时可以重新申请。' },
      submitted: { title: '补充材料已提交', body: '基层工会将重新审核。' },
    };
    const text = texts[to] ?? { title: '帮扶申请有新进展', body: WF.states[to].nextStep };
    return { ...text, link };
  }

  private async checkNoticeFinished(manager: EntityManager, app: HardshipApplication): Promise<void> {
    const hold = await this.views.noticeHold(manager, app);
    if (hold) fail(hold.code, hold.message);
  }

  /** 退回补正: the reviewer lists what is missing. */
  returnForMaterial(actor: Actor, id: number, body: ReturnForMaterialRequest): Promise<HardshipApplicationView> {
    const items = body.missingItems.map((i) => i.trim()).filter(Boolean);
    const comment = `${body.comment.trim()}（需补充：${items.join('、')}）`.slice(0, 500);
    return this.apply(
      actor,
      id,
      { action: 'return_for_material', version: body.version, comment },
      {
        after: async (step, app) => {
          await step.manager.getRepository(HardshipApplication).update({ id: app.id }, { missingItems: items });
        },
      },
    );
  }

  /** The worker adds what was missing and sends it back to the grassroots union. */
  resubmit(actor: Actor, id: number, body: ResubmitHardshipRequest): Promise<HardshipApplicationView> {
    if (body.evidenceUploadIds.length === 0 && !body.note?.trim()) {
      fail('validation_failed', '请上传补充的材料或写明情况', [{ field: 'evidenceUploadIds', message: '请上传补充的材料' }]);
    }
    return this.apply(
      actor,
      id,
      { action: 'resubmit', version: body.version, comment: body.note },
      {
        before: async (step) => {
          if (body.evidenceUploadIds.length) await this.uploads.attachToCase(step.manager, actor, body.evidenceUploadIds, step.kase.id);
        },
        after: async (step, app) => {
          await step.manager.getRepository(HardshipApplication).update({ id: app.id }, { missingItems: [] });
        },
      },
    );
  }

  private notInFuture(day: string, field: string) {
    if (Number.isNaN(Date.parse(`${day}T00:00:00+08:00`)) || day > this.clock.today()) {
      fail('validation_failed', '日期不能晚于今天', [{ field, message: '日期不能晚于今天' }]);
    }
  }

  /** 入户调查: visitors, date, findings, photos and the signed form. */
  homeVisit(actor: Actor, id: number, body: HomeVisitRequest): Promise<HardshipApplicationView> {
    this.notInFuture(body.visitedOn, 'visitedOn');
    return this.apply(
      actor,
      id,
      { action: 'record_home_visit', version: body.version },
      {
        before: async (step, app) => {
          const files = [...body.photoUploadIds, ...(body.formUploadId ? [body.formUploadId] : [])];
          if (files.length) await this.uploads.attachToCase(step.manager, actor, files, step.kase.id);
          await step.manager.getRepository(HomeVisit).insert({
            applicationId: app.id,
            visitedOn: body.visitedOn,
            visitors: body.visitors.map((v) => v.trim()),
            findingsEnc: this.cipher.encrypt(body.findings.trim(), piiAad('hardship_home_visits', app.uid, 'findings')),
            matchesDeclaration: body.matchesDeclaration,
            photoUploadIds: body.photoUploadIds,
            formUploadId: body.formUploadId ?? null,
            recordedByUserId: actor.userId,
            createdAt: this.clock.now(),
          });
        },
      },
    );
  }

  /** 民主评议, then the public notice starts at once with a masked text the system writes. */
  democraticReview(actor: Actor, id: number, body: DemocraticReviewRequest): Promise<HardshipApplicationView> {
    this.notInFuture(body.meetingOn, 'meetingOn');
    const total = body.votesFor + body.votesAgainst + body.abstentions;
    if (total > body.attendees.length) {
      fail('validation_failed', '票数不能多于参会人数', [{ field: 'votesFor', message: '票数不能多于参会人数' }]);
    }
    if (body.votesFor * 2 <= total) {
      fail('action_not_allowed', '评议未获过半数同意：请用“不予通过”并写明原因，不能进入公示');
    }
    return this.apply(
      actor,
      id,
      { action: 'record_democratic_review', version: body.version, comment: body.comment },
      {
        before: async (step, app) => {
          if (body.minutesUploadId) await this.uploads.attachToCase(step.manager, actor, [body.minutesUploadId], step.kase.id);
          await step.manager.getRepository(DemocraticReview).insert({
            applicationId: app.id,
            meetingOn: body.meetingOn,
            attendees: body.attendees.map((a) => a.trim()),
            votesFor: body.votesFor,
            votesAgainst: body.votesAgainst,
            abstentions: body.abstentions,
            minutesUploadId: body.minutesUploadId ?? null,
            recordedByUserId: actor.userId,
            createdAt: this.clock.now(),
          });
          const { rules } = await this.rules.byId(step.manager, app.ruleSetId);
          const startsAt = this.clock.now();
          const endsAt = new Date(startsAt.getTime() + rules.publicNoticeDays * DAY_MS);
          const org = await this.organizations.get(step.kase.organizationId, step.manager);
          const category = app.assessment.category ? HARDSHIP_CATEGORY_LABEL[app.assessment.category] : '困难';
          const self = await step.manager.getRepository(HouseholdMember).findOneByOrFail({ applicationId: app.id, relation: 'self' });
          const content =
            `经本人申请、入户调查和民主评议，拟将 ${self.nameMasked}（身份证 ${self.idNumberMasked}）家庭（${app.householdSize} 人）` +
            `认定为${category}职工家庭。公示期 ${cstDate(startsAt)} 至 ${cstDate(new Date(endsAt.getTime() - 1))}，` +
            `如有异议，请向${org.name}反映，或在小程序中提出。`;
          await step.manager.getRepository(PublicNotice).insert({
            applicationId: app.id,
            organizationPath: step.kase.organizationPath,
            startsAt,
            endsAt,
            content,
            createdAt: startsAt,
          });
          return { dueAt: endsAt };
        },
      },
    );
  }

  /** 批准并建档: the county files the household with its category and the rule version. */
  fileHousehold(actor: Actor, id: number, body: FileHouseholdRequest): Promise<HardshipApplicationView> {
    return this.apply(
      actor,
      id,
      { action: 'approve_and_file', version: body.version, comment: body.comment },
      {
        after: async (step, app) => {
          const { rules } = await this.rules.byId(step.manager, app.ruleSetId);
          const repo = step.manager.getRepository(HardshipFile);
          const now = this.clock.now();
          const kase = step.kase as WorkflowCase;
          // The file's life after filing is its own case, due for its first yearly re-check.
          const fileCase = await this.transitions.open(step.manager, HARDSHIP_FILE_WORKFLOW, {
            actor: step.actor,
            organization: await this.organizations.get(kase.organizationId, step.manager),
            applicantUserId: app.applicantUserId,
            title: '困难档案',
            dueAt: addMonths(now, rules.recheckMonths),
            applicant: { nameMasked: app.applicantNameMasked },
          });
          const file = await repo.save(
            repo.create({
              caseId: fileCase.id,
              // A unique placeholder until the id gives the real number just below.
              fileNo: `T${randomUUID().replace(/-/g, '').slice(0, 19)}`,
              applicationId: app.id,
              applicantUserId: app.applicantUserId,
              organizationId: kase.organizationId,
              organizationPath: kase.organizationPath,
              category: body.category,
              ruleSetId: app.ruleSetId,
              ruleSetVersion: app.ruleSetVersion,
              filedAt: now,
              closeReason: null,
            }),
          );
          const fileNo = `KN${cstDate(now).slice(0, 4)}${String(file.id).padStart(5, '0')}`;
          await repo.update({ id: file.id }, { fileNo });
          await this.transitions.attachSubject(step.manager, fileCase, file.id);
          await this.cases.place(step.manager, fileCase.id, { title: `困难档案 ${fileNo}` });
          await step.manager.getRepository(HardshipApplication).update({ id: app.id }, { fileId: file.id, openSelfIdIndex: null });
        },
      },
    );
  }
}
