import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  COMPETITION_OBJECTION_WORKFLOW,
  COMPETITION_WORKFLOW,
  stateAllows,
  type CompetitionObjectionRequest,
  type CompetitionObjectionView,
  type ResolveCompetitionObjectionRequest,
} from '@union/shared';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { Notifier } from '../notifications/notifier.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { Competition } from './entities/competition.entity';
import { CompetitionEntry } from './entities/entry.entity';
import { NoticesService } from '../notices/notices.service';
import { ObjectionProcess } from '../notices/objection.process';
import { CaseHandlers } from '../workflow/case-handlers';
import { TransitionService } from '../workflow/transition.service';
import { competitionLink, CompetitionsService } from './competitions.service';
import { findRow } from '../../database/plain-reads';

const WF = COMPETITION_WORKFLOW;

/**
 * Objections to a competition's results while they are on public notice: anyone signed in raises
 * one, the organiser is told and answers each; the results are published only when none is open
 * (the table's blocked reason).
 */
@Injectable()
export class CompetitionObjectionsService implements OnModuleInit {
  /** An objection to a competition's results is a case, answered by the organisers. */
  readonly objectionProcess = new ObjectionProcess(COMPETITION_OBJECTION_WORKFLOW, {
    link: ({ subject }) => competitionLink(subject.noticeSubjectId),
  });

  constructor(
    private readonly transitions: TransitionService,
    private readonly caseHandlers: CaseHandlers,
    private readonly cases: WorkflowCases,
    private readonly db: Db,
    private readonly notifier: Notifier,
    private readonly competitions: CompetitionsService,
    private readonly notices: NoticesService,
  ) {}

  onModuleInit(): void {
    this.objectionProcess.registerWith(this.transitions, this.cases);
    this.caseHandlers.register(this.notices.handler(this.objectionProcess));
  }

  /** Anyone signed in may object to the results while they are on notice. */
  async object(actor: Actor, id: number, body: CompetitionObjectionRequest): Promise<{ id: number }> {
    return this.db.transaction(async (manager) => {
      const row = await findRow(manager, Competition, { id });
      const kase = row ? await this.cases.find(row.caseId, manager) : null;
      if (!row || !kase) fail('not_found');
      if (!stateAllows(kase.caseType, kase.state, 'objections')) fail('action_not_allowed', '只有公示期间可以提出异议');
      if (body.entryId && !(await manager.getRepository(CompetitionEntry).countBy({ id: body.entryId, competitionId: id }))) {
        fail('validation_failed', undefined, [{ field: 'entryId', message: '没有这个参赛者' }]);
      }
      const saved = await this.notices.raise(manager, actor, this.objectionProcess, kase, {
        content: body.content,
        itemId: body.entryId ?? null,
      });
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
      const { kase } = await this.competitions.staffCase(manager, actor, id);
      const rows = (await this.notices.ofCases([kase.id], manager)).get(kase.id) ?? [];
      return rows.map((o) => ({
        id: o.id,
        entryId: o.itemId,
        content: o.content,
        resolution: o.resolution,
        createdAt: o.receivedAt.toISOString(),
        resolvedAt: o.resolvedAt?.toISOString() ?? null,
      }));
    });
  }

  async resolveObjection(actor: Actor, id: number, objectionId: number, body: ResolveCompetitionObjectionRequest) {
    const manager = this.db.manager;
    const { kase } = await this.competitions.staffCase(manager, actor, id);
    await this.notices.resolve(actor, this.objectionProcess, await this.notices.get(manager, objectionId, kase.id), {
      resolution: body.resolution,
    });
    return this.objections(actor, id);
  }
}
