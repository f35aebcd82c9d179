import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  PROPOSAL_DEADLINES,
  PROPOSAL_WORKFLOW,
  type DecideRequest,
  type EvaluateRequest,
  type ImplementRequest,
  type ProposalAction,
  type ProposalState,
  type RegisterProposalRequest,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import { isUniqueViolation } from '../../database/errors';
import { IdentityService } from '../identity/identity.service';
import { Notifier } from '../notifications/notifier.service';
import type { CaseNotice, CaseProcess, StepContext } from '../workflow/case-process';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { Proposal, ProposalCounter, ProposalOpinion } from './entities/proposal.entity';

const WF = PROPOSAL_WORKFLOW;
export const proposalLink = (id: number) => `/pages/contest/proposal/index?id=${id}`;

/** The form each step of a proposal records. */
export interface ProposalPayloads {
  register: RegisterProposalRequest;
  adopt: DecideRequest;
  reject: DecideRequest;
  implement: ImplementRequest;
  evaluate: EvaluateRequest;
}

type Step = StepContext<ProposalState, Proposal>;

/** What each step of a rationalisation proposal records and whom it tells. */
@Injectable()
export class ProposalProcess implements CaseProcess<ProposalState, ProposalAction, Proposal, ProposalPayloads>, OnModuleInit {
  readonly def = WF;

  constructor(
    private readonly transitions: TransitionService,
    private readonly identity: IdentityService,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<Proposal> {
    return manager.getRepository(Proposal).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  deadlines(): Promise<Readonly<Record<string, number>>> {
    return Promise.resolve(PROPOSAL_DEADLINES);
  }

  readonly steps: CaseProcess<ProposalState, ProposalAction, Proposal, ProposalPayloads>['steps'] = {
    /** Register with a number and send to experts (users holding proposal.review). */
    register: { before: (step, body) => this.register(step, body) },
    /** Adopt once at least one expert has given an opinion. */
    adopt: { before: (step) => this.decide(step, { adoptedAt: this.clock.now() }) },
    /** Not adopting records the reason the author reads. */
    reject: { before: (step, body) => this.decide(step, { decisionReason: body.reason?.trim() ?? null }) },
    implement: {
      before: async ({ manager, subject }, body) => {
        await manager
          .getRepository(Proposal)
          .update({ id: subject.id }, { implementedOn: body.implementedOn, implementationNote: body.note.trim() });
      },
    },
    evaluate: {
      before: async ({ manager, subject }, body) => {
        await manager
          .getRepository(Proposal)
          .update({ id: subject.id }, { benefitFen: body.benefitFen, grade: body.grade, evaluatedAt: this.clock.now() });
      },
    },
  };

  notice({ to, input, subject }: Step): CaseNotice {
    return {
      title: `合理化建议：${WF.states[to].label}`,
      body: to === 'not_adopted' ? `原因：${input.comment ?? ''}` : WF.states[to].nextStep,
      link: proposalLink(subject.id),
    };
  }

  private async register({ manager, subject }: Step, body: RegisterProposalRequest): Promise<void> {
    const ids = [...new Set(body.expertUserIds)];
    const experts = (await this.identity.staffHolding('proposal.review', manager)).filter((e) => ids.includes(e.id));
    if (experts.length !== ids.length) {
      fail('validation_failed', '请选择评审专家', [{ field: 'expertUserIds', message: '只能选评审专家' }]);
    }
    const year = Number(this.clock.today().slice(0, 4));
    const no = await this.nextNumber(manager, year);
    await manager
      .getRepository(Proposal)
      .update({ id: subject.id }, { registeredNo: `JY${year}-${String(no).padStart(4, '0')}`, expertUserIds: ids });
    for (const expert of experts) {
      await this.notifier.notify(manager, {
        userId: expert.id,
        title: '请评审一条合理化建议',
        body: `请在 ${PROPOSAL_DEADLINES.proposalReview} 个工作日内给出评审意见。`,
        link: proposalLink(subject.id),
        status: '专家评审中',
      });
    }
  }

  /**
   * The year's next registration number. Counting the year's numbers would give two registrations
   * at once the same one (and the unique index refuse the second); bumping the year's counter row
   * locks it until this transaction ends, so the second waits and takes the next number.
   */
  private async nextNumber(manager: EntityManager, year: number): Promise<number> {
    const counters = manager.getRepository(ProposalCounter);
    if ((await counters.increment({ year }, 'lastNo', 1)).affected) return (await counters.findOneByOrFail({ year })).lastNo;
    // The year's first registration since the counter exists: after the numbers given before it.
    const given = await manager
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .where('p.registeredNo LIKE :prefix', { prefix: `JY${year}-%` })
      .getCount();
    try {
      await counters.insert({ year, lastNo: given + 1 });
      return given + 1;
    } catch (err) {
      // Another registration made the year's row first: take the number after theirs.
      if (!isUniqueViolation(err)) throw err;
      await counters.increment({ year }, 'lastNo', 1);
      return (await counters.findOneByOrFail({ year })).lastNo;
    }
  }

  private async decide({ manager, subject }: Step, changes: Partial<Proposal>): Promise<void> {
    if (!(await manager.getRepository(ProposalOpinion).countBy({ proposalId: subject.id })))
      fail('action_not_allowed', '还没有专家评审意见');
    await manager.getRepository(Proposal).update({ id: subject.id }, changes);
  }
}
