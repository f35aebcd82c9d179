import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { caseSearchPage, caseSearchQuery, type CaseSearchPage, type CaseSearchQuery } from '@union/shared';
import { RequirePermission } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { Answers, BodyOf } from '../../common/schema';
import { CaseSearchService } from './case-search.service';

/** POST /api/cases/search: the staff's search over the cases of every type they handle. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseSearchController {
  constructor(private readonly search: CaseSearchService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('workbench.view')
  @Answers(caseSearchPage)
  find(@CurrentActor() actor: Actor, @BodyOf(caseSearchQuery) query: CaseSearchQuery): Promise<CaseSearchPage> {
    return this.search.search(actor, query);
  }
}
