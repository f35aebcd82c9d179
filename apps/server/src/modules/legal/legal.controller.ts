import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { BodyOf, ParamOf } from '../../common/schema';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  cstDate,
  evidenceChecklist,
  type AvailabilityExceptionView,
  type AvailabilityRuleView,
  type ConsultationAction,
  type ConsultationView,
  type DisputeType,
  type EvidenceChecklistItem,
  type LawyerView,
  type LegalAidApplicationView,
  type LegalAidEligibility,
  type LegalAidRuleSetView,
  type LegalAidSummary,
  type LegalStatistics,
  type LegalThreadAction,
  type LegalThreadSummary,
  type LegalThreadView,
  type PetitionAction,
  type PetitionView,
  type Page,
  type SlotDayView,
  type RevealResponse,
  transitionBody,
  type TransitionBody,
} from '@union/shared';
import { IsIn, IsInt, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { RequirePermission, SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { PageQuery } from '../../common/paging.dto';
import { IsDay } from '../../common/validation';
import { RecordRevealBody } from '../../common/reveal.dto';
import {
  AcceptLegalAidBody,
  AdviceBody,
  AssignBody,
  CreatePetitionBody,
  CreateThreadBody,
  PetitionMeetingBody,
  ResolvePetitionBody,
  ThreadListQuery,
  ThreadMessageBody,
  AvailabilityExceptionBody,
  BookConsultationBody,
  CloseLegalAidBody,
  CreateLegalAidBody,
  EligibilityBody,
  LegalAidDatesBody,
  LegalAidStageBody,
  LegalListQuery,
  LegalRuleSetBody,
  RatingBody,
  RejectLegalAidBody,
  RescheduleBody,
  SetAvailabilityBody,
  SlotsQuery,
  StatisticsQuery,
} from './legal.dto';
import { LegalAidService } from './legal-aid.service';
import { LegalConsultationsService } from './legal-consultations.service';
import { LegalPetitionsService } from './legal-petitions.service';
import { LegalThreadsService } from './legal-threads.service';
import { LegalRulesService } from './legal-rules.service';
import { LegalScheduleService } from './legal-schedule.service';

const DISPUTES: DisputeType[] = ['unpaid_wages', 'work_injury', 'contract', 'social_insurance', 'dismissal', 'other'];

class ChecklistQuery {
  @ApiProperty({ enum: DISPUTES })
  @IsIn(DISPUTES)
  disputeType: DisputeType;
}

class DayQuery {
  @ApiProperty({ example: '2026-12-01' })
  @IsDay()
  date: string;
}

class VersionBody {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;
}

/** Legal services (法律服务): schedules and consultations, legal aid, the centre's figures. */
@ApiTags('legal')
@ApiBearerAuth()
@Controller('legal')
export class LegalController {
  constructor(
    private readonly rules: LegalRulesService,
    private readonly schedule: LegalScheduleService,
    private readonly consultations: LegalConsultationsService,
    private readonly aid: LegalAidService,
    private readonly threads: LegalThreadsService,
    private readonly petitions: LegalPetitionsService,
  ) {}

  @Get('rule-sets/current')
  @SignedIn()
  currentRules(): Promise<LegalAidRuleSetView> {
    return this.rules.current();
  }

  @Post('rule-sets')
  @RequirePermission('legal.aid.decide')
  createRules(@CurrentActor() actor: Actor, @Body() body: LegalRuleSetBody): Promise<LegalAidRuleSetView> {
    return this.rules.create(actor, body);
  }

  // ---- schedules ----

  @Get('lawyers')
  @RequirePermission('legal.consult')
  lawyers(): Promise<LawyerView[]> {
    return this.schedule.list();
  }

  @Put('lawyers/:id/availability')
  @RequirePermission('legal.consult')
  setAvailability(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @Body() body: SetAvailabilityBody,
  ): Promise<AvailabilityRuleView[]> {
    return this.schedule.setAvailability(actor, id, body);
  }

  @Post('lawyers/:id/exceptions')
  @RequirePermission('legal.consult')
  addException(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @Body() body: AvailabilityExceptionBody,
  ): Promise<AvailabilityExceptionView> {
    return this.schedule.addException(actor, id, body);
  }

  @Delete('lawyers/:id/exceptions/:exceptionId')
  @HttpCode(204)
  @RequirePermission('legal.consult')
  removeException(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @ParamOf('exceptionId') exceptionId: number): Promise<void> {
    return this.schedule.removeException(actor, id, exceptionId);
  }

  @Get('slots')
  @RequirePermission('legal.apply')
  slots(@Query() query: SlotsQuery): Promise<SlotDayView[]> {
    return this.schedule.freeSlots(query);
  }

  // ---- consultations ----

  @Post('consultations')
  @RequirePermission('legal.apply')
  book(@CurrentActor() actor: Actor, @Body() body: BookConsultationBody): Promise<ConsultationView> {
    return this.consultations.book(actor, body);
  }

  @Get('consultations/mine')
  @RequirePermission('legal.apply')
  myConsultations(@CurrentActor() actor: Actor): Promise<ConsultationView[]> {
    return this.consultations.mine(actor);
  }

  @Get('consultations/day')
  @RequirePermission('legal.consult')
  day(@CurrentActor() actor: Actor, @Query() query: DayQuery): Promise<ConsultationView[]> {
    return this.consultations.day(actor, query.date ?? cstDate(new Date()));
  }

  @Get('consultations/:id')
  @SignedIn()
  consultation(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<ConsultationView> {
    return this.consultations.get(actor, id);
  }

  @Post('consultations/:id/transitions')
  @HttpCode(200)
  @SignedIn()
  consultationTransition(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(transitionBody) body: TransitionBody,
  ): Promise<ConsultationView> {
    return this.consultations.transition(actor, id, { ...body, action: body.action as ConsultationAction });
  }

  @Post('consultations/:id/reschedule')
  @HttpCode(200)
  @RequirePermission('legal.apply')
  reschedule(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: RescheduleBody): Promise<ConsultationView> {
    return this.consultations.reschedule(actor, id, body);
  }

  @Post('consultations/:id/reveal-phone')
  @HttpCode(200)
  @RequirePermission('legal.consult')
  revealPhone(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: RecordRevealBody): Promise<RevealResponse> {
    return this.consultations.revealPhone(actor, id, body.reason);
  }

  @Post('consultations/:id/advice')
  @HttpCode(200)
  @RequirePermission('legal.consult')
  advice(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: AdviceBody): Promise<ConsultationView> {
    return this.consultations.advice(actor, id, body);
  }

  @Post('consultations/:id/rating')
  @HttpCode(200)
  @RequirePermission('legal.apply')
  rate(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: RatingBody): Promise<ConsultationView> {
    return this.consultations.rate(actor, id, body);
  }

  // ---- legal aid ----

  @Get('evidence-checklist')
  @SignedIn()
  checklist(@Query() query: ChecklistQuery): EvidenceChecklistItem[] {
    return evidenceChecklist(query.disputeType);
  }

  @Post('eligibility')
  @HttpCode(200)
  @SignedIn()
  eligibility(@Body() body: EligibilityBody): Promise<LegalAidEligibility & { ruleSetVersion: number }> {
    return this.aid.eligibility(body);
  }

  @Post('aid-applications')
  @RequirePermission('legal.apply')
  apply(@CurrentActor() actor: Actor, @Body() body: CreateLegalAidBody): Promise<LegalAidApplicationView> {
    return this.aid.submit(actor, body);
  }

  @Get('aid-applications/mine')
  @RequirePermission('legal.apply')
  myApplications(@CurrentActor() actor: Actor): Promise<LegalAidApplicationView[]> {
    return this.aid.mine(actor);
  }

  @Get('aid-applications')
  @RequirePermission('legal.aid.handle')
  list(@CurrentActor() actor: Actor, @Query() query: LegalListQuery): Promise<Page<LegalAidSummary>> {
    return this.aid.list(actor, query);
  }

  @Get('aid-applications/:id')
  @SignedIn()
  application(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<LegalAidApplicationView> {
    return this.aid.get(actor, id);
  }

  @Post('aid-applications/:id/accept')
  @HttpCode(200)
  @RequirePermission('legal.aid.decide')
  accept(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: AcceptLegalAidBody): Promise<LegalAidApplicationView> {
    return this.aid.accept(actor, id, body);
  }

  @Post('aid-applications/:id/reject')
  @HttpCode(200)
  @RequirePermission('legal.aid.decide')
  reject(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: RejectLegalAidBody): Promise<LegalAidApplicationView> {
    return this.aid.reject(actor, id, body);
  }

  @Post('aid-applications/:id/withdraw')
  @HttpCode(200)
  @RequirePermission('legal.apply')
  withdraw(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: VersionBody): Promise<LegalAidApplicationView> {
    return this.aid.withdraw(actor, id, body.version);
  }

  @Post('aid-applications/:id/stage')
  @HttpCode(200)
  @RequirePermission('legal.aid.handle')
  stage(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: LegalAidStageBody): Promise<LegalAidApplicationView> {
    return this.aid.stage(actor, id, body);
  }

  @Patch('aid-applications/:id/dates')
  @RequirePermission('legal.aid.handle')
  dates(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: LegalAidDatesBody): Promise<LegalAidApplicationView> {
    return this.aid.updateDates(actor, id, body);
  }

  @Post('aid-applications/:id/reveal-phone')
  @HttpCode(200)
  @RequirePermission('legal.aid.handle')
  revealAidPhone(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: RecordRevealBody): Promise<RevealResponse> {
    return this.aid.revealPhone(actor, id, body.reason);
  }

  @Post('aid-applications/:id/close')
  @HttpCode(200)
  @RequirePermission('legal.aid.handle')
  close(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: CloseLegalAidBody): Promise<LegalAidApplicationView> {
    return this.aid.close(actor, id, body);
  }

  // ---- online consultation ----

  @Post('threads')
  @RequirePermission('legal.apply')
  createThread(@CurrentActor() actor: Actor, @Body() body: CreateThreadBody): Promise<LegalThreadView> {
    return this.threads.create(actor, body);
  }

  @Get('threads/mine')
  @RequirePermission('legal.apply')
  myThreads(@CurrentActor() actor: Actor): Promise<LegalThreadSummary[]> {
    return this.threads.mine(actor);
  }

  @Get('threads')
  @RequirePermission('legal.consult')
  threadList(@CurrentActor() actor: Actor, @Query() query: ThreadListQuery): Promise<Page<LegalThreadSummary>> {
    return this.threads.list(actor, query);
  }

  @Get('threads/:id')
  @SignedIn()
  thread(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<LegalThreadView> {
    return this.threads.get(actor, id);
  }

  @Post('threads/:id/messages')
  @HttpCode(200)
  @SignedIn()
  postMessage(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: ThreadMessageBody): Promise<LegalThreadView> {
    return this.threads.post(actor, id, body);
  }

  @Post('threads/:id/transitions')
  @HttpCode(200)
  @SignedIn()
  threadTransition(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(transitionBody) body: TransitionBody,
  ): Promise<LegalThreadView> {
    return this.threads.transition(actor, id, { ...body, action: body.action as LegalThreadAction });
  }

  @Post('threads/:id/assign')
  @HttpCode(200)
  @RequirePermission('legal.schedule.manage')
  assignThread(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: AssignBody): Promise<LegalThreadView> {
    return this.threads.assign(actor, id, body.lawyerUserId);
  }

  // ---- petitions ----

  @Post('petitions')
  @RequirePermission('legal.petition.manage')
  createPetition(@CurrentActor() actor: Actor, @Body() body: CreatePetitionBody): Promise<PetitionView> {
    return this.petitions.create(actor, body);
  }

  @Get('petitions')
  @RequirePermission('legal.petition.manage')
  petitionList(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<PetitionView>> {
    return this.petitions.list(actor, query);
  }

  @Get('petitions/:id')
  @RequirePermission('legal.petition.manage')
  petition(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<PetitionView> {
    return this.petitions.get(actor, id);
  }

  @Post('petitions/:id/transitions')
  @HttpCode(200)
  @RequirePermission('legal.petition.manage')
  petitionTransition(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(transitionBody) body: TransitionBody,
  ): Promise<PetitionView> {
    return this.petitions.transition(actor, id, { ...body, action: body.action as PetitionAction });
  }

  @Post('petitions/:id/meetings')
  @HttpCode(200)
  @RequirePermission('legal.petition.manage')
  petitionMeeting(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: PetitionMeetingBody): Promise<PetitionView> {
    return this.petitions.meeting(actor, id, body);
  }

  @Post('petitions/:id/resolve')
  @HttpCode(200)
  @RequirePermission('legal.petition.manage')
  resolvePetition(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: ResolvePetitionBody): Promise<PetitionView> {
    return this.petitions.resolve(actor, id, body);
  }

  @Get('statistics')
  @RequirePermission('legal.aid.decide')
  statistics(@CurrentActor() actor: Actor, @Query() query: StatisticsQuery): Promise<LegalStatistics> {
    return this.aid.statistics(actor, query);
  }
}
