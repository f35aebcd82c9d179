import { NoticesModule } from '../notices/notices.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { MembershipModule } from '../membership/membership.module';
import { LegalModule } from '../legal/legal.module';
import { Module, type OnModuleInit } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CompetitionEntriesService } from './competition-entries.service';
import { CompetitionJudgingService } from './competition-judging.service';
import { CompetitionResultsService } from './competition-results.service';
import { CompetitionsController } from './competitions.controller';
import { CompetitionsService } from './competitions.service';
import { CompetitionObjectionsService } from './competition-objections.service';
import { EmployerFlagsService } from './employer-flags.service';
import { CompetitionProcess } from './competition.process';
import { CompetitionEntryProcess } from './competition-entry.process';
import { CaseHandlers } from '../workflow/case-handlers';

/** Competitions, their entries, judging and results; the employer flags honours use too. */
@Module({
  imports: [LegalModule, NoticesModule, MembershipModule, OrganizationsModule, IdentityModule, NotificationsModule],
  controllers: [CompetitionsController],
  providers: [
    EmployerFlagsService,
    CompetitionResultsService,
    CompetitionsService,
    CompetitionObjectionsService,
    CompetitionEntriesService,
    CompetitionJudgingService,
    CompetitionProcess,
    CompetitionEntryProcess,
  ],
  exports: [EmployerFlagsService, CompetitionsService, CompetitionEntriesService, CompetitionJudgingService, CompetitionResultsService],
})
export class CompetitionsModule implements OnModuleInit {
  constructor(
    private readonly caseHandlers: CaseHandlers,
    private readonly competitions: CompetitionsService,
    private readonly entries: CompetitionEntriesService,
  ) {}

  /** This module's case types answer the case API through their own services. */
  onModuleInit(): void {
    this.caseHandlers.registerService('competition', this.competitions);
    this.caseHandlers.register({
      caseType: 'competition_entry',
      actions: (actor, id) => this.entries.actions(actor, id),
    });
  }
}
