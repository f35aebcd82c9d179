import { NoticesModule } from '../notices/notices.module';
import { RuleSetsModule } from '../rule-sets/rule-sets.module';
import { MembershipModule } from '../membership/membership.module';
import { Module, type OnModuleInit } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PiiModule } from '../pii/pii.module';
import { UploadsModule } from '../uploads/uploads.module';
import { HardshipController, HardshipFilesController } from './hardship.controller';
import { HardshipApplicationsService } from './hardship-applications.service';
import { HardshipCampaignsService } from './hardship-campaigns.service';
import { HardshipDraftsService } from './hardship-drafts.service';
import { HardshipFilesService } from './hardship-files.service';
import { AssistanceRecordsService } from './assistance-records.service';
import { HardshipNoticesService } from './hardship-notices.service';
import { HardshipPiiService } from './hardship-pii.service';
import { HardshipRulesService } from './hardship-rules.service';
import { HardshipStatisticsService } from './hardship-statistics.service';
import { HardshipStepsService } from './hardship-steps.service';
import { HardshipViews } from './hardship-views.service';
import { HardshipApplicationProcess } from './hardship-application.process';
import { HardshipFileProcess } from './hardship-file.process';
import { AssistanceRecordProcess } from './assistance-record.process';
import { GrantApplicationProcess } from './grant-application.process';
import { CaseHandlers } from '../workflow/case-handlers';

/** Hardship assistance (困难职工帮扶): rules, applications, the procedure, files and aid. */
@Module({
  imports: [
    RuleSetsModule,
    NoticesModule,
    MembershipModule,
    IdentityModule,
    OrganizationsModule,
    PiiModule,
    NotificationsModule,
    UploadsModule,
  ],
  controllers: [HardshipController, HardshipFilesController],
  providers: [
    HardshipRulesService,
    HardshipDraftsService,
    HardshipApplicationsService,
    HardshipStepsService,
    HardshipNoticesService,
    HardshipFilesService,
    AssistanceRecordsService,
    HardshipCampaignsService,
    HardshipPiiService,
    HardshipStatisticsService,
    HardshipViews,
    HardshipApplicationProcess,
    HardshipFileProcess,
    AssistanceRecordProcess,
    GrantApplicationProcess,
  ],
  exports: [
    HardshipRulesService,
    HardshipApplicationsService,
    HardshipStepsService,
    HardshipFilesService,
    AssistanceRecordsService,
    HardshipViews,
  ],
})
export class HardshipModule implements OnModuleInit {
  constructor(
    private readonly caseHandlers: CaseHandlers,
    private readonly applications: HardshipApplicationsService,
    private readonly aidRecords: AssistanceRecordsService,
    private readonly campaigns: HardshipCampaignsService,
    private readonly files: HardshipFilesService,
  ) {}

  /** This module's case types show their actions to the case API through their own services; their steps are their processes. */
  onModuleInit(): void {
    this.caseHandlers.registerService('hardship_application', this.applications);
    this.caseHandlers.register({
      caseType: 'assistance_record',
      actions: async (actor, id) => (await this.aidRecords.aid(actor, id)).actions,
    });
    // Every step of a file is the re-check form (POST /hardship/files/:id/recheck); the case API refuses them.
    this.caseHandlers.register({
      caseType: 'hardship_file',
      actions: async (actor, id) => (await this.files.get(actor, id)).actions,
    });
    this.caseHandlers.register({
      caseType: 'grant_application',
      actions: async (actor, id) => (await this.campaigns.getGrant(actor, id)).actions,
    });
  }
}
