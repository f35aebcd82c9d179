import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { pageQuery, z, type Page, type WorkbenchAssignments, type WorkbenchItem, type WorkbenchStepSummary } from '@union/shared';
import { RequirePermission } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { QueryOf } from '../../common/schema';
import { WorkbenchService } from './workbench.service';

const stepName = z.string().regex(/^[a-z_]{1,40}$/, '不是一个类型或步骤名');

/**
 * GET /api/workbench/queue: the queue, optionally one step only (`?caseType=hardship_application&state=home_visit`).
 * (Kept here until packages/shared has a workbench schema file of its own.)
 */
export const queueQuery = pageQuery.extend({
  caseType: stepName.optional().meta({ description: '只看这一类案件', example: 'hardship_application' }),
  state: stepName.optional().meta({ description: '只看这一步', example: 'home_visit' }),
});
export type QueueQuery = z.output<typeof queueQuery>;

@ApiTags('workbench')
@ApiBearerAuth()
@Controller('workbench')
export class WorkbenchController {
  constructor(private readonly workbench: WorkbenchService) {}

  @Get('queue')
  @RequirePermission('workbench.view')
  queue(@CurrentActor() actor: Actor, @QueryOf(queueQuery) query: QueueQuery): Promise<Page<WorkbenchItem>> {
    return this.workbench.queue(actor, query.after, query.limit ?? 20, { caseType: query.caseType, state: query.state });
  }

  @Get('assignments')
  @RequirePermission('workbench.view')
  assignments(@CurrentActor() actor: Actor): Promise<WorkbenchAssignments> {
    return this.workbench.assignments(actor);
  }

  @Get('summary')
  @RequirePermission('workbench.view')
  summary(@CurrentActor() actor: Actor): Promise<WorkbenchStepSummary[]> {
    return this.workbench.summary(actor);
  }
}
