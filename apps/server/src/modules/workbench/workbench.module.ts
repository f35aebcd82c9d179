import { OrganizationsModule } from '../organizations/organizations.module';
import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { MembershipModule } from '../membership/membership.module';
import { PiiModule } from '../pii/pii.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { CaseSearchController } from './case-search.controller';
import { CaseSearchService } from './case-search.service';
import { WorkbenchController } from './workbench.controller';
import { WorkbenchService } from './workbench.service';

/** The staff workbench and case search: cases waiting for the actor's level, and any case they handle, across case types (CaseViews comes from the global workflow module). */
@Module({
  imports: [OrganizationsModule, CompetitionsModule, ProposalsModule, MembershipModule, PiiModule],
  controllers: [WorkbenchController, CaseSearchController],
  providers: [WorkbenchService, CaseSearchService],
})
export class WorkbenchModule {}
