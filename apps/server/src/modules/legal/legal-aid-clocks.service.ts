import { Injectable } from '@nestjs/common';
import { computeStatutoryClock, cstDate, LEGAL_AID_WORKFLOW, WorkCalendar, type LegalAidState } from '@union/shared';
import { In, LessThan, MoreThan } from 'typeorm';
import { Clock } from '../../common/clock';
import { Db } from '../../database/db.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { LegalAidApplication } from './entities/legal-aid-application.entity';
import { clockInput } from './legal-aid.helpers';

const WF = LEGAL_AID_WORKFLOW;

/**
 * The statutory clocks of legal-aid cases (arbitration within a year of learning of the harm, the
 * stages' own periods): the next period that runs out, kept in `next_clock_due_on` so the
 * "runs out within 7 days" lists are one indexed query.
 */
@Injectable()
export class LegalAidClocks {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly calendar: WorkCalendar,
  ) {}

  /** The last day of the next running statutory period while the case is open. */
  nextClockDue(row: LegalAidApplication, state: LegalAidState, now = this.clock.now()): string | null {
    if (WF.states[state].terminal) return null;
    return computeStatutoryClock(clockInput(row), cstDate(now), this.calendar).next?.dueOn ?? null;
  }

  /**
   * Open cases whose stored next period has run out get the following one, so "runs out within 7
   * days" is always about a period that is still running. Run by {@link LegalClocksJob}, not by
   * the lists that read the column. A constant number of queries per batch of 200: the cases in one
   * query, one compare-and-set update per distinct (old, new) pair.
   */
  async refreshClocks(now = this.clock.now()): Promise<number> {
    const today = cstDate(now);
    let changed = 0;
    let after = 0;
    for (;;) {
      const stale = await this.db.manager
        .getRepository(LegalAidApplication)
        .find({ where: { nextClockDueOn: LessThan(today), id: MoreThan(after) }, order: { id: 'ASC' }, take: 200 });
      if (stale.length === 0) return changed;
      after = stale[stale.length - 1].id;
      const states = new Map(
        (
          await this.cases.byIds(
            stale.map((r) => r.caseId),
            this.db.manager,
          )
        ).map((c) => [c.id, c.state]),
      );
      const moves = new Map<string, { from: string; to: string | null; ids: number[] }>();
      for (const row of stale) {
        const to = this.nextClockDue(row, (states.get(row.caseId) ?? 'closed') as LegalAidState, now);
        const from = row.nextClockDueOn as string;
        if (to === from) continue;
        const key = `${from}→${to}`;
        moves.set(key, { from, to, ids: [...(moves.get(key)?.ids ?? []), row.id] });
      }
      for (const move of moves.values()) {
        const result = await this.db.transaction((manager) =>
          manager.getRepository(LegalAidApplication).update({ id: In(move.ids), nextClockDueOn: move.from }, { nextClockDueOn: move.to }),
        );
        changed += result.affected ?? 0;
      }
    }
  }
}
