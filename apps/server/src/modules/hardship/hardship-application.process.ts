import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  cstDate,
  HARDSHIP_APPLICATION_WORKFLOW,
  HARDSHIP_CATEGORY_LABEL,
  HARDSHIP_FILE_WORKFLOW,
  startOfCstDay,
  type DemocraticReviewRequest,
  type FileHouseholdRequest,
  type HardshipApplicationAction,
  type HardshipApplicationState,
  type HomeVisitRequest,
  type ResubmitHardshipRequest,
  type ReturnForMaterialRequest,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import { OrganizationsService } from '../organizations/organizations.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { UploadsService } from '../uploads/uploads.service';
import type { CaseNotice, CaseProcess, StepContext } from '../workflow/case-process';
import { TransitionService } from '../workflow/transition.service';
import { WorkflowCases, type WorkflowCase } from '../workflow/workflow-cases.service';
import { DemocraticReview } from './entities/democratic-review.entity';
import { HardshipApplication } from './entities/hardship-application.entity';
import { HardshipFile } from './entities/hardship-file.entity';
import { HomeVisit } from './entities/home-visit.entity';
import { HouseholdMember } from './entities/household-member.entity';
import { NoticesService } from '../notices/notices.service';
import { HardshipRulesService } from './hardship-rules.service';
import { HardshipViews } from './hardship-views.service';

const WF = HARDSHIP_APPLICATION_WORKFLOW;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Add months to an instant, on China's calendar (deadlines are counted in CST): the same time on the
 * same day of the month, or on the month's last day when it has no such day (31 January + 1 month
 * is 28 or 29 February, not 3 March).
 */
export function addMonths(at: Date, months: number): Date {
  const day = cstDate(at);
  const [year, month, date] = day.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDate = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(date, lastDate));
  const timeOfDay = at.getTime() - startOfCstDay(day).getTime();
  return new Date(startOfCstDay(first.toISOString().slice(0, 10)).getTime() + timeOfDay);
}

/** What the reviewer listed as missing, without blanks. */
export const missingItemsOf = (body: ReturnForMaterialRequest) => body.missingItems.map((i) => i.trim()).filter(Boolean);

/** The form each step of a hardship application records. */
export interface HardshipApplicationPayloads {
  return_for_material: ReturnForMaterialRequest;
  resubmit: ResubmitHardshipRequest;
  record_home_visit: HomeVisitRequest;
  record_democratic_review: DemocraticReviewRequest;
  approve_and_file: FileHouseholdRequest;
}

type Step = StepContext<HardshipApplicationState, HardshipApplication>;
type Process = CaseProcess<HardshipApplicationState, HardshipApplicationAction, HardshipApplication, HardshipApplicationPayloads>;

/** The assistance procedure's part of each step: the forms it records, the notice, the file on approval. */
@Injectable()
export class HardshipApplicationProcess implements Process, OnModuleInit {
  readonly def = WF;

  constructor(
    private readonly clock: Clock,
    private readonly cipher: PiiCipher,
    private readonly transitions: TransitionService,
    private readonly rules: HardshipRulesService,
    private readonly views: HardshipViews,
    private readonly uploads: UploadsService,
    private readonly organizations: OrganizationsService,
    private readonly cases: WorkflowCases,
    private readonly notices: NoticesService,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<HardshipApplication> {
    return manager.getRepository(HardshipApplication).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  /** The deadlines of the rule set the application was made under. */
  async deadlines(manager: EntityManager, app: HardshipApplication): Promise<Readonly<Record<string, number>>> {
    return (await this.rules.byId(manager, app.ruleSetId)).rules.deadlines;
  }

  /** A rejected or withdrawn application frees its people for a new one. */
  async after({ manager, to, subject: app }: Step): Promise<void> {
    if (to === 'rejected' || to === 'withdrawn') {
      await manager.getRepository(HardshipApplication).update({ id: app.id }, { openSelfIdIndex: null });
      await manager.getRepository(HouseholdMember).update({ applicationId: app.id }, { active: false });
    }
  }

  readonly steps: Process['steps'] = {
    /** 退回补正: the reviewer lists what is missing. */
    return_for_material: {
      after: async ({ manager, subject: app }, body) => {
        await manager.getRepository(HardshipApplication).update({ id: app.id }, { missingItems: missingItemsOf(body) });
      },
    },
    /** The worker adds what was missing and sends it back to the grassroots union. */
    resubmit: {
      before: async ({ manager, actor, kase }, body) => {
        if (body.evidenceUploadIds.length) await this.uploads.attachToCase(manager, actor, body.evidenceUploadIds, kase.id);
      },
      after: async ({ manager, subject: app }) => {
        await manager.getRepository(HardshipApplication).update({ id: app.id }, { missingItems: [] });
      },
    },
    /** 入户调查: visitors, date, findings, photos and the signed form. */
    record_home_visit: { before: (step, body) => this.homeVisit(step, body) },
    /** 民主评议, then the public notice starts at once with a masked text the system writes. */
    record_democratic_review: { before: (step, body) => this.democraticReview(step, body) },
    /** Only once the notice has ended and its objections are resolved. */
    complete_public_notice: {
      before: async ({ manager, subject: app }) => {
        const hold = await this.views.noticeHold(manager, app);
        if (hold) fail(hold.code, hold.message);
      },
    },
    /** 批准并建档: the county files the household with its category and the rule version. */
    approve_and_file: { after: (step, body) => this.fileHousehold(step, body) },
  };

  notice({ to, input, subject: app }: Step): CaseNotice {
    const reason = input.comment ? `原因：${input.comment}` : '';
    const texts: Partial<Record<HardshipApplicationState, { title: string; body: string }>> = {
      needs_material: { title: '帮扶申请需要补充材料', body: `请按清单补充材料后重新提交。${input.comment ?? ''}` },
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
    return { ...text, link: `/pages/hardship/application/index?id=${app.id}` };
  }

  private async homeVisit({ manager, actor, kase, subject: app }: Step, body: HomeVisitRequest): Promise<void> {
    const files = [...body.photoUploadIds, ...(body.formUploadId ? [body.formUploadId] : [])];
    if (files.length) await this.uploads.attachToCase(manager, actor, files, kase.id);
    await manager.getRepository(HomeVisit).insert({
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
  }

  private async democraticReview({ manager, actor, kase, subject: app }: Step, body: DemocraticReviewRequest): Promise<{ dueAt: Date }> {
    if (body.minutesUploadId) await this.uploads.attachToCase(manager, actor, [body.minutesUploadId], kase.id);
    await manager.getRepository(DemocraticReview).insert({
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
    const { rules } = await this.rules.byId(manager, app.ruleSetId);
    const startsAt = this.clock.now();
    const endsAt = new Date(startsAt.getTime() + rules.publicNoticeDays * DAY_MS);
    const org = await this.organizations.get(kase.organizationId, manager);
    const category = app.assessment.category ? HARDSHIP_CATEGORY_LABEL[app.assessment.category] : '困难';
    const self = await manager.getRepository(HouseholdMember).findOneByOrFail({ applicationId: app.id, relation: 'self' });
    const content =
      `经本人申请、入户调查和民主评议，拟将 ${self.nameMasked}（身份证 ${self.idNumberMasked}）家庭（${app.householdSize} 人）` +
      `认定为${category}职工家庭。公示期 ${cstDate(startsAt)} 至 ${cstDate(new Date(endsAt.getTime() - 1))}，` +
      `如有异议，请向${org.name}反映，或在小程序中提出。`;
    await this.notices.start(manager, kase, { startsAt, endsAt, content });
    return { dueAt: endsAt };
  }

  private async fileHousehold({ manager, actor, kase, subject: app }: Step, body: FileHouseholdRequest): Promise<void> {
    const { rules } = await this.rules.byId(manager, app.ruleSetId);
    const repo = manager.getRepository(HardshipFile);
    const now = this.clock.now();
    // The file's life after filing is its own case, due for its first yearly re-check.
    const fileCase = await this.transitions.open(manager, HARDSHIP_FILE_WORKFLOW, {
      actor,
      organization: await this.organizations.get(kase.organizationId, manager),
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
    await this.transitions.attachSubject(manager, fileCase, file.id);
    await this.cases.place(manager, fileCase.id, { title: `困难档案 ${fileNo}` });
    await manager.getRepository(HardshipApplication).update({ id: app.id }, { fileId: file.id, openSelfIdIndex: null });
  }
}
