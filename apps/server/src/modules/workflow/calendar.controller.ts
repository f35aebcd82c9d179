import { Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  calendarDateParam,
  calendarDayBody,
  calendarDayList,
  calendarDaysQuery,
  calendarDayView,
  type CalendarDayRequest,
  type CalendarDaysQuery,
  type CalendarDayView,
} from '@union/shared';
import { RequirePermission } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { Answers, BodyOf, ParamOf, QueryOf } from '../../common/schema';
import { WorkCalendars } from './work-calendars';

/** A county's own days in the work calendar (its local holidays and working days), for its staff. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendars: WorkCalendars) {}

  @Get('days')
  @RequirePermission('workbench.view')
  @Answers(calendarDayList)
  list(@CurrentActor() actor: Actor, @QueryOf(calendarDaysQuery) query: CalendarDaysQuery): Promise<CalendarDayView[]> {
    return this.calendars.list(actor, query.from);
  }

  @Put('days/:date')
  @RequirePermission('organization.manage')
  @Answers(calendarDayView)
  set(
    @CurrentActor() actor: Actor,
    @ParamOf('date', calendarDateParam) date: string,
    @BodyOf(calendarDayBody) body: CalendarDayRequest,
  ): Promise<CalendarDayView> {
    return this.calendars.set(actor, date, body);
  }

  @Delete('days/:date')
  @HttpCode(204)
  @RequirePermission('organization.manage')
  remove(@CurrentActor() actor: Actor, @ParamOf('date', calendarDateParam) date: string): Promise<void> {
    return this.calendars.remove(actor, date);
  }
}
