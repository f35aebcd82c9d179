import { Injectable, type OnModuleInit } from '@nestjs/common';
import { COMPETITION_ENTRY_WORKFLOW, stateAllows, type CompetitionEntryAction, type CompetitionEntryState } from '@union/shared';
import type { EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import type { CaseNotice, CaseProcess, StepContext } from '../workflow/case-process';
import { TransitionService } from '../workflow/transition.service';
import { WorkflowCases, type WorkflowCase } from '../workflow/workflow-cases.service';
import { Competition, CompetitionEvent } from './entities/competition.entity';
import { CompetitionEntry } from './entities/entry.entity';

type Step = StepContext<CompetitionEntryState, CompetitionEntry>;
const entryLink = (id: number) => `/pages/contest/entry/index?id=${id}`;

/**
 * An entry's steps: the entrant withdraws while registration is open (the place goes back to the
 * event); the organiser's scan of the code checks in. The entry's status follows in the same
 * compare-and-set (the results queries and the one-entry index read it).
 */
@Injectable()
export class CompetitionEntryProcess implements CaseProcess<CompetitionEntryState, CompetitionEntryAction, CompetitionEntry>, OnModuleInit {
  readonly def = COMPETITION_ENTRY_WORKFLOW;

  constructor(
    private readonly transitions: TransitionService,
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<CompetitionEntry> {
    return manager.getRepository(CompetitionEntry).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  readonly steps: CaseProcess<CompetitionEntryState, CompetitionEntryAction, CompetitionEntry>['steps'] = {
    withdraw: {
      before: async ({ manager, subject: entry }) => {
        const competition = await manager.getRepository(Competition).findOneByOrFail({ id: entry.competitionId });
        const contest = await this.cases.get(competition.caseId, manager);
        if (!stateAllows(contest.caseType, contest.state, 'registration') || competition.registrationClosesOn < this.clock.today())
          fail('action_not_allowed', '报名截止后不能退出');
        const result = await manager
          .getRepository(CompetitionEntry)
          .update({ id: entry.id, status: 'registered' }, { status: 'withdrawn', activeKey: null });
        if (result.affected !== 1) fail('state_conflict');
        await manager
          .createQueryBuilder()
          .update(CompetitionEvent)
          .set({ entryCount: () => 'entry_count - 1' })
          .where('id = :id AND entry_count > 0', { id: entry.eventId })
          .execute();
      },
      notice: ({ subject }) => ({ title: '已退出比赛', body: '名额已让出；报名截止前可以重新报名。', link: entryLink(subject.id) }),
    },
    check_in: {
      before: async ({ manager, subject: entry }) => {
        const result = await manager
          .getRepository(CompetitionEntry)
          .update({ id: entry.id, status: 'registered' }, { status: 'checked_in' });
        if (result.affected !== 1) fail('state_conflict');
      },
      notice: ({ subject }) => ({ title: '签到成功', body: '祝比赛顺利。', link: entryLink(subject.id) }),
    },
  };

  notice({ to, subject }: Step): CaseNotice {
    return { title: `参赛报名：${this.def.states[to].label}`, body: this.def.states[to].nextStep, link: entryLink(subject.id) };
  }
}
