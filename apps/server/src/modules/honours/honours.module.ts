import { NoticesModule } from '../notices/notices.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { Module, type OnModuleInit } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { PiiModule } from '../pii/pii.module';
import { UploadsModule } from '../uploads/uploads.module';
import { HonoursController } from './honours.controller';
import { HonoursService } from './honours.service';
import { ModelWorkersService } from './model-workers.service';
import { NominationProcess } from './nomination.process';
import { CaseHandlers } from '../workflow/case-handlers';

/** Honours and the model-worker registry. */
@Module({
  imports: [OrganizationsModule, NoticesModule, CompetitionsModule, UploadsModule, PiiModule],
  controllers: [HonoursController],
  providers: [HonoursService, ModelWorkersService, NominationProcess],
  exports: [HonoursService],
})
export class HonoursModule implements OnModuleInit {
  constructor(
    private readonly caseHandlers: CaseHandlers,
    private readonly honours: HonoursService,
  ) {}

  /** This module's case types answer the case API through their own services. */
  onModuleInit(): void {
    this.caseHandlers.registerService('honour_nomination', this.honours);
  }
}
