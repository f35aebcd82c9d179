import { Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  acceptLegalAidBody,
  adviceBody,
  assignBody,
  availabilityExceptionBody,
  bookConsultationBody,
  checklistQuery,
  closeLegalAidBody,
  createLegalAidBody,
  createPetitionBody,
  createThreadBody,
  dayQuery,
  eligibilityBody,
  evidenceChecklist,
  legalAidDatesBody,
  legalAidStageBody,
  legalListQuery,
  legalRuleSetBody,
  legalStatisticsQuery,
  pageQuery,
  petitionMeetingBody,
  ratingBody,
  recordRevealBody,
  rejectLegalAidBody,
  rescheduleBody,
  resolvePetitionBody,
  setAvailabilityBody,
  slotsQuery,
  threadListQuery,
  threadMessageBody,
  versionBody,
  type AcceptLegalAidRequest,
  type AssignLegalThreadRequest,
  type AvailabilityExceptionRequest,
  type AvailabilityExceptionView,
  type AvailabilityRuleView,
  type BookConsultationRequest,
  type CloseLegalAidRequest,
  type ConsultationAdviceRequest,
  type ConsultationDayQuery,
  type ConsultationView,
  type CreateLegalAidApplicationRequest,
  type CreateLegalAidRuleSetRequest,
  type CreateLegalThreadRequest,
  type CreatePetitionRequest,
  type EvidenceChecklistItem,
  type EvidenceChecklistQuery,
  type LawyerView,
  type LegalAidApplicationView,
  type LegalAidDatesRequest,
  type LegalAidEligibilityCheck,
  type LegalAidEligibilityRequest,
  type LegalAidListQuery,
  type LegalAidRuleSetView,
  type LegalAidStageRequest,
  type LegalAidSummary,
  type LegalAidVersionRequest,
  type LegalStatistics,
  type LegalStatisticsQuery,
  type LegalThreadListQuery,
  type LegalThreadSummary,
  type LegalThreadView,
  type Page,
  type PageQuery,
  type PetitionMeetingRequest,
  type PetitionView,
  type PostThreadMessageRequest,
  type RateConsultationRequest,
  type RecordRevealRequest,
  type RejectLegalAidRequest,
  type RescheduleConsultationRequest,
  type ResolvePetitionRequest,
  type RevealResponse,
  type SetAvailabilityRequest,
  type SlotDayView,
  type SlotsQuery,
} from '@union/shared';
import {
  countyQuery,
  type CountyQuery,
  availabilityExceptionView,
  availabilityRuleList,
  consultationPage,
  consultationView,
  evidenceChecklistItems,
  lawyerList,
  legalAidApplicationPage,
  legalAidApplicationView,
  legalAidEligibilityCheck,
  legalAidPage,
  legalAidRuleSetView,
  legalStatistics,
  revealResponse,
  slotDayList,
} from '@union/shared';
import { legalThreadPage, legalThreadView, petitionPage, petitionView } from '@union/shared';
import { RequirePermission, SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { Answers, BodyOf, ParamOf, QueryOf } from '../../common/schema';
import { LegalAidService } from './legal-aid.service';
import { LegalAidViews } from './legal-aid-views.service';
import { LegalStatisticsService } from './legal-statistics.service';
import { LegalConsultationsService } from './legal-consultations.service';
import { LegalPetitionsService } from './legal-petitions.service';
import { LegalThreadsService } from './legal-threads.service';
import { LegalRulesService } from './legal-rules.service';
import { LegalScheduleService } from './legal-schedule.service';

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
    private readonly aidViews: LegalAidViews,
    private readonly legalStatistics: LegalStatisticsService,
    private readonly threads: LegalThreadsService,
    private readonly petitions: LegalPetitionsService,
  ) {}

  @Get('rule-sets/current')
  @SignedIn()
  @Answers(legalAidRuleSetView)
  currentRules(@QueryOf(countyQuery) query: CountyQuery): Promise<LegalAidRuleSetView> {
    return this.rules.current(query.countyId);
  }

  @Post('rule-sets')
  @RequirePermission('legal.aid.decide')
  @Answers(legalAidRuleSetView, 201)
  createRules(@CurrentActor() actor: Actor, @BodyOf(legalRuleSetBody) body: CreateLegalAidRuleSetRequest): Promise<LegalAidRuleSetView> {
    return this.rules.create(actor, body);
  }

  // ---- schedules ----

  @Get('lawyers')
  @RequirePermission('legal.consult')
  @Answers(lawyerList)
  lawyers(@CurrentActor() actor: Actor): Promise<LawyerView[]> {
    return this.schedule.list(actor);
  }

  @Put('lawyers/:id/availability')
  @RequirePermission('legal.consult')
  @Answers(availabilityRuleList)
  setAvailability(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(setAvailabilityBody) body: SetAvailabilityRequest,
  ): Promise<AvailabilityRuleView[]> {
    return this.schedule.setAvailability(actor, id, body);
  }

  @Post('lawyers/:id/exceptions')
  @RequirePermission('legal.consult')
  @Answers(availabilityExceptionView, 201)
  addException(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(availabilityExceptionBody) body: AvailabilityExceptionRequest,
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
  @Answers(slotDayList)
  slots(@QueryOf(slotsQuery) query: SlotsQuery): Promise<SlotDayView[]> {
    return this.schedule.freeSlots(query);
  }

  // ---- consultations ----

  @Post('consultations')
  @RequirePermission('legal.apply')
  @Answers(consultationView, 201)
  book(@CurrentActor() actor: Actor, @BodyOf(bookConsultationBody) body: BookConsultationRequest): Promise<ConsultationView> {
    return this.consultations.book(actor, body);
  }

  @Get('consultations/mine')
  @RequirePermission('legal.apply')
  @Answers(consultationPage)
  myConsultations(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<ConsultationView>> {
    return this.consultations.mine(actor, query);
  }

  @Get('consultations/day')
  @RequirePermission('legal.consult')
  @Answers(consultationPage)
  day(@CurrentActor() actor: Actor, @QueryOf(dayQuery) query: ConsultationDayQuery): Promise<Page<ConsultationView>> {
    return this.consultations.day(actor, query.date, query);
  }

  @Get('consultations/:id')
  @SignedIn()
  @Answers(consultationView)
  consultation(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<ConsultationView> {
    return this.consultations.get(actor, id);
  }

  @Post('consultations/:id/reschedule')
  @HttpCode(200)
  @RequirePermission('legal.apply')
  @Answers(consultationView)
  reschedule(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(rescheduleBody) body: RescheduleConsultationRequest,
  ): Promise<ConsultationView> {
    return this.consultations.reschedule(actor, id, body);
  }

  @Post('consultations/:id/reveal-phone')
  @HttpCode(200)
  @RequirePermission('legal.consult')
  @Answers(revealResponse)
  revealPhone(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(recordRevealBody) body: RecordRevealRequest,
  ): Promise<RevealResponse> {
    return this.consultations.revealPhone(actor, id, body.reason);
  }

  @Post('consultations/:id/advice')
  @HttpCode(200)
  @RequirePermission('legal.consult')
  @Answers(consultationView)
  advice(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(adviceBody) body: ConsultationAdviceRequest,
  ): Promise<ConsultationView> {
    return this.consultations.advice(actor, id, body);
  }

  @Post('consultations/:id/rating')
  @HttpCode(200)
  @RequirePermission('legal.apply')
  @Answers(consultationView)
  rate(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(ratingBody) body: RateConsultationRequest,
  ): Promise<ConsultationView> {
    return this.consultations.rate(actor, id, body);
  }

  // ---- legal aid ----

  @Get('evidence-checklist')
  @SignedIn()
  @Answers(evidenceChecklistItems)
  async checklist(@QueryOf(checklistQuery) query: EvidenceChecklistQuery): Promise<EvidenceChecklistItem[]> {
    return evidenceChecklist(query.disputeType);
  }

  @Post('eligibility')
  @HttpCode(200)
  @SignedIn()
  @Answers(legalAidEligibilityCheck)
  eligibility(@BodyOf(eligibilityBody) body: LegalAidEligibilityRequest): Promise<LegalAidEligibilityCheck> {
    return this.aid.eligibility(body);
  }

  @Post('aid-applications')
  @RequirePermission('legal.apply')
  @Answers(legalAidApplicationView, 201)
  apply(
    @CurrentActor() actor: Actor,
    @BodyOf(createLegalAidBody) body: CreateLegalAidApplicationRequest,
  ): Promise<LegalAidApplicationView> {
    return this.aid.submit(actor, body);
  }

  @Get('aid-applications/mine')
  @RequirePermission('legal.apply')
  @Answers(legalAidApplicationPage)
  myApplications(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<LegalAidApplicationView>> {
    return this.aid.mine(actor, query);
  }

  @Get('aid-applications')
  @RequirePermission('legal.aid.handle')
  @Answers(legalAidPage)
  list(@CurrentActor() actor: Actor, @QueryOf(legalListQuery) query: LegalAidListQuery): Promise<Page<LegalAidSummary>> {
    return this.aidViews.list(actor, query);
  }

  @Get('aid-applications/:id')
  @SignedIn()
  @Answers(legalAidApplicationView)
  application(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<LegalAidApplicationView> {
    return this.aid.get(actor, id);
  }

  @Post('aid-applications/:id/accept')
  @HttpCode(200)
  @RequirePermission('legal.aid.decide')
  @Answers(legalAidApplicationView)
  accept(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(acceptLegalAidBody) body: AcceptLegalAidRequest,
  ): Promise<LegalAidApplicationView> {
    return this.aid.accept(actor, id, body);
  }

  @Post('aid-applications/:id/reject')
  @HttpCode(200)
  @RequirePermission('legal.aid.decide')
  @Answers(legalAidApplicationView)
  reject(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(rejectLegalAidBody) body: RejectLegalAidRequest,
  ): Promise<LegalAidApplicationView> {
    return this.aid.reject(actor, id, body);
  }

  @Post('aid-applications/:id/withdraw')
  @HttpCode(200)
  @RequirePermission('legal.apply')
  @Answers(legalAidApplicationView)
  withdraw(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(versionBody) body: LegalAidVersionRequest,
  ): Promise<LegalAidApplicationView> {
    return this.aid.withdraw(actor, id, body.version);
  }

  @Post('aid-applications/:id/stage')
  @HttpCode(200)
  @RequirePermission('legal.aid.handle')
  @Answers(legalAidApplicationView)
  stage(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(legalAidStageBody) body: LegalAidStageRequest,
  ): Promise<LegalAidApplicationView> {
    return this.aid.stage(actor, id, body);
  }

  @Patch('aid-applications/:id/dates')
  @RequirePermission('legal.aid.handle')
  @Answers(legalAidApplicationView)
  dates(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(legalAidDatesBody) body: LegalAidDatesRequest,
  ): Promise<LegalAidApplicationView> {
    return this.aid.updateDates(actor, id, body);
  }

  @Post('aid-applications/:id/reveal-phone')
  @HttpCode(200)
  @RequirePermission('legal.aid.handle')
  @Answers(revealResponse)
  revealAidPhone(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(recordRevealBody) body: RecordRevealRequest,
  ): Promise<RevealResponse> {
    return this.aid.revealPhone(actor, id, body.reason);
  }

  @Post('aid-applications/:id/close')
  @HttpCode(200)
  @RequirePermission('legal.aid.handle')
  @Answers(legalAidApplicationView)
  close(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(closeLegalAidBody) body: CloseLegalAidRequest,
  ): Promise<LegalAidApplicationView> {
    return this.aid.close(actor, id, body);
  }

  // ---- online consultation ----

  @Post('threads')
  @RequirePermission('legal.apply')
  @Answers(legalThreadView, 201)
  createThread(@CurrentActor() actor: Actor, @BodyOf(createThreadBody) body: CreateLegalThreadRequest): Promise<LegalThreadView> {
    return this.threads.create(actor, body);
  }

  @Get('threads/mine')
  @RequirePermission('legal.apply')
  @Answers(legalThreadPage)
  myThreads(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<LegalThreadSummary>> {
    return this.threads.mine(actor, query);
  }

  @Get('threads')
  @RequirePermission('legal.consult')
  @Answers(legalThreadPage)
  threadList(@CurrentActor() actor: Actor, @QueryOf(threadListQuery) query: LegalThreadListQuery): Promise<Page<LegalThreadSummary>> {
    return this.threads.list(actor, query);
  }

  @Get('threads/:id')
  @SignedIn()
  @Answers(legalThreadView)
  thread(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<LegalThreadView> {
    return this.threads.get(actor, id);
  }

  @Post('threads/:id/messages')
  @HttpCode(200)
  @SignedIn()
  @Answers(legalThreadView)
  postMessage(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(threadMessageBody) body: PostThreadMessageRequest,
  ): Promise<LegalThreadView> {
    return this.threads.post(actor, id, body);
  }

  @Post('threads/:id/assign')
  @HttpCode(200)
  @RequirePermission('legal.schedule.manage')
  @Answers(legalThreadView)
  assignThread(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(assignBody) body: AssignLegalThreadRequest,
  ): Promise<LegalThreadView> {
    return this.threads.assign(actor, id, body.lawyerUserId);
  }

  // ---- petitions ----

  @Post('petitions')
  @RequirePermission('legal.petition.manage')
  @Answers(petitionView, 201)
  createPetition(@CurrentActor() actor: Actor, @BodyOf(createPetitionBody) body: CreatePetitionRequest): Promise<PetitionView> {
    return this.petitions.create(actor, body);
  }

  @Get('petitions')
  @RequirePermission('legal.petition.manage')
  @Answers(petitionPage)
  petitionList(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<PetitionView>> {
    return this.petitions.list(actor, query);
  }

  @Get('petitions/:id')
  @RequirePermission('legal.petition.manage')
  @Answers(petitionView)
  petition(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<PetitionView> {
    return this.petitions.get(actor, id);
  }

  @Post('petitions/:id/meetings')
  @HttpCode(200)
  @RequirePermission('legal.petition.manage')
  @Answers(petitionView)
  petitionMeeting(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(petitionMeetingBody) body: PetitionMeetingRequest,
  ): Promise<PetitionView> {
    return this.petitions.meeting(actor, id, body);
  }

  @Post('petitions/:id/resolve')
  @HttpCode(200)
  @RequirePermission('legal.petition.manage')
  @Answers(petitionView)
  resolvePetition(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(resolvePetitionBody) body: ResolvePetitionRequest,
  ): Promise<PetitionView> {
    return this.petitions.resolve(actor, id, body);
  }

  @Get('statistics')
  @RequirePermission('legal.aid.decide')
  @Answers(legalStatistics)
  statistics(@CurrentActor() actor: Actor, @QueryOf(legalStatisticsQuery) query: LegalStatisticsQuery): Promise<LegalStatistics> {
    return this.legalStatistics.statistics(actor, query);
  }
}
