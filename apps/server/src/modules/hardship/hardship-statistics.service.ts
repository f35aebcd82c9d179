import { Injectable } from '@nestjs/common';
import { AID_TYPE_LABEL, CAMPAIGN_KIND_LABEL, type AidType, type HardshipStatistics } from '@union/shared';
import { In } from 'typeorm';
import { actorCovers, type Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { whereUnder } from '../../common/case-access';
import { statisticsPeriod } from '../../common/period';
import { Db } from '../../database/db.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { AssistanceRecord } from './entities/assistance-record.entity';
import { Campaign } from './entities/campaign.entity';
import { HardshipFile } from './entities/hardship-file.entity';
import { Clock } from '../../common/clock';

/** The hardship figures of the half-year report, for any period and part of the tree, counted from the records. */
@Injectable()
export class HardshipStatisticsService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly organizations: OrganizationsService,
  ) {}

  async statistics(actor: Actor, query: { from?: string; to?: string; organizationId?: number }): Promise<HardshipStatistics> {
    if (!actor.organization) fail('forbidden');
    const { from, to, start, end } = statisticsPeriod(query, this.clock.today());
    const org = await this.organizations.get(query.organizationId ?? actor.organization.id);
    if (!actorCovers(actor, org.path)) fail('not_found');
    // Statistics read from a replica when one is configured (a few seconds behind is fine here).
    return this.db.fromReplica(async (m) => {
      const byState = new Map(Object.entries(await this.cases.countByState('hardship_application', { start, end }, org.path, m)));
      const count = (...states: string[]) => states.reduce((sum, s) => sum + (byState.get(s) ?? 0), 0);
      const submitted = [...byState.values()].reduce((a, b) => a + b, 0);

      const files = whereUnder(m.getRepository(HardshipFile).createQueryBuilder('f'), 'f.organizationPath', org.path);
      // Both counted from the files' cases in the same subtree: in the file at the end are those
      // filed by then less those closed by then (a file closes once, its case's `close` step).
      const ever = { start: new Date(0), end };
      const [filed, closed, filedByEnd, closedByEnd] = await Promise.all([
        files.clone().andWhere('f.filedAt BETWEEN :start AND :end', { start, end }).getCount(),
        this.cases.countSteps('hardship_file', 'close', { start, end }, org.path, m),
        this.cases.countByState('hardship_file', ever, org.path, m).then((n) => Object.values(n).reduce((a, b) => a + b, 0)),
        this.cases.countSteps('hardship_file', 'close', ever, org.path, m),
      ]);
      const activeAtEnd = filedByEnd - closedByEnd;

      // Aid of the period, aggregated in the database: by type, in total, and by campaign.
      const aidOfPeriod = () =>
        whereUnder(
          this.cases
            .joinCase(m.createQueryBuilder(AssistanceRecord, 'r'), 'r', 'c')
            .where('c.state <> :cancelled AND r.approvedAt BETWEEN :start AND :end', { cancelled: 'cancelled', start, end }),
          'c.organizationPath',
          org.path,
        );
      type Sums = { records: string | number; households: string | number; amountFen: string | number | null };
      const sums = (qb: ReturnType<typeof aidOfPeriod>) =>
        qb.addSelect('COUNT(*)', 'records').addSelect('COUNT(DISTINCT r.fileId)', 'households').addSelect('SUM(r.amountFen)', 'amountFen');
      const [perType, [total], perCampaign] = await Promise.all([
        sums(aidOfPeriod().select('r.aidType', 'aidType')).groupBy('r.aidType').getRawMany<Sums & { aidType: AidType }>(),
        sums(aidOfPeriod().select("SUM(CASE WHEN c.state <> 'approved' THEN r.amountFen ELSE 0 END)", 'paidFen'))
          .addSelect("SUM(CASE WHEN c.state = 'paid' THEN 1 ELSE 0 END)", 'awaitingSignature')
          .getRawMany<Sums & { paidFen: string | number | null; awaitingSignature: string | number | null }>(),
        sums(aidOfPeriod().select('r.campaignId', 'campaignId').andWhere('r.campaignId IS NOT NULL'))
          .groupBy('r.campaignId')
          .getRawMany<Sums & { campaignId: number }>(),
      ]);
      const byTypeRow = new Map(perType.map((r) => [r.aidType, r]));
      const byType = (Object.keys(AID_TYPE_LABEL) as AidType[]).map((aidType) => {
        const r = byTypeRow.get(aidType);
        return {
          aidType,
          aidTypeLabel: AID_TYPE_LABEL[aidType],
          records: Number(r?.records ?? 0),
          households: Number(r?.households ?? 0),
          amountFen: Number(r?.amountFen ?? 0),
        };
      });
      const byCampaign = new Map(perCampaign.map((r) => [Number(r.campaignId), r]));
      const campaigns = byCampaign.size ? await m.getRepository(Campaign).findBy({ id: In([...byCampaign.keys()]) }) : [];
      return {
        from,
        to,
        organizationName: org.name,
        applications: {
          submitted,
          filed: count('filed'),
          rejected: count('rejected'),
          withdrawn: count('withdrawn'),
          open: submitted - count('filed', 'rejected', 'withdrawn'),
        },
        files: { filed, closed, activeAtEnd },
        aid: {
          byType,
          totalFen: Number(total?.amountFen ?? 0),
          households: Number(total?.households ?? 0),
          paidFen: Number(total?.paidFen ?? 0),
          awaitingSignature: Number(total?.awaitingSignature ?? 0),
        },
        campaigns: campaigns.map((c) => ({
          id: c.id,
          title: c.title,
          kindLabel: CAMPAIGN_KIND_LABEL[c.kind],
          households: Number(byCampaign.get(c.id)?.households ?? 0),
          amountFen: Number(byCampaign.get(c.id)?.amountFen ?? 0),
          budgetFen: c.budgetFen,
        })),
      };
    });
  }
}
