import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ClockModule, type Clock } from './common/clock';
import { AppConfigModule } from './config/config.module';
import type { AppConfig } from './config/configuration';
import { DatabaseModule } from './database/database.module';
import { ENTITIES } from './entities';
import { HealthController } from './modules/health/health.controller';
import { HardshipModule } from './modules/hardship/hardship.module';
import { LegalModule } from './modules/legal/legal.module';
import { CompetitionsModule } from './modules/competitions/competitions.module';
import { ProposalsModule } from './modules/proposals/proposals.module';
import { HonoursModule } from './modules/honours/honours.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { IdentityModule } from './modules/identity/identity.module';
import { MembershipModule } from './modules/membership/membership.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { UploadsModule } from './modules/uploads/uploads.module';
import { WorkbenchModule } from './modules/workbench/workbench.module';
import { WorkflowModule } from './modules/workflow/workflow.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Lets the route inventory test (and later an admin console) list every route and its access rule.
        DiscoveryModule,
        AppConfigModule.forRoot(config),
        ClockModule.forRoot(clock),
        DatabaseModule.forRoot(config.database, ENTITIES),
        JobsModule,
        WorkflowModule,
        NotificationsModule,
        OrganizationsModule,
        IdentityModule,
        MembershipModule,
        WorkbenchModule,
        UploadsModule,
        HardshipModule,
        LegalModule,
        CompetitionsModule,
        ProposalsModule,
        HonoursModule,
        MetricsModule,
      ],
      controllers: [HealthController],
    };
  }
}
