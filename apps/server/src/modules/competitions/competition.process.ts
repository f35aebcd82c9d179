import { Injectable, type OnModuleInit } from '@nestjs/common';
import { COMPETITION_WORKFLOW, type CompetitionAction, type CompetitionState } from '@union/shared';
import { Not, type EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import { NoticesService } from '../notices/notices.service';
import { Notifier } from '../notifications/notifier.service';
import type { CaseNotice, CaseProcess, StepContext } from '../workflow/case-process';
import { TransitionService } from '../workflow/transition.service';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { CompetitionResultsService } from './competition-results.service';
import { Competition } from './entities/competition.entity';
import { CompetitionEntry } from './entities/entry.entity';

const WF = COMPETITION_WORKFLOW;
const DAY_MS = 86_400_000;
export const competitionLink = (id: number) => `/pages/contest/competition/index?id=${id}`;
type Step = StepContext<CompetitionState, Competition>;

/** A competition's steps: open, close, compute, back to scoring, notice, publish, cancel, each with its own checks. */
@Injectable()
export class CompetitionProcess implements CaseProcess<CompetitionState, CompetitionAction, Competition>, OnModuleInit {
  readonly def = WF;

  constructor(
    private readonly transitions: TransitionService,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly results: CompetitionResultsService,
    private readonly notices: NoticesService,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<Competition> {
    return manager.getRepository(Competition).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  readonly steps: CaseProcess<CompetitionState, CompetitionAction, Competition>['steps'] = {
    open_registration: {
      before: ({ subject }) => {
        if (subject.registrationClosesOn < this.clock.today()) {
          fail('validation_failed', '报名截止日期已过，请先改期', [{ field: 'registrationClosesOn', message: '报名截止日期已过' }]);
        }
        return Promise.resolve();
      },
    },
    compute_results: { before: ({ manager, subject }) => this.results.compute(manager, subject) },
    /** The results notice runs for the competition's notice days; the step is due when it ends. */
    start_notice: {
      before: async ({ manager, kase, subject }) => {
        const startsAt = this.clock.now();
        const endsAt = new Date(startsAt.getTime() + subject.noticeDays * DAY_MS);
        await this.notices.start(manager, kase, { startsAt, endsAt });
        return { dueAt: endsAt };
      },
    },
    /** Only once the notice has ended with no objection open. */
    publish: {
      before: async ({ manager, subject }) => {
        const hold = await this.notices.hold(manager, subject.caseId, '发布结果');
        if (hold) fail(hold.code, hold.message);
        await manager.getRepository(Competition).update({ id: subject.id }, { publishedAt: this.clock.now() });
        await this.notifyEntrants(manager, subject, '比赛结果已发布', '点开查看名次和证书。');
      },
    },
    cancel: { before: ({ manager, subject }) => this.notifyEntrants(manager, subject, '比赛已取消', '比赛已取消，报名作废。') },
  };

  notice({ to, subject }: Step): CaseNotice {
    return { title: `${subject.title}：${WF.states[to].label}`, body: WF.states[to].nextStep, link: competitionLink(subject.id) };
  }

  /** Each entrant whose entry still stands, once; those who withdrew are no longer in it and hear nothing. */
  private async notifyEntrants(manager: EntityManager, row: Competition, title: string, body: string): Promise<void> {
    const entries = await manager
      .getRepository(CompetitionEntry)
      .find({ select: { registrantUserId: true }, where: { competitionId: row.id, status: Not('withdrawn') } });
    for (const userId of new Set(entries.map((e) => e.registrantUserId))) {
      await this.notifier.notify(manager, { userId, title: `${row.title}：${title}`, body, link: competitionLink(row.id), status: title });
    }
  }
}
