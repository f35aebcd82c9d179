import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  workbenchAssignments,
  workbenchPage,
  workbenchQueueQuery,
  workbenchSummary,
  type Page,
  type WorkbenchQueueQuery,
  type WorkbenchAssignments,
  type WorkbenchItem,
  type WorkbenchStepSummary,
} from '@union/shared';
import { RequirePermission } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { Answers, QueryOf } from '../../common/schema';
import { WorkbenchService } from './workbench.service';

@ApiTags('workbench')
@ApiBearerAuth()
@Controller('workbench')
export class WorkbenchController {
  constructor(private readonly workbench: WorkbenchService) {}

  @Get('queue')
  @RequirePermission('workbench.view')
  @Answers(workbenchPage)
  queue(@CurrentActor() actor: Actor, @QueryOf(workbenchQueueQuery) query: WorkbenchQueueQuery): Promise<Page<WorkbenchItem>> {
    return this.workbench.queue(actor, query.after, query.limit ?? 20, { caseType: query.caseType, state: query.state });
  }

  @Get('assignments')
  @RequirePermission('workbench.view')
  @Answers(workbenchAssignments)
  assignments(@CurrentActor() actor: Actor): Promise<WorkbenchAssignments> {
    return this.workbench.assignments(actor);
  }

  @Get('summary')
  @RequirePermission('workbench.view')
  @Answers(workbenchSummary)
  summary(@CurrentActor() actor: Actor): Promise<WorkbenchStepSummary[]> {
    return this.workbench.summary(actor);
  }
}
