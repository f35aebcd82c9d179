import { Injectable } from '@nestjs/common';
import {
  COMPETITION_WORKFLOW,
  stateAllows,
  type CompetitionObjectionRequest,
  type CompetitionObjectionView,
  type ResolveCompetitionObjectionRequest,
} from '@union/shared';
import { IsNull } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import { Db } from '../../database/db.service';
import { Notifier } from '../notifications/notifier.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { Competition } from './entities/competition.entity';
import { CompetitionEntry, CompetitionObjection } from './entities/entry.entity';
import { competitionLink, CompetitionsService } from './competitions.service';

const WF = COMPETITION_WORKFLOW;

/**
 * Objections to a competition's results while they are on public notice: anyone signed in raises
 * one, the organiser is told and answers each; the results are published only when none is open
 * (the table's blocked reason).
 */
@Injectable()
export class CompetitionObjectionsService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly notifier: Notifier,
    private readonly competitions: CompetitionsService,
  ) {}

  /** Anyone signed in may object to the results while they are on notice. */
  async object(actor: Actor, id: number, body: CompetitionObjectionRequest): Promise<{ id: number }> {
    return this.db.transaction(async (manager) => {
      const row = await manager.getRepository(Competition).findOneBy({ id });
      const kase = row ? await this.cases.find(row.caseId, manager) : null;
      if (!row || !kase) fail('not_found');
      if (!stateAllows(kase.caseType, kase.state, 'objections')) fail('action_not_allowed', '只有公示期间可以提出异议');
      if (body.entryId && !(await manager.getRepository(CompetitionEntry).countBy({ id: body.entryId, competitionId: id }))) {
        fail('validation_failed', undefined, [{ field: 'entryId', message: '没有这个参赛者' }]);
      }
      const repo = manager.getRepository(CompetitionObjection);
      const saved = await repo.save(
        repo.create({
          competitionId: id,
          entryId: body.entryId ?? null,
          userId: actor.userId,
          content: body.content.trim(),
          resolution: null,
          createdAt: this.clock.now(),
          resolvedAt: null,
        }),
      );
      await this.notifier.notify(manager, {
        userId: kase.applicantUserId,
        title: `${row.title}：收到公示异议`,
        body: body.content.trim().slice(0, 60),
        link: competitionLink(id),
        status: WF.states.public_notice.label,
      });
      return { id: saved.id };
    });
  }

  async objections(actor: Actor, id: number): Promise<CompetitionObjectionView[]> {
    return this.db.transaction(async (manager) => {
      await this.competitions.staffCase(manager, actor, id);
      const rows = await manager.getRepository(CompetitionObjection).find({ where: { competitionId: id }, order: { id: 'ASC' } });
      return rows.map((o) => ({
        id: o.id,
        entryId: o.entryId,
        content: o.content,
        resolution: o.resolution,
        createdAt: o.createdAt.toISOString(),
        resolvedAt: o.resolvedAt?.toISOString() ?? null,
      }));
    });
  }

  async resolveObjection(actor: Actor, id: number, objectionId: number, body: ResolveCompetitionObjectionRequest) {
    await this.db.transaction(async (manager) => {
      await this.competitions.staffCase(manager, actor, id);
      const result = await manager
        .getRepository(CompetitionObjection)
        .update(
          { id: objectionId, competitionId: id, resolvedAt: IsNull() },
          { resolution: body.resolution.trim(), resolvedAt: this.clock.now() },
        );
      if (result.affected !== 1) fail('state_conflict');
    });
    return this.objections(actor, id);
  }
}
