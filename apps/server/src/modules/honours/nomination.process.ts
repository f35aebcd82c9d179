import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { NOMINATION_WORKFLOW, type NominationAction, type NominationState } from '@union/shared';
import type { EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import { EmployerFlagsService } from '../competitions/employer-flags.service';
import { NoticesService } from '../notices/notices.service';
import type { CaseNotice, CaseProcess, StepContext } from '../workflow/case-process';
import { TransitionService } from '../workflow/transition.service';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { HonourKind, ModelWorker, Nomination } from './entities/honour.entity';

const WF = NOMINATION_WORKFLOW;
/** The public notice of a nomination, in calendar days. */
export const NOMINATION_NOTICE_DAYS = 5;
const DAY_MS = 86_400_000;
type Step = StepContext<NominationState, Nomination>;

/**
 * A nomination's steps: the notice may not start for an excluded employer; the award waits for the
 * notice to end with no objection open and adds a model worker to the registry; a refusal or a
 * revocation keeps its reason, and a revocation takes the model worker out of the current registry.
 */
@Injectable()
export class NominationProcess implements CaseProcess<NominationState, NominationAction, Nomination>, OnModuleInit {
  readonly def = WF;

  constructor(
    private readonly transitions: TransitionService,
    private readonly clock: Clock,
    private readonly flags: EmployerFlagsService,
    private readonly notices: NoticesService,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<Nomination> {
    return manager.getRepository(Nomination).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  readonly steps: CaseProcess<NominationState, NominationAction, Nomination>['steps'] = {
    start_notice: {
      before: async ({ manager, kase, subject }) => {
        const excluded = (await this.flags.exclusions(manager, [subject.employerKey])).get(subject.employerKey);
        if (excluded) fail('employer_excluded', `不能公示：${excluded}`);
        const startsAt = this.clock.now();
        const endsAt = new Date(startsAt.getTime() + NOMINATION_NOTICE_DAYS * DAY_MS);
        await this.notices.start(manager, kase, { startsAt, endsAt });
        return { dueAt: endsAt };
      },
    },
    award: { before: (step) => this.award(step) },
    reject: {
      before: async ({ manager, subject, input }) => {
        await manager.getRepository(Nomination).update({ id: subject.id }, { rejectReason: input.comment ?? null });
      },
    },
    revoke: {
      before: async ({ manager, subject, input }) => {
        const revokedReason = input.comment ?? null;
        await manager.getRepository(Nomination).update({ id: subject.id }, { revokedReason });
        // A revoked 劳模 leaves the registry of current model workers; the row and its care records stay, marked.
        await manager.getRepository(ModelWorker).update({ nominationId: subject.id }, { revokedAt: this.clock.now(), revokedReason });
      },
    },
  };

  notice({ to, subject }: Step): CaseNotice {
    return {
      title: `荣誉推荐：${WF.states[to].label}`,
      body: `${subject.nomineeName}：${WF.states[to].nextStep}`,
      link: `/staff/pages/honour/index?id=${subject.id}`,
    };
  }

  private async award({ manager, subject: row }: Step): Promise<void> {
    const hold = await this.notices.hold(manager, row.caseId, '授予');
    if (hold) fail(hold.code, hold.message);
    await manager.getRepository(Nomination).update({ id: row.id }, { awardedAt: this.clock.now() });
    const kind = await manager.getRepository(HonourKind).findOneByOrFail({ id: row.kindId });
    if (kind.code === 'model_worker') {
      await manager.getRepository(ModelWorker).insert({
        name: row.nomineeName,
        employerName: row.employerName,
        title: `${row.year}年度县级${kind.name}`,
        awardedYear: row.year,
        nominationId: row.id,
        uid: randomUUID(),
        createdAt: this.clock.now(),
      });
    }
  }
}
