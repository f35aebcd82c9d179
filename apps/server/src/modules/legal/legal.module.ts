import { RuleSetsModule } from '../rule-sets/rule-sets.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { Module, type OnModuleInit } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PiiModule } from '../pii/pii.module';
import { UploadsModule } from '../uploads/uploads.module';
import { LegalController } from './legal.controller';
import { LegalAidViews } from './legal-aid-views.service';
import { LegalAidService } from './legal-aid.service';
import { ConsultationReminders } from './consultation-reminders.job';
import { LegalAidClocks } from './legal-aid-clocks.service';
import { LegalStatisticsService } from './legal-statistics.service';
import { LegalConsultationsService } from './legal-consultations.service';
import { LegalPetitionsService } from './legal-petitions.service';
import { LegalThreadsService } from './legal-threads.service';
import { LegalRulesService } from './legal-rules.service';
import { LegalScheduleService } from './legal-schedule.service';
import { LegalClocksJob } from './legal-clocks.job';
import { LegalConsultationProcess } from './legal-consultation.process';
import { LegalAidProcess } from './legal-aid.process';
import { LegalThreadProcess } from './legal-thread.process';
import { PetitionProcess } from './petition.process';
import { CaseHandlers } from '../workflow/case-handlers';

/** Legal services (法律服务): consultations with the centre's lawyers and legal aid. */
@Module({
  imports: [RuleSetsModule, OrganizationsModule, IdentityModule, PiiModule, NotificationsModule, UploadsModule],
  controllers: [LegalController],
  providers: [
    LegalRulesService,
    LegalScheduleService,
    LegalConsultationsService,
    LegalAidViews,
    LegalAidService,
    LegalAidClocks,
    ConsultationReminders,
    LegalStatisticsService,
    LegalThreadsService,
    LegalPetitionsService,
    LegalClocksJob,
    LegalConsultationProcess,
    LegalAidProcess,
    LegalThreadProcess,
    PetitionProcess,
  ],
  exports: [LegalAidViews, LegalScheduleService, LegalConsultationsService, LegalAidService, LegalThreadsService, LegalPetitionsService],
})
export class LegalModule implements OnModuleInit {
  constructor(
    private readonly caseHandlers: CaseHandlers,
    private readonly consultations: LegalConsultationsService,
    private readonly aid: LegalAidService,
    private readonly threads: LegalThreadsService,
    private readonly petitions: LegalPetitionsService,
  ) {}

  /**
   * This module's case types show the case API their actions through their own services; their
   * steps are their registered processes (legal aid's only plain step is withdrawing: the process
   * refuses the others without their forms).
   */
  onModuleInit(): void {
    this.caseHandlers.registerService('legal_consultation', this.consultations);
    this.caseHandlers.registerService('legal_aid_application', this.aid);
    this.caseHandlers.registerService('legal_thread', this.threads);
    this.caseHandlers.registerService('petition', this.petitions);
  }
}
