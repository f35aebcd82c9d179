import type { ObjectionAction, ObjectionState, WorkflowDef } from '@union/shared';
import type { EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import type { CaseNotice, CaseProcess, StepContext } from '../workflow/case-process';
import type { WorkflowCase, WorkflowCases } from '../workflow/workflow-cases.service';
import type { TransitionService } from '../workflow/transition.service';
import { NoticeObjection } from './entities/notice-objection.entity';

/** The answer to an objection: what was found, and whether it stands when the procedure says. */
export interface ObjectionAnswer {
  resolution: string;
  upheld?: boolean | null;
}

/** What an objection step works on: the objection, and the domain row of the case on notice. */
export interface ObjectionSubject extends NoticeObjection {
  /** The subject id of the case on notice (the application, competition or nomination). */
  noticeSubjectId: number;
}

type Step = StepContext<ObjectionState, ObjectionSubject>;

/** What the domain whose notice it is adds to answering an objection. */
export interface ObjectionHooks {
  /** After the answer is recorded, in its transaction (e.g. tell the applicant on notice). */
  resolved?: (step: Step, answer: ObjectionAnswer) => Promise<void>;
  /** The page the objector is sent to with the answer. */
  link: (step: Step) => string | null;
}

/**
 * The process of an objection case (one per case type that puts something on notice): the
 * objection row is its subject; answering records the answer on it, once (the case's
 * compare-and-set), and never by the person who raised it online.
 */
export class ObjectionProcess implements CaseProcess<ObjectionState, ObjectionAction, ObjectionSubject, { resolve: ObjectionAnswer }> {
  constructor(
    readonly def: WorkflowDef<ObjectionState, ObjectionAction>,
    private readonly hooks: ObjectionHooks,
  ) {}

  private cases: WorkflowCases | null = null;

  /** Register with the transition service (the domain service's `onModuleInit`). */
  registerWith(transitions: TransitionService, cases: WorkflowCases): this {
    this.cases = cases;
    transitions.register(this);
    return this;
  }

  async subject(manager: EntityManager, kase: WorkflowCase): Promise<ObjectionSubject> {
    const row = await manager.getRepository(NoticeObjection).findOneByOrFail({ id: kase.subjectId ?? 0 });
    if (!this.cases) throw new Error(`the process of ${this.def.caseType} is not registered`);
    const onNotice = await this.cases.get(row.noticeCaseId, manager);
    return { ...row, noticeSubjectId: onNotice.subjectId ?? 0 };
  }

  readonly steps: CaseProcess<ObjectionState, ObjectionAction, ObjectionSubject, { resolve: ObjectionAnswer }>['steps'] = {
    resolve: {
      before: async ({ manager, actor, subject }, answer) => {
        // Staff who recorded an objection received offline answer it; the objector online does not.
        if (subject.channel === 'online' && subject.receivedByUserId === actor.userId) {
          fail('forbidden', '不能处理自己提出的异议，由工会其他工作人员处理');
        }
        await manager
          .getRepository(NoticeObjection)
          .update({ id: subject.id }, { resolution: answer.resolution.trim(), upheld: answer.upheld ?? null });
      },
      after: async (step, answer) => {
        await this.hooks.resolved?.(step, answer);
      },
      notice: (step, answer) => ({
        title: '您提出的公示异议已答复',
        body: `处理结果：${answer.resolution.trim().slice(0, 80)}`,
        link: this.hooks.link(step),
      }),
    },
  };

  notice(step: Step): CaseNotice {
    return { title: '公示异议', body: this.def.states[step.to].nextStep, link: this.hooks.link(step) };
  }
}
