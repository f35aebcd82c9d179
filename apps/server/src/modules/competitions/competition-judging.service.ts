import { Injectable } from '@nestjs/common';
import {
  stateAllows,
  statesAllowing,
  type CompetitionScoresView,
  type ConflictRequest,
  type DirectResultView,
  type JudgingEntryView,
  type ScoreRequest,
} from '@union/shared';
import { In, Not } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { Competition, CompetitionEvent } from './entities/competition.entity';
import { CompetitionConflict, CompetitionEntry, CompetitionScore, CompetitionScoreCorrection } from './entities/entry.entity';
import { CompetitionsService } from './competitions.service';
import { Clock } from '../../common/clock';

/**
 * Scoring: judges of an event score the entries assigned to them on their phone; a judge sees the
 * other judges' scores of an entry only after scoring it, cannot score an entry they declared a
 * conflict with, and every change of a given score is logged with its reason. Direct results
 * (times, counts) are entered by the organiser, logged the same way.
 */
@Injectable()
export class CompetitionJudgingService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly competitions: CompetitionsService,
  ) {}

  /** How many entries wait for this judge's score in competitions that are being scored (conflicts declared do not count). */
  async scoringLeft(judgeUserId: number): Promise<number> {
    const manager = this.db.manager;
    const running = await this.cases
      .joinCase(manager.getRepository(Competition).createQueryBuilder('k'), 'k', 'c')
      .where("c.caseType = 'competition' AND c.state IN (:...states)", { states: statesAllowing('competition', 'scoring') })
      .select('k.id', 'id')
      .getRawMany<{ id: number }>();
    const events = running.length
      ? (await manager.getRepository(CompetitionEvent).findBy({ competitionId: In(running.map((r) => Number(r.id))) })).filter(
          (e) => e.scoring.kind !== 'direct' && e.judgeUserIds.includes(judgeUserId),
        )
      : [];
    if (events.length === 0) return 0;
    const eventIds = events.map((e) => e.id);
    const [entries, scored, conflicts] = await Promise.all([
      manager.getRepository(CompetitionEntry).count({ where: { eventId: In(eventIds), status: Not('withdrawn') } }),
      manager.getRepository(CompetitionScore).count({ where: { eventId: In(eventIds), judgeUserId } }),
      manager
        .getRepository(CompetitionConflict)
        .createQueryBuilder('x')
        .innerJoin(CompetitionEntry, 'e', 'e.id = x.entryId')
        .where('x.judgeUserId = :me AND e.eventId IN (:...eventIds)', { me: judgeUserId, eventIds })
        .getCount(),
    ]);
    return Math.max(0, entries - scored - conflicts);
  }

  /** The judge's sheet for an event. */
  async sheet(actor: Actor, competitionId: number, eventId: number): Promise<JudgingEntryView[]> {
    const manager = this.db.manager;
    const event = await this.judgedEvent(actor, competitionId, eventId, manager, false);
    const entries = await manager
      .getRepository(CompetitionEntry)
      .find({ where: { eventId: event.id, status: Not('withdrawn') }, order: { id: 'ASC' } });
    const ids = entries.map((e) => e.id);
    const [scores, conflicts] = ids.length
      ? await Promise.all([
          manager.getRepository(CompetitionScore).findBy({ entryId: In(ids) }),
          manager.getRepository(CompetitionConflict).findBy({ entryId: In(ids), judgeUserId: actor.userId }),
        ])
      : [[], []];
    return entries.map((e) => {
      const mine = scores.find((s) => s.entryId === e.id && s.judgeUserId === actor.userId) ?? null;
      const all = scores.filter((s) => s.entryId === e.id);
      return {
        entryId: e.id,
        entrantName: e.entrantName,
        myPoints: mine?.points ?? null,
        conflict: conflicts.some((c) => c.entryId === e.id),
        scoredBy: all.length,
        // Others' scores only once this judge has given theirs, so nobody scores to match.
        othersPoints: mine ? all.filter((s) => s.judgeUserId !== actor.userId).map((s) => s.points) : null,
      };
    });
  }

  /** A judge scores (or corrects, with a reason) an entry of their event. */
  async score(actor: Actor, competitionId: number, eventId: number, body: ScoreRequest): Promise<JudgingEntryView[]> {
    if (body.points === undefined) fail('validation_failed', '请填写分数', [{ field: 'points', message: '请填写 0–100 分' }]);
    try {
      await this.db.transaction(async (manager) => {
        const event = await this.judgedEvent(actor, competitionId, eventId, manager);
        if (event.scoring.kind !== 'judges_average') fail('action_not_allowed', '这个项目直接录入成绩，不由评委打分');
        const entry = await manager.getRepository(CompetitionEntry).findOneBy({ id: body.entryId, eventId });
        if (!entry || entry.status === 'withdrawn') fail('validation_failed', undefined, [{ field: 'entryId', message: '没有这个参赛者' }]);
        if (await manager.getRepository(CompetitionConflict).countBy({ entryId: entry.id, judgeUserId: actor.userId })) {
          fail('action_not_allowed', '您已声明与该参赛者有利害关系，不能为其打分');
        }
        const repo = manager.getRepository(CompetitionScore);
        const existing = await repo.findOneBy({ entryId: entry.id, judgeUserId: actor.userId });
        const now = this.clock.now();
        if (!existing) {
          await repo.insert({
            eventId,
            entryId: entry.id,
            judgeUserId: actor.userId,
            points: body.points as number,
            createdAt: now,
            updatedAt: now,
          });
          return;
        }
        if (existing.points === body.points) return;
        if (!body.reason?.trim()) fail('validation_failed', '改分请写明原因', [{ field: 'reason', message: '改分请写明原因' }]);
        await repo.update({ id: existing.id }, { points: body.points as number, updatedAt: now });
        await manager.getRepository(CompetitionScoreCorrection).insert({
          entryId: entry.id,
          byUserId: actor.userId,
          byName: actor.displayName,
          fromValue: existing.points,
          toValue: body.points as number,
          reason: body.reason.trim(),
          createdAt: now,
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) fail('state_conflict');
      throw err;
    }
    return this.sheet(actor, competitionId, eventId);
  }

  /** A judge declares a conflict with an entry (before scoring it). */
  async declareConflict(actor: Actor, competitionId: number, eventId: number, body: ConflictRequest): Promise<JudgingEntryView[]> {
    try {
      await this.db.transaction(async (manager) => {
        await this.judgedEvent(actor, competitionId, eventId, manager);
        const entry = await manager.getRepository(CompetitionEntry).findOneBy({ id: body.entryId, eventId });
        if (!entry) fail('validation_failed', undefined, [{ field: 'entryId', message: '没有这个参赛者' }]);
        if (await manager.getRepository(CompetitionScore).countBy({ entryId: entry.id, judgeUserId: actor.userId })) {
          fail('action_not_allowed', '已经打过分，请联系组织者处理');
        }
        await manager
          .getRepository(CompetitionConflict)
          .insert({ entryId: entry.id, judgeUserId: actor.userId, note: body.note.trim(), createdAt: this.clock.now() });
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    return this.sheet(actor, competitionId, eventId);
  }

  /** The organiser enters a direct result (time, count); changes are logged with the reason. */
  async directResult(actor: Actor, competitionId: number, eventId: number, body: ScoreRequest): Promise<DirectResultView> {
    if (body.value === undefined) fail('validation_failed', '请填写成绩', [{ field: 'value', message: '请填写成绩' }]);
    return this.db.transaction(async (manager) => {
      const { kase } = await this.competitions.staffCase(manager, actor, competitionId);
      if (!stateAllows(kase.caseType, kase.state, 'scoring')) fail('action_not_allowed', '比赛进行中才能录入成绩');
      const event = await manager.getRepository(CompetitionEvent).findOneBy({ id: eventId, competitionId });
      if (!event) fail('not_found');
      if (event.scoring.kind !== 'direct') fail('action_not_allowed', '这个项目由评委打分');
      const entry = await manager.getRepository(CompetitionEntry).findOneBy({ id: body.entryId, eventId });
      if (!entry || entry.status === 'withdrawn') fail('validation_failed', undefined, [{ field: 'entryId', message: '没有这个参赛者' }]);
      if (entry.directValue !== null && entry.directValue !== body.value) {
        if (!body.reason?.trim()) fail('validation_failed', '改成绩请写明原因', [{ field: 'reason', message: '改成绩请写明原因' }]);
        await manager.getRepository(CompetitionScoreCorrection).insert({
          entryId: entry.id,
          byUserId: actor.userId,
          byName: actor.displayName,
          fromValue: entry.directValue,
          toValue: body.value as number,
          reason: body.reason.trim(),
          createdAt: this.clock.now(),
        });
      }
      await manager.getRepository(CompetitionEntry).update({ id: entry.id }, { directValue: body.value as number });
      return { entryId: entry.id, value: body.value as number };
    });
  }

  /** All scores of an event, for the organiser (with the corrections log). */
  async allScores(actor: Actor, competitionId: number, eventId: number): Promise<CompetitionScoresView> {
    return this.db.transaction(async (manager) => {
      await this.competitions.staffCase(manager, actor, competitionId);
      // Scores are reached only through their own competition: another competition's event is not found.
      const event = await manager.getRepository(CompetitionEvent).findOneBy({ id: eventId, competitionId });
      if (!event) fail('not_found');
      const scores = await manager
        .getRepository(CompetitionScore)
        .find({ where: { eventId }, order: { entryId: 'ASC', judgeUserId: 'ASC' } });
      // The corrections of every entry of the event: judges' scores and direct results alike.
      const corrections = await manager
        .getRepository(CompetitionScoreCorrection)
        .createQueryBuilder('x')
        .innerJoin(CompetitionEntry, 'e', 'e.id = x.entryId')
        .where('e.eventId = :eventId', { eventId })
        .orderBy('x.id', 'ASC')
        .getMany();
      return {
        scores: scores.map((s) => ({ entryId: s.entryId, judgeUserId: s.judgeUserId, points: s.points })),
        corrections: corrections.map((c) => ({
          entryId: c.entryId,
          byName: c.byName,
          from: c.fromValue,
          to: c.toValue,
          reason: c.reason,
          at: c.createdAt.toISOString(),
        })),
      };
    });
  }

  /** The event if the actor judges it and scoring is open, else 404 / refused. */
  private async judgedEvent(
    actor: Actor,
    competitionId: number,
    eventId: number,
    manager = this.db.manager,
    scoring = true,
  ): Promise<CompetitionEvent> {
    const event = await manager.getRepository(CompetitionEvent).findOneBy({ id: eventId, competitionId });
    if (!event || !event.judgeUserIds.includes(actor.userId)) fail('not_found');
    const competition = await manager.getRepository(Competition).findOneByOrFail({ id: competitionId });
    const kase = await this.cases.get(competition.caseId, manager);
    if (kase.state === 'draft' || (scoring && !stateAllows(kase.caseType, kase.state, 'scoring')))
      fail('action_not_allowed', '比赛进行中才能打分');
    return event;
  }
}
