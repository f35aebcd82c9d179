import { Injectable } from '@nestjs/common';
import {
  type HardshipApplicationView,
  type DemocraticReviewRequest,
  type FileHouseholdRequest,
  type HomeVisitRequest,
  type ResubmitHardshipRequest,
  type ReturnForMaterialRequest,
} from '@union/shared';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService, type TransitionInput } from '../workflow/transition.service';
import { HardshipApplication } from './entities/hardship-application.entity';
import { HardshipApplicationProcess, missingItemsOf } from './hardship-application.process';
import { HardshipViews } from './hardship-views.service';
import { Clock } from '../../common/clock';
import { findRow } from '../../database/plain-reads';

/**
 * Every step of the procedure goes through here, then through the one transition service and the
 * application's registered process (which does each step's own work); here, what the forms are
 * checked for before the step, and the application as it is after.
 */
@Injectable()
export class HardshipStepsService {
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly transitions: TransitionService,
    private readonly views: HardshipViews,
    private readonly process: HardshipApplicationProcess,
  ) {}

  /** A step on the application's case, answered with the application as it is after. */
  private async step(actor: Actor, id: number, apply: (caseId: number) => Promise<WorkflowCase>): Promise<HardshipApplicationView> {
    const app = await findRow(this.db.manager, HardshipApplication, { id });
    if (!app) fail('not_found');
    const kase = await apply(app.caseId);
    const fresh = await this.db.manager.getRepository(HardshipApplication).findOneByOrFail({ id: app.id });
    return this.views.application(this.db.manager, actor, fresh, kase);
  }

  /** Plain steps (no form): initial review passed, notice completed, town review, rejections, withdrawal. */
  transition(actor: Actor, id: number, input: TransitionInput): Promise<HardshipApplicationView> {
    return this.step(actor, id, (caseId) => this.transitions.apply(actor, this.process, caseId, input));
  }

  /** 退回补正: the reviewer lists what is missing. */
  returnForMaterial(actor: Actor, id: number, body: ReturnForMaterialRequest): Promise<HardshipApplicationView> {
    const comment = `${body.comment.trim()}（需补充：${missingItemsOf(body).join('、')}）`.slice(0, 500);
    return this.step(actor, id, (caseId) =>
      this.transitions.apply(actor, this.process, caseId, { action: 'return_for_material', version: body.version, comment }, body),
    );
  }

  /** The worker adds what was missing and sends it back to the grassroots union. */
  resubmit(actor: Actor, id: number, body: ResubmitHardshipRequest): Promise<HardshipApplicationView> {
    if (body.evidenceUploadIds.length === 0 && !body.note?.trim()) {
      fail('validation_failed', '请上传补充的材料或写明情况', [{ field: 'evidenceUploadIds', message: '请上传补充的材料' }]);
    }
    return this.step(actor, id, (caseId) =>
      this.transitions.apply(actor, this.process, caseId, { action: 'resubmit', version: body.version, comment: body.note }, body),
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
    return this.step(actor, id, (caseId) =>
      this.transitions.apply(actor, this.process, caseId, { action: 'record_home_visit', version: body.version }, body),
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
    return this.step(actor, id, (caseId) =>
      this.transitions.apply(
        actor,
        this.process,
        caseId,
        { action: 'record_democratic_review', version: body.version, comment: body.comment },
        body,
      ),
    );
  }

  /** 批准并建档: the county files the household with its category and the rule version. */
  fileHousehold(actor: Actor, id: number, body: FileHouseholdRequest): Promise<HardshipApplicationView> {
    return this.step(actor, id, (caseId) =>
      this.transitions.apply(
        actor,
        this.process,
        caseId,
        { action: 'approve_and_file', version: body.version, comment: body.comment },
        body,
      ),
    );
  }
}
