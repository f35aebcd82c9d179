import { Global, Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { CASE_TYPES, validateAllWorkflows } from '@union/shared';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { CalendarController } from './calendar.controller';
import { WorkCalendars } from './work-calendars';
import { CaseHandlers } from './case-handlers';
import { CaseViews } from './case-views';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { TransitionService } from './transition.service';
import { WorkflowCases } from './workflow-cases.service';
import { workCalendarProvider } from './work-calendar.provider';

/** The workflow engine's server side: one transition service for every case type. */
@Global()
@Module({
  imports: [NotificationsModule, OrganizationsModule],
  controllers: [CasesController, CalendarController],
  providers: [TransitionService, WorkflowCases, CaseViews, CaseHandlers, CasesService, workCalendarProvider, WorkCalendars],
  exports: [TransitionService, WorkflowCases, CaseViews, CaseHandlers, workCalendarProvider, WorkCalendars],
})
export class WorkflowModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly handlers: CaseHandlers,
    private readonly transitions: TransitionService,
  ) {}

  /** The tables are checked at boot as well as in tests: a server with an unsound table does not start. */
  onModuleInit(): void {
    const problems = validateAllWorkflows();
    if (problems.length) throw new Error(`workflow tables are unsound:\n${problems.join('\n')}`);
  }

  /** Once every module has registered its handlers and processes: each case type has exactly one of each. */
  onApplicationBootstrap(): void {
    const missing = this.handlers.missing(CASE_TYPES);
    if (missing.length) throw new Error(`case types without a handler: ${missing.join(', ')}`);
    const noProcess = this.transitions.missingProcesses(CASE_TYPES);
    if (noProcess.length) throw new Error(`case types without a process: ${noProcess.join(', ')}`);
  }
}
