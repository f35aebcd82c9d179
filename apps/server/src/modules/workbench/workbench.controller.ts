import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, WorkbenchAssignments, WorkbenchItem, WorkbenchStepSummary } from '@union/shared';
import { IsOptional, Matches } from 'class-validator';
import { RequirePermission } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { PageQuery } from '../../common/paging.dto';
import { WorkbenchService } from './workbench.service';

/** The queue, optionally one step only (`?caseType=hardship_application&state=home_visit`). */
class QueueQuery extends PageQuery {
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/)
  caseType?: string;

  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/)
  state?: string;
}

@ApiTags('workbench')
@ApiBearerAuth()
@Controller('workbench')
export class WorkbenchController {
  constructor(private readonly workbench: WorkbenchService) {}

  @Get('queue')
  @RequirePermission('workbench.view')
  queue(@CurrentActor() actor: Actor, @Query() query: QueueQuery): Promise<Page<WorkbenchItem>> {
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
