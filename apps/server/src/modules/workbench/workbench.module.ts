import { OrganizationsModule } from '../organizations/organizations.module';
import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { WorkbenchController } from './workbench.controller';
import { WorkbenchService } from './workbench.service';

/** The staff workbench: cases waiting for the actor's level, across case types (CaseViews comes from the global workflow module). */
@Module({
  imports: [OrganizationsModule, CompetitionsModule, ProposalsModule],
  controllers: [WorkbenchController],
  providers: [WorkbenchService],
})
export class WorkbenchModule {}
