import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  addDays,
  cstDate,
  endOfCstDay,
  PETITION_WORKFLOW,
  type PetitionAction,
  type PetitionState,
  type ResolvePetitionRequest,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import { whereUnder } from '../../common/case-access';
import { Clock } from '../../common/clock';
import type { CaseNotice, CaseProcess, StepContext } from '../workflow/case-process';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { LegalAidApplication } from './entities/legal-aid-application.entity';
import { Petition } from './entities/petition.entity';
import { withForm } from './form-step';

const WF = PETITION_WORKFLOW;
/** Petition periods are in days (日), not working days: the end of the day `days` after `from`. */
export const dueAfter = (from: string, days: number) => endOfCstDay(addDays(from, days));
const link = (id: number) => `/staff/pages/petition/index?id=${id}`;

/** The form each step of a petition records: the result on resolving; the other steps record none. */
export interface PetitionPayloads {
  resolve: ResolvePetitionRequest;
}

type Step = StepContext<PetitionState, Petition>;

/**
 * What each step of a petition does: accepting sets the resolution due in 60 days, declining keeps
 * the reason, extending adds 30 days once, resolving records the result and the legal-aid cases it
 * led to.
 */
@Injectable()
export class PetitionProcess implements CaseProcess<PetitionState, PetitionAction, Petition, PetitionPayloads>, OnModuleInit {
  readonly def = WF;

  constructor(
    private readonly transitions: TransitionService,
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<Petition> {
    return manager.getRepository(Petition).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  readonly steps: CaseProcess<PetitionState, PetitionAction, Petition, PetitionPayloads>['steps'] = {
    /** Accepted: the resolution is due in 60 days. */
    accept: { before: () => Promise.resolve({ dueAt: dueAfter(this.clock.today(), 60) }) },
    /** Declined, with the reason and where to go. */
    decline: {
      before: async ({ manager, subject, input }) => {
        await manager.getRepository(Petition).update({ id: subject.id }, { declineReason: input.comment ?? null });
      },
    },
    /** The resolution's due date moves by 30 days, once. */
    extend: {
      before: async ({ manager, subject, kase }) => {
        if (subject.extended) fail('action_not_allowed', '办理期限已经延长过一次');
        await manager.getRepository(Petition).update({ id: subject.id }, { extended: true });
        // From the due date (today when the case has none), to the end of a China day as accepting sets it.
        return { dueAt: dueAfter(cstDate(kase.dueAt ?? this.clock.now()), 30) };
      },
    },
    /** Resolved with the result, linking the legal-aid cases it led to. */
    resolve: withForm(() => fail('action_not_allowed', '办结请填写处理结果'), {
      before: (step, body) => this.resolve(step, body),
      notice: ({ subject }) => ({ title: '信访件已办结', body: subject.subject, link: link(subject.id) }),
    }),
  };

  /** The registrar's message about accepting, extending or declining. */
  notice({ action, subject }: Step): CaseNotice {
    return {
      title: action === 'accept' ? '信访件已受理' : action === 'extend' ? '信访件办理期限已延长' : '信访件不予受理',
      body: subject.subject,
      link: link(subject.id),
    };
  }

  private async resolve({ manager, actor, subject }: Step, body: ResolvePetitionRequest): Promise<void> {
    const linked = [...new Set(body.legalAidApplicationIds ?? [])];
    const visible = linked.length
      ? await whereUnder(
          this.cases
            .joinCase(manager.getRepository(LegalAidApplication).createQueryBuilder('a'), 'a', 'c')
            .where('a.id IN (:...ids)', { ids: linked }),
          'c.organizationPath',
          actor.organization?.path ?? '-',
        ).getCount()
      : 0;
    if (visible !== linked.length) {
      fail('validation_failed', undefined, [{ field: 'legalAidApplicationIds', message: '有法律援助案件编号不存在' }]);
    }
    await manager
      .getRepository(Petition)
      .update({ id: subject.id }, { result: body.result.trim(), legalAidApplicationIds: linked, resolvedAt: this.clock.now() });
  }
}
