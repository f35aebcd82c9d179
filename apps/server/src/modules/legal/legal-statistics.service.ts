import { Injectable } from '@nestjs/common';
import type { LegalStatistics } from '@union/shared';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { subtree } from '../../common/case-access';
import { Clock } from '../../common/clock';
import { statisticsPeriod } from '../../common/period';
import { Db } from '../../database/db.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { LegalAidApplication } from './entities/legal-aid-application.entity';
import { Petition } from './entities/petition.entity';

/** The legal service's figures for the report centre: consultations, legal aid, petitions and online questions. */
@Injectable()
export class LegalStatisticsService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  /** The centre's totals for a period, counted from the records (closed cases by their closing day). */
  async statistics(actor: Actor, query: { from?: string; to?: string }): Promise<LegalStatistics> {
    if (!actor.organization) fail('forbidden');
    const { from, to, start, end } = statisticsPeriod(query, this.clock.today());
    const scope = actor.organization.path;
    // Statistics read from a replica when one is configured (a few seconds behind is fine here).
    return this.db.fromReplica(async (m) => {
      const byState = (caseType: string) => this.cases.countByState(caseType, { start, end }, scope, m);
      const consultations = await byState('legal_consultation');
      const applications = await byState('legal_aid_application');
      const accepted = await this.cases.countSteps('legal_aid_application', 'accept', { start, end }, scope, m);
      const closed = await this.cases
        .joinCase(m.getRepository(LegalAidApplication).createQueryBuilder('a'), 'a', 'c')
        .select('COUNT(*)', 'cases')
        .addSelect('COUNT(DISTINCT a.applicantUserId)', 'people')
        .addSelect('COALESCE(SUM(a.amountClaimedFen), 0)', 'claimed')
        .addSelect('COALESCE(SUM(a.amountRecoveredFen), 0)', 'recovered')
        // The case type and the closing time come first: the statistics index of closed cases (idx_cases_type_closed).
        .where("c.caseType = 'legal_aid_application' AND c.closedAt BETWEEN :start AND :end AND c.state = 'closed'", { start, end })
        .andWhere(subtree('c.organizationPath', scope))
        .getRawOne<{ cases: string | number; people: string | number; claimed: string | number; recovered: string | number }>();
      const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
      const petitions = await this.cases
        .joinCase(m.getRepository(Petition).createQueryBuilder('p'), 'p', 'c')
        .select('COUNT(*)', 'received')
        .addSelect('COALESCE(SUM(p.workerCount), 0)', 'workers')
        .addSelect("SUM(CASE WHEN c.state = 'resolved' THEN 1 ELSE 0 END)", 'resolved')
        .where('p.receivedOn >= :from AND p.receivedOn <= :to', { from, to })
        .andWhere(subtree('c.organizationPath', scope))
        .getRawOne<{ received: string | number; workers: string | number; resolved: string | number | null }>();
      const threads = await byState('legal_thread');
      return {
        from,
        to,
        consultations: {
          booked: sum(consultations),
          held: consultations.held ?? 0,
          noShow: consultations.no_show ?? 0,
          cancelled: consultations.cancelled ?? 0,
        },
        applications: { submitted: sum(applications), accepted, rejected: applications.rejected ?? 0, closed: Number(closed?.cases ?? 0) },
        petitions: {
          received: Number(petitions?.received ?? 0),
          workers: Number(petitions?.workers ?? 0),
          resolved: Number(petitions?.resolved ?? 0),
        },
        threads: { opened: sum(threads), answered: sum(threads) - (threads.waiting_centre ?? 0) },
        people: Number(closed?.people ?? 0),
        amountClaimedFen: Number(closed?.claimed ?? 0),
        amountRecoveredFen: Number(closed?.recovered ?? 0),
      };
    });
  }
}
