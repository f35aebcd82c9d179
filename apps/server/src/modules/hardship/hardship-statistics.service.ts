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
    const m = this.db.manager;

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

    const aid = await whereUnder(
      this.cases
        .joinCase(m.createQueryBuilder(AssistanceRecord, 'r'), 'r', 'c')
        .select([
          'r.aidType AS aidType',
          'r.fileId AS fileId',
          'r.amountFen AS amountFen',
          'r.campaignId AS campaignId',
          'c.state AS state',
        ])
        .where('c.state <> :cancelled AND r.approvedAt BETWEEN :start AND :end', { cancelled: 'cancelled', start, end }),
      'c.organizationPath',
      org.path,
    ).getRawMany<{ aidType: AidType; fileId: number; amountFen: string | number; campaignId: number | null; state: string }>();
    const byType = (Object.keys(AID_TYPE_LABEL) as AidType[]).map((aidType) => {
      const rows = aid.filter((r) => r.aidType === aidType);
      return {
        aidType,
        aidTypeLabel: AID_TYPE_LABEL[aidType],
        records: rows.length,
        households: new Set(rows.map((r) => Number(r.fileId))).size,
        amountFen: rows.reduce((sum, r) => sum + Number(r.amountFen), 0),
      };
    });
    const campaignIds = [...new Set(aid.filter((r) => r.campaignId).map((r) => Number(r.campaignId)))];
    const campaigns = campaignIds.length ? await m.getRepository(Campaign).findBy({ id: In(campaignIds) }) : [];
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
        totalFen: aid.reduce((sum, r) => sum + Number(r.amountFen), 0),
        households: new Set(aid.map((r) => Number(r.fileId))).size,
        paidFen: aid.filter((r) => r.state !== 'approved').reduce((sum, r) => sum + Number(r.amountFen), 0),
        awaitingSignature: aid.filter((r) => r.state === 'paid').length,
      },
      campaigns: campaigns.map((c) => {
        const rows = aid.filter((r) => Number(r.campaignId) === c.id);
        return {
          id: c.id,
          title: c.title,
          kindLabel: CAMPAIGN_KIND_LABEL[c.kind],
          households: new Set(rows.map((r) => Number(r.fileId))).size,
          amountFen: rows.reduce((sum, r) => sum + Number(r.amountFen), 0),
          budgetFen: c.budgetFen,
        };
      }),
    };
  }
}
