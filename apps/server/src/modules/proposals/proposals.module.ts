import { OrganizationsModule } from '../organizations/organizations.module';
import { MembershipModule } from '../membership/membership.module';
import { Module, type OnModuleInit } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UploadsModule } from '../uploads/uploads.module';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';
import { ProposalProcess } from './proposal.process';
import { CaseHandlers } from '../workflow/case-handlers';

/** Rationalisation proposals (合理化建议). */
@Module({
  imports: [MembershipModule, OrganizationsModule, IdentityModule, NotificationsModule, UploadsModule],
  controllers: [ProposalsController],
  providers: [ProposalsService, ProposalProcess],
  exports: [ProposalsService],
})
export class ProposalsModule implements OnModuleInit {
  constructor(
    private readonly caseHandlers: CaseHandlers,
    private readonly proposals: ProposalsService,
  ) {}

  /** This module's case types answer the case API through their own services. */
  onModuleInit(): void {
    this.caseHandlers.registerService('proposal', this.proposals);
  }
}
