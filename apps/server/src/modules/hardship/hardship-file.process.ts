import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  FILE_CLOSE_REASON_LABEL,
  HARDSHIP_CATEGORY_LABEL,
  HARDSHIP_FILE_WORKFLOW,
  type HardshipFileAction,
  type HardshipFileState,
  type RecheckFileRequest,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import type { CaseNotice, CaseProcess, StepContext, StepOutcome, StepWork } from '../workflow/case-process';
import { TransitionService } from '../workflow/transition.service';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { HardshipFile } from './entities/hardship-file.entity';
import { HouseholdMember } from './entities/household-member.entity';
import { addMonths } from './hardship-application.process';
import { HardshipRulesService } from './hardship-rules.service';

const WF = HARDSHIP_FILE_WORKFLOW;

/** Every step of a file records the re-check form. */
export type HardshipFilePayloads = Record<HardshipFileAction, RecheckFileRequest>;

type Step = StepContext<HardshipFileState, HardshipFile>;
type Process = CaseProcess<HardshipFileState, HardshipFileAction, HardshipFile, HardshipFilePayloads>;

/** What the re-check changes: the new category, or the reason the file is closed. */
export function changeOf(action: string, body: RecheckFileRequest) {
  return {
    category: action === 'change_category' ? body.category : undefined,
    reason: action === 'close' ? body.closeReason : undefined,
  };
}

/**
 * A filed household's life: the yearly re-check (keep, change the category), closing with a reason
 * the worker is told, and the follow-up call after it. Each step is the re-check form; its due
 * instant (the next re-check, the follow-up) comes from the county's rules.
 */
@Injectable()
export class HardshipFileProcess implements Process, OnModuleInit {
  readonly def = WF;

  constructor(
    private readonly clock: Clock,
    private readonly transitions: TransitionService,
    private readonly rules: HardshipRulesService,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<HardshipFile> {
    return manager.getRepository(HardshipFile).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  private readonly recheck: StepWork<HardshipFileState, HardshipFile, RecheckFileRequest> = {
    before: (step, body) => this.record(step, body),
    notice: (step, body) => this.recheckNotice(step, body),
  };

  readonly steps: Process['steps'] = { keep: this.recheck, change_category: this.recheck, close: this.recheck, follow_up: this.recheck };

  /** Each step tells with its own form's words (see `recheckNotice`); this is for none. */
  notice({ to, subject: file }: Step): CaseNotice {
    return { title: '困难档案有新进展', body: WF.states[to].nextStep, link: `/pages/hardship/file/index?id=${file.id}` };
  }

  /** A closed file frees its people for a new application and is due for the follow-up; otherwise the next re-check. */
  private async record({ manager, action, subject: file }: Step, body: RecheckFileRequest | undefined): Promise<StepOutcome | void> {
    if (!body) fail('action_not_allowed', '请在档案页面填写复核表');
    if (action === 'follow_up') return;
    const { category, reason } = changeOf(action, body);
    const now = this.clock.now();
    const { rules } = await this.rules.effectiveFor(manager, file.organizationPath, now);
    if (reason) {
      await manager.getRepository(HardshipFile).update({ id: file.id }, { closeReason: reason });
      await manager.getRepository(HouseholdMember).update({ applicationId: file.applicationId }, { active: false });
      return { dueAt: addMonths(now, rules.followUpMonths) };
    }
    if (category) await manager.getRepository(HardshipFile).update({ id: file.id }, { category });
    return { dueAt: addMonths(now, rules.recheckMonths) };
  }

  private recheckNotice({ action, subject: file }: Step, body: RecheckFileRequest): CaseNotice {
    const { category, reason } = changeOf(action, body);
    const note = body.note.trim();
    return {
      title: reason ? '困难档案已关闭' : action === 'follow_up' ? '工会回访已记录' : '困难档案年度复核完成',
      body: reason
        ? `原因：${FILE_CLOSE_REASON_LABEL[reason]}。${note}。家庭再遇困难时可以重新申请。`
        : action === 'follow_up'
          ? '感谢您接受回访。家庭再遇困难时可以随时重新申请。'
          : `复核结果：${category ? `调整为${HARDSHIP_CATEGORY_LABEL[category]}` : '维持'}。`,
      link: `/pages/hardship/file/index?id=${file.id}`,
    };
  }
}
