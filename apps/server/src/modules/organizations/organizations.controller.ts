import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { OrganizationRouteSuggestion, OrganizationView } from '@union/shared';
import { SignedIn } from '../../common/access';
import { OrganizationRouteQuery, OrganizationSearchQuery } from './organizations.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get('search')
  @SignedIn()
  async search(@Query() query: OrganizationSearchQuery): Promise<OrganizationView[]> {
    return this.organizations.views(await this.organizations.search(query.q, query.limit ?? 20));
  }

  @Get('route')
  @SignedIn()
  route(@Query() query: OrganizationRouteQuery): Promise<OrganizationRouteSuggestion> {
    return this.organizations.route(query.employerName);
  }
}
