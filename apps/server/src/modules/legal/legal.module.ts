import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PiiModule } from '../pii/pii.module';
import { UploadsModule } from '../uploads/uploads.module';
import { LegalController } from './legal.controller';
import { LegalAidViews } from './legal-aid-views.service';
import { LegalAidService } from './legal-aid.service';
import { LegalConsultationsService } from './legal-consultations.service';
import { LegalPetitionsService } from './legal-petitions.service';
import { LegalThreadsService } from './legal-threads.service';
import { LegalRulesService } from './legal-rules.service';
import { LegalScheduleService } from './legal-schedule.service';

/** Legal services (法律服务): consultations with the centre's lawyers and legal aid. */
@Module({
  imports: [IdentityModule, PiiModule, NotificationsModule, UploadsModule],
  controllers: [LegalController],
  providers: [
    LegalRulesService,
    LegalScheduleService,
    LegalConsultationsService,
    LegalAidViews,
    LegalAidService,
    LegalThreadsService,
    LegalPetitionsService,
  ],
  exports: [LegalScheduleService, LegalConsultationsService, LegalAidService, LegalThreadsService, LegalPetitionsService],
})
export class LegalModule {}
