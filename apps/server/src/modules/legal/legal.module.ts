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
import { CaseHandlers } from '../workflow/case-handlers';
import { fail } from '../../common/app-exception';

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

  /** This module's case types answer the case API through their own services. */
  onModuleInit(): void {
    this.caseHandlers.registerService('legal_consultation', this.consultations);
    this.caseHandlers.register({
      caseType: 'legal_aid_application',
      actions: async (actor, id) => (await this.aid.get(actor, id)).actions,
      // Every other step of legal aid records a form (acceptance, stages, closing) on its own endpoint.
      transition: (actor, id, input) =>
        input.action === 'withdraw' ? this.aid.withdraw(actor, id, input.version) : fail('action_not_allowed'),
    });
    this.caseHandlers.registerService('legal_thread', this.threads);
    this.caseHandlers.registerService('petition', this.petitions);
  }
}
