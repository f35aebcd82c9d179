import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, WorkbenchItem } from '@union/shared';
import { RequirePermission } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { PageQuery } from '../../common/paging.dto';
import { WorkbenchService } from './workbench.service';

@ApiTags('workbench')
@ApiBearerAuth()
@Controller('workbench')
export class WorkbenchController {
  constructor(private readonly workbench: WorkbenchService) {}

  @Get('queue')
  @RequirePermission('workbench.view')
  queue(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<WorkbenchItem>> {
    return this.workbench.queue(actor, query.after, query.limit ?? 20);
  }
}
