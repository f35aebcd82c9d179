import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  LEGAL_AID_WORKFLOW,
  type AcceptLegalAidRequest,
  type CloseLegalAidRequest,
  type LegalAidAction,
  type LegalAidCaseDates,
  type LegalAidStageRequest,
  type LegalAidState,
  type RejectLegalAidRequest,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { mayBeAssigned } from '../../common/case-access';
import { Clock } from '../../common/clock';
import { UploadsService } from '../uploads/uploads.service';
import type { CaseNotice, CaseProcess, StepContext, StepWork } from '../workflow/case-process';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { LegalAidApplication, LegalAidStageRecord } from './entities/legal-aid-application.entity';
import { withForm } from './form-step';
import { DATE_FIELDS } from './legal-aid.helpers';
import { LegalAidClocks } from './legal-aid-clocks.service';
import { LegalRulesService } from './legal-rules.service';
import { LegalScheduleService } from './legal-schedule.service';

const WF = LEGAL_AID_WORKFLOW;
export const legalAidLink = (id: number) => `/pages/legal/case/index?id=${id}`;

/** The form each step of a legal-aid application records; withdrawing records none. */
export interface LegalAidPayloads {
  accept: AcceptLegalAidRequest;
  reject: RejectLegalAidRequest;
  start_negotiation: LegalAidStageRequest;
  start_mediation: LegalAidStageRequest;
  start_arbitration: LegalAidStageRequest;
  start_litigation: LegalAidStageRequest;
  close: CloseLegalAidRequest;
}

type Step = StepContext<LegalAidState, LegalAidApplication>;
type Steps = CaseProcess<LegalAidState, LegalAidAction, LegalAidApplication, LegalAidPayloads>['steps'];

/** Every step of legal aid but withdrawing records a form on its own endpoint; as a plain step it is refused. */
const refuse = () => fail('action_not_allowed');

/**
 * What each step of a legal-aid application records: the centre's decision (a lawyer of the centre,
 * or the reason and where else to go), the stages with their dates and documents, and closing with
 * the outcome and the money recovered; the statutory clock follows.
 */
@Injectable()
export class LegalAidProcess implements CaseProcess<LegalAidState, LegalAidAction, LegalAidApplication, LegalAidPayloads>, OnModuleInit {
  readonly def = WF;

  constructor(
    private readonly transitions: TransitionService,
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
    private readonly uploads: UploadsService,
    private readonly legalRules: LegalRulesService,
    private readonly schedule: LegalScheduleService,
    private readonly clocks: LegalAidClocks,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<LegalAidApplication> {
    return manager.getRepository(LegalAidApplication).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  /** The lawyer moves the case into a stage, with its start date, dates and documents. */
  private readonly stage: StepWork<LegalAidState, LegalAidApplication, LegalAidStageRequest> = withForm(refuse, {
    before: ({ manager, actor, kase, subject, action, to }, body) =>
      this.recordStage(manager, actor, subject, action.replace('start_', ''), body.startedOn, body, kase.id, to, true),
    notice: ({ to, subject }, body) => ({
      title: `案件进入${WF.states[to].label.replace('中', '')}阶段`,
      body: body.note?.trim() || WF.states[to].nextStep,
      link: legalAidLink(subject.id),
    }),
  });

  readonly steps: Steps = {
    /** The centre gives aid and assigns a lawyer of the centre. */
    accept: withForm(refuse, {
      before: async ({ manager, kase }, body) => {
        const lawyer = (await this.schedule.lawyers(manager)).find((u) => u.id === body.lawyerUserId);
        // The lawyer's organisation must contain the case's, or the lawyer could not see the case given to them.
        if (!lawyer || !mayBeAssigned(lawyer, kase)) {
          fail('validation_failed', '请选择本中心的律师', [{ field: 'lawyerUserId', message: '请选择本中心的律师' }]);
        }
        await this.cases.place(manager, kase.id, { assigneeUserId: lawyer.id });
        kase.assigneeUserId = lawyer.id;
      },
      notice: ({ subject }) => ({
        title: '法律援助申请已受理',
        body: '中心决定给予法律援助，承办律师会尽快联系您。',
        link: legalAidLink(subject.id),
      }),
    }),
    /** The centre refuses, in writing, with the reason and where else to go. */
    reject: withForm(refuse, {
      before: async ({ manager, kase, subject }, body) => {
        const { rules } = await this.legalRules.effectiveFor(manager, this.clock.now(), kase.organizationPath);
        const changes = { decisionReason: body.reason.trim(), otherHelp: body.otherHelp?.trim() || rules.otherHelp, nextClockDueOn: null };
        await manager.getRepository(LegalAidApplication).update({ id: subject.id }, changes);
        Object.assign(subject, changes);
      },
      notice: ({ subject }, body) => ({
        title: '法律援助申请未获批准',
        body: `理由：${body.reason.trim()}。${subject.otherHelp}`,
        link: legalAidLink(subject.id),
      }),
    }),
    /** The worker withdraws before the decision. */
    withdraw: {
      before: async ({ manager, subject }) => {
        await manager.getRepository(LegalAidApplication).update({ id: subject.id }, { nextClockDueOn: null });
      },
      notice: ({ subject }) => ({ title: '法律援助申请已撤回', body: '需要时可以重新申请。', link: legalAidLink(subject.id) }),
    },
    start_negotiation: this.stage,
    start_mediation: this.stage,
    start_arbitration: this.stage,
    start_litigation: this.stage,
    /** The lawyer closes the case with the outcome and the money recovered. */
    close: withForm(refuse, {
      before: async ({ manager, actor, kase, subject }, body) => {
        await manager.getRepository(LegalAidApplication).update(
          { id: subject.id },
          {
            outcome: body.outcome,
            amountClaimedFen: body.amountClaimedFen,
            amountRecoveredFen: body.amountRecoveredFen,
            recoveredOn: body.amountRecoveredFen > 0 ? body.recoveredOn : null,
            closingNote: body.note.trim(),
            nextClockDueOn: null,
          },
        );
        await this.uploads.attachToCase(manager, actor, body.uploadIds ?? [], kase.id);
      },
      notice: ({ subject }, body) => ({
        title: '法律援助案件已办结',
        body:
          body.amountRecoveredFen > 0 ? `为您追回 ${(body.amountRecoveredFen / 100).toFixed(2)} 元。${body.note.trim()}` : body.note.trim(),
        link: legalAidLink(subject.id),
      }),
    }),
  };

  /** Every step has its own message; this is what one without would say. */
  notice({ to, subject }: Step): CaseNotice {
    return { title: `法律援助申请${WF.states[to].label}`, body: WF.states[to].nextStep, link: legalAidLink(subject.id) };
  }

  /**
   * A stage's record with its dates and documents, the dates on the application and its next
   * statutory clock (starting a stage, or dates learned during one).
   */
  async recordStage(
    manager: EntityManager,
    actor: Actor,
    row: LegalAidApplication,
    stage: string,
    startedOn: string,
    body: LegalAidCaseDates & { note?: string; uploadIds?: number[] },
    caseId: number,
    state: LegalAidState,
    startsStage = false,
  ): Promise<void> {
    const changes: Partial<LegalAidApplication> = {};
    // Starting a stage only adds dates; clearing one is done through the dates form.
    for (const f of DATE_FIELDS) if (body[f] !== undefined && (body[f] !== null || !startsStage)) changes[f] = body[f] ?? null;
    if (body.awardExtended !== undefined) changes.awardExtended = body.awardExtended;
    const next = { ...row, ...changes } as LegalAidApplication;
    changes.nextClockDueOn = this.clocks.nextClockDue(next, state);
    await manager.getRepository(LegalAidApplication).update({ id: row.id }, changes);
    Object.assign(row, changes);
    await this.uploads.attachToCase(manager, actor, body.uploadIds ?? [], caseId);
    await manager.getRepository(LegalAidStageRecord).insert({
      applicationId: row.id,
      stage,
      startedOn,
      note: body.note?.trim() || null,
      uploadIds: [...new Set(body.uploadIds ?? [])],
      recordedByUserId: actor.userId,
      recordedByName: actor.displayName,
      createdAt: this.clock.now(),
    });
  }
}
