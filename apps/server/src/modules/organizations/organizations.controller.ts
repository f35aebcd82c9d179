import { Controller, Get } from '@nestjs/common';
import { Answers, QueryOf } from '../../common/schema';
import { ApiTags } from '@nestjs/swagger';
import {
  organizationList,
  organizationRouteSuggestion,
  type OrganizationRouteSuggestion,
  type OrganizationView,
  organizationRouteQuery,
  organizationSearchQuery,
  type OrganizationRouteQuery,
  type OrganizationSearchQuery,
} from '@union/shared';
import { Public, SignedIn } from '../../common/access';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  /**
   * The county federations of the deployment, to choose from where a worker's request goes to a
   * county's own centre (a county's own deployment lists one; a province's, all of its counties).
   */
  @Get('counties')
  @Public()
  @Answers(organizationList)
  async counties(): Promise<OrganizationView[]> {
    return this.organizations.views(await this.organizations.counties());
  }

  @Get('search')
  @SignedIn()
  @Answers(organizationList)
  async search(@QueryOf(organizationSearchQuery) query: OrganizationSearchQuery): Promise<OrganizationView[]> {
    return this.organizations.views(await this.organizations.search(query.q, query.limit ?? 20));
  }

  @Get('route')
  @SignedIn()
  @Answers(organizationRouteSuggestion)
  route(@QueryOf(organizationRouteQuery) query: OrganizationRouteQuery): Promise<OrganizationRouteSuggestion> {
    return this.organizations.route(query.employerName, query.countyId);
  }
}
