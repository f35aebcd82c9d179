import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  formatYuan,
  GRANT_APPLICATION_WORKFLOW,
  SCHOOL_LEVEL_LABEL,
  type GrantApplicationAction,
  type GrantApplicationState,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import type { CaseNotice, CaseProcess, StepContext } from '../workflow/case-process';
import { TransitionService } from '../workflow/transition.service';
import { WorkflowCases, type WorkflowCase } from '../workflow/workflow-cases.service';
import { AssistanceRecordsService } from './assistance-records.service';
import { AssistanceRecord } from './entities/assistance-record.entity';
import { Campaign } from './entities/campaign.entity';
import { GrantApplication } from './entities/grant-application.entity';
import { HardshipFile } from './entities/hardship-file.entity';

const GRANT = GRANT_APPLICATION_WORKFLOW;

type Step = StepContext<GrantApplicationState, GrantApplication>;
type Process = CaseProcess<GrantApplicationState, GrantApplicationAction, GrantApplication>;

/** A 金秋助学 grant: approving spends the campaign's budget and approves the aid record; reject and withdraw tell the worker. */
@Injectable()
export class GrantApplicationProcess implements Process, OnModuleInit {
  readonly def = GRANT;

  constructor(
    private readonly clock: Clock,
    private readonly transitions: TransitionService,
    private readonly cases: WorkflowCases,
    private readonly aidRecords: AssistanceRecordsService,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<GrantApplication> {
    return manager.getRepository(GrantApplication).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  readonly steps: Process['steps'] = {
    /** While the campaign has not ended: spend its budget and approve the aid record by real name. */
    approve: {
      after: async ({ manager, actor, subject: grant }) => {
        const c = await manager.getRepository(Campaign).findOneBy({ id: grant.campaignId });
        if (!c) fail('not_found');
        if (this.clock.today() > c.endsOn) fail('action_not_allowed', '活动已结束');
        await this.spend(manager, c, grant.amountFen);
        const file = await manager.getRepository(HardshipFile).findOneByOrFail({ id: grant.fileId });
        const aid = await this.aidRecords.approveAid(
          manager,
          actor,
          file,
          {
            aidType: 'education',
            amountFen: grant.amountFen,
            fundSource: c.fundSource,
            comment: `${c.title}：${SCHOOL_LEVEL_LABEL[grant.schoolLevel]}`,
          },
          { campaignId: c.id },
        );
        await manager.getRepository(GrantApplication).update({ id: grant.id }, { aidRecordId: aid.id });
      },
    },
  };

  notice({ action, input, subject: grant }: Step): CaseNotice {
    return {
      title: action === 'approve' ? '金秋助学已批准' : action === 'reject' ? '金秋助学未通过' : '金秋助学申请已撤回',
      body: action === 'approve' ? `助学金 ${formatYuan(grant.amountFen)} 将按实名发放，到账后请签收。` : (input.comment ?? ''),
      link: '/pages/hardship/mine/index',
    };
  }

  /**
   * Spend from a campaign's budget (its aid records not cancelled), also for the 送温暖 selection:
   * compare-and-set on the campaign's version, so two approvals cannot overspend.
   */
  async spend(manager: EntityManager, c: Campaign, amountFen: number): Promise<void> {
    const { used } = (await this.cases
      .joinCase(manager.createQueryBuilder(AssistanceRecord, 'r'), 'r', 'k')
      .select('COALESCE(SUM(r.amountFen), 0)', 'used')
      .where('r.campaignId = :id AND k.state <> :cancelled', { id: c.id, cancelled: 'cancelled' })
      .getRawOne<{ used: string | number }>()) ?? { used: 0 };
    const usedFen = Number(used);
    if (usedFen + amountFen > c.budgetFen) {
      fail('over_budget', `超出活动预算：预算 ${formatYuan(c.budgetFen)}，已用 ${formatYuan(usedFen)}，本次 ${formatYuan(amountFen)}`);
    }
    const result = await manager
      .createQueryBuilder()
      .update(Campaign)
      .set({ version: c.version + 1 })
      .where('id = :id AND version = :version', { id: c.id, version: c.version })
      .execute();
    if (result.affected !== 1) fail('state_conflict');
  }
}
