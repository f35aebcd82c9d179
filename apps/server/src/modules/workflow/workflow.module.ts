import { Global, Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { CaseViews } from './case-views';
import { TransitionService } from './transition.service';
import { workCalendarProvider } from './work-calendar.provider';

/** The workflow engine's server side: one transition service for every case type. */
@Global()
@Module({
  imports: [NotificationsModule],
  providers: [TransitionService, CaseViews, workCalendarProvider],
  exports: [TransitionService, CaseViews, workCalendarProvider],
})
export class WorkflowModule {}
