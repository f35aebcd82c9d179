import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CompetitionEntriesService } from './competition-entries.service';
import { CompetitionJudgingService } from './competition-judging.service';
import { CompetitionResultsService } from './competition-results.service';
import { CompetitionsController } from './competitions.controller';
import { CompetitionsService } from './competitions.service';
import { EmployerFlagsService } from './employer-flags.service';

/** Competitions, their entries, judging and results; the employer flags honours use too. */
@Module({
  imports: [IdentityModule, NotificationsModule],
  controllers: [CompetitionsController],
  providers: [EmployerFlagsService, CompetitionResultsService, CompetitionsService, CompetitionEntriesService, CompetitionJudgingService],
  exports: [EmployerFlagsService, CompetitionsService, CompetitionEntriesService, CompetitionJudgingService, CompetitionResultsService],
})
export class CompetitionsModule {}
