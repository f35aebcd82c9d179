import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { Answers, BodyOf, ParamOf, QueryOf } from '../../common/schema';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  type AssistanceRecordView,
  type CampaignView,
  type GrantApplicationView,
  type HardshipApplicationSummary,
  type HardshipApplicationView,
  type HardshipDraft,
  type HardshipFileSummary,
  type HardshipFileView,
  type HardshipRuleSetView,
  type HardshipSelfTestResult,
  type HardshipStatistics,
  type Page,
  type PublicNoticeSummary,
  type PublicNoticeView,
  type RevealResponse,
  createAssistanceRecordBody,
  createCampaignBody,
  createGrantApplicationBody,
  createHardshipApplicationBody,
  createHardshipRuleSetBody,
  createObjectionBody,
  createProxyHardshipApplicationBody,
  democraticReviewBody,
  fileHouseholdBody,
  hardshipDraftBody,
  hardshipFileListQuery,
  hardshipRevealBody,
  hardshipStatisticsQuery,
  homeVisitBody,
  householdFactsBody,
  pageQuery,
  payAssistanceBody,
  recheckFileBody,
  resolveObjectionBody,
  resubmitHardshipBody,
  returnForMaterialBody,
  selectHouseholdsBody,
  signedFormBody,
  type CreateAssistanceRecordRequest,
  type CreateCampaignRequest,
  type CreateGrantApplicationRequest,
  type CreateHardshipApplicationRequest,
  type CreateHardshipRuleSetRequest,
  type CreateObjectionRequest,
  type CreateProxyHardshipApplicationRequest,
  type DemocraticReviewRequest,
  type FileHouseholdRequest,
  type HardshipFileListQuery,
  type HardshipRevealRequest,
  type HardshipSelfTestRequest,
  type HardshipStatisticsQuery,
  type HomeVisitRequest,
  type PageQuery,
  type PayAssistanceRequest,
  type RecheckFileRequest,
  type ResolveObjectionRequest,
  type ResubmitHardshipRequest,
  type ReturnForMaterialRequest,
  type SelectHouseholdsRequest,
  type SignedFormRequest,
} from '@union/shared';
import {
  countyQuery,
  type CountyQuery,
  assistanceRecordView,
  campaignPage,
  campaignView,
  grantApplicationPage,
  grantApplicationView,
  hardshipApplicationSummaryPage,
  hardshipApplicationView,
  hardshipDraftOrNone,
  hardshipDraftView,
  hardshipFileViewPage,
  hardshipFilePage,
  hardshipFileView,
  hardshipRuleSetList,
  hardshipRuleSetView,
  hardshipSelfTestResult,
  hardshipStatistics,
  publicNoticePage,
  publicNoticeView,
  revealResponse,
} from '@union/shared';
import { Public, RequirePermission, SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { RateLimited } from '../../common/rate-limit';
import { HardshipApplicationsService } from './hardship-applications.service';
import { HardshipCampaignsService } from './hardship-campaigns.service';
import { HardshipDraftsService } from './hardship-drafts.service';
import { HardshipFilesService } from './hardship-files.service';
import { AssistanceRecordsService } from './assistance-records.service';
import { HardshipNoticesService } from './hardship-notices.service';
import { HardshipPiiService } from './hardship-pii.service';
import { HardshipRulesService } from './hardship-rules.service';
import { HardshipStatisticsService } from './hardship-statistics.service';
import { HardshipStepsService } from './hardship-steps.service';

@ApiTags('hardship')
@ApiBearerAuth()
@Controller('hardship')
export class HardshipController {
  constructor(
    private readonly rules: HardshipRulesService,
    private readonly drafts: HardshipDraftsService,
    private readonly applications: HardshipApplicationsService,
    private readonly steps: HardshipStepsService,
    private readonly notices: HardshipNoticesService,
    private readonly pii: HardshipPiiService,
  ) {}

  @Post('self-test')
  @HttpCode(200)
  @Public()
  @RateLimited('selfTest')
  @Answers(hardshipSelfTestResult)
  selfTest(
    @BodyOf(householdFactsBody) body: HardshipSelfTestRequest,
    @QueryOf(countyQuery) query: CountyQuery,
  ): Promise<HardshipSelfTestResult> {
    return this.rules.selfTest(body, query.countyId);
  }

  @Get('rule-sets/current')
  @Public()
  @Answers(hardshipRuleSetView)
  currentRules(@QueryOf(countyQuery) query: CountyQuery): Promise<HardshipRuleSetView> {
    return this.rules.current(query.countyId);
  }

  @Get('rule-sets')
  @RequirePermission('hardship.rules.manage')
  @Answers(hardshipRuleSetList)
  ruleSets(@CurrentActor() actor: Actor): Promise<HardshipRuleSetView[]> {
    return this.rules.list(actor);
  }

  @Post('rule-sets')
  @RequirePermission('hardship.rules.manage')
  @Answers(hardshipRuleSetView, 201)
  createRuleSet(
    @CurrentActor() actor: Actor,
    @BodyOf(createHardshipRuleSetBody) body: CreateHardshipRuleSetRequest,
  ): Promise<HardshipRuleSetView> {
    return this.rules.create(actor, body);
  }

  @Get('draft')
  @RequirePermission('hardship.apply')
  @Answers(hardshipDraftOrNone)
  draft(@CurrentActor() actor: Actor): Promise<HardshipDraft | null> {
    return this.drafts.get(actor);
  }

  @Put('draft')
  @RequirePermission('hardship.apply')
  @Answers(hardshipDraftView)
  saveDraft(@CurrentActor() actor: Actor, @BodyOf(hardshipDraftBody) body: HardshipDraft): Promise<HardshipDraft> {
    return this.drafts.save(actor, body);
  }

  @Delete('draft')
  @HttpCode(204)
  @RequirePermission('hardship.apply')
  deleteDraft(@CurrentActor() actor: Actor): Promise<void> {
    return this.drafts.delete(actor);
  }

  @Post('applications')
  @RequirePermission('hardship.apply')
  @Answers(hardshipApplicationView, 201)
  submit(
    @CurrentActor() actor: Actor,
    @BodyOf(createHardshipApplicationBody) body: CreateHardshipApplicationRequest,
  ): Promise<HardshipApplicationView> {
    return this.applications.submit(actor, body);
  }

  @Post('applications/proxy')
  @RequirePermission('hardship.proxy')
  @Answers(hardshipApplicationView, 201)
  submitByProxy(
    @CurrentActor() actor: Actor,
    @BodyOf(createProxyHardshipApplicationBody) body: CreateProxyHardshipApplicationRequest,
  ): Promise<HardshipApplicationView> {
    return this.applications.submitByProxy(actor, body);
  }

  @Get('applications/mine')
  @SignedIn()
  @Answers(hardshipApplicationSummaryPage)
  mine(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<HardshipApplicationSummary>> {
    return this.applications.mine(actor, query);
  }

  @Get('applications/:id')
  @SignedIn()
  @Answers(hardshipApplicationView)
  get(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<HardshipApplicationView> {
    return this.applications.get(actor, id);
  }

  @Post('applications/:id/return')
  @HttpCode(200)
  @RequirePermission('hardship.review.grassroots')
  @Answers(hardshipApplicationView)
  returnForMaterial(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(returnForMaterialBody) body: ReturnForMaterialRequest,
  ): Promise<HardshipApplicationView> {
    return this.steps.returnForMaterial(actor, id, body);
  }

  @Post('applications/:id/resubmit')
  @HttpCode(200)
  @SignedIn()
  @Answers(hardshipApplicationView)
  resubmit(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(resubmitHardshipBody) body: ResubmitHardshipRequest,
  ): Promise<HardshipApplicationView> {
    return this.steps.resubmit(actor, id, body);
  }

  @Post('applications/:id/home-visit')
  @HttpCode(200)
  @RequirePermission('hardship.review.grassroots')
  @Answers(hardshipApplicationView)
  homeVisit(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(homeVisitBody) body: HomeVisitRequest,
  ): Promise<HardshipApplicationView> {
    return this.steps.homeVisit(actor, id, body);
  }

  @Post('applications/:id/democratic-review')
  @HttpCode(200)
  @RequirePermission('hardship.review.grassroots')
  @Answers(hardshipApplicationView)
  democraticReview(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(democraticReviewBody) body: DemocraticReviewRequest,
  ): Promise<HardshipApplicationView> {
    return this.steps.democraticReview(actor, id, body);
  }

  @Post('applications/:id/file')
  @HttpCode(200)
  @RequirePermission('hardship.approve')
  @Answers(hardshipApplicationView)
  fileHousehold(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(fileHouseholdBody) body: FileHouseholdRequest,
  ): Promise<HardshipApplicationView> {
    return this.steps.fileHousehold(actor, id, body);
  }

  @Get('notices')
  @SignedIn()
  @Answers(publicNoticePage)
  runningNotices(@QueryOf(pageQuery) query: PageQuery): Promise<Page<PublicNoticeSummary>> {
    return this.notices.running(query.after, query.limit ?? 20);
  }

  @Get('notices/:id')
  @SignedIn()
  @Answers(publicNoticeView)
  notice(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<PublicNoticeView> {
    return this.notices.get(actor, id);
  }

  @Post('notices/:id/objections')
  @SignedIn()
  @Answers(publicNoticeView, 201)
  object(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(createObjectionBody) body: CreateObjectionRequest,
  ): Promise<PublicNoticeView> {
    return this.notices.object(actor, id, body);
  }

  @Post('objections/:id/resolve')
  @HttpCode(200)
  @RequirePermission('hardship.review.grassroots')
  @Answers(publicNoticeView)
  resolveObjection(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(resolveObjectionBody) body: ResolveObjectionRequest,
  ): Promise<PublicNoticeView> {
    return this.notices.resolve(actor, id, body);
  }

  @Post('reveal')
  @HttpCode(200)
  @RequirePermission('pii.reveal')
  @Answers(revealResponse)
  reveal(@CurrentActor() actor: Actor, @BodyOf(hardshipRevealBody) body: HardshipRevealRequest): Promise<RevealResponse> {
    return this.pii.reveal(actor, body);
  }
}

@ApiTags('hardship')
@ApiBearerAuth()
@Controller('hardship')
export class HardshipFilesController {
  constructor(
    private readonly files: HardshipFilesService,
    private readonly aidRecords: AssistanceRecordsService,
    private readonly campaignsService: HardshipCampaignsService,
    private readonly statisticsService: HardshipStatisticsService,
  ) {}

  @Get('files')
  @RequirePermission('hardship.file.view')
  @Answers(hardshipFilePage)
  list(@CurrentActor() actor: Actor, @QueryOf(hardshipFileListQuery) query: HardshipFileListQuery): Promise<Page<HardshipFileSummary>> {
    return this.files.list(actor, query.after, query.limit ?? 20, query.status);
  }

  @Get('files/recheck-due')
  @RequirePermission('hardship.review.grassroots')
  @Answers(hardshipFilePage)
  recheckDue(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<HardshipFileSummary>> {
    return this.files.recheckDue(actor, query.after, query.limit ?? 20);
  }

  @Get('files/follow-up-due')
  @RequirePermission('hardship.review.grassroots')
  @Answers(hardshipFilePage)
  followUpDue(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<HardshipFileSummary>> {
    return this.files.followUpDue(actor, query.after, query.limit ?? 20);
  }

  @Post('files/:id/recheck')
  @HttpCode(200)
  @RequirePermission('hardship.review.grassroots')
  @Answers(hardshipFileView)
  recheck(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(recheckFileBody) body: RecheckFileRequest,
  ): Promise<HardshipFileView> {
    return this.files.recheck(actor, id, body);
  }

  @Get('statistics')
  @RequirePermission('hardship.file.view')
  @Answers(hardshipStatistics)
  statistics(@CurrentActor() actor: Actor, @QueryOf(hardshipStatisticsQuery) query: HardshipStatisticsQuery): Promise<HardshipStatistics> {
    return this.statisticsService.statistics(actor, query);
  }

  @Get('campaigns')
  @SignedIn()
  @Answers(campaignPage)
  campaigns(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<CampaignView>> {
    return this.campaignsService.list(actor, query);
  }

  @Post('campaigns')
  @RequirePermission('hardship.campaign.manage')
  @Answers(campaignView, 201)
  createCampaign(@CurrentActor() actor: Actor, @BodyOf(createCampaignBody) body: CreateCampaignRequest): Promise<CampaignView> {
    return this.campaignsService.create(actor, body);
  }

  @Get('campaigns/:id')
  @SignedIn()
  @Answers(campaignView)
  campaign(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<CampaignView> {
    return this.campaignsService.get(actor, id);
  }

  @Post('campaigns/:id/select')
  @HttpCode(200)
  @RequirePermission('hardship.campaign.manage')
  @Answers(campaignView)
  selectHouseholds(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(selectHouseholdsBody) body: SelectHouseholdsRequest,
  ): Promise<CampaignView> {
    return this.campaignsService.select(actor, id, body);
  }

  @Post('campaigns/:id/grants')
  @RequirePermission('hardship.apply')
  @Answers(grantApplicationView, 201)
  applyGrant(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(createGrantApplicationBody) body: CreateGrantApplicationRequest,
  ): Promise<GrantApplicationView> {
    return this.campaignsService.applyGrant(actor, id, body);
  }

  @Get('grants/mine')
  @SignedIn()
  @Answers(grantApplicationPage)
  myGrants(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<GrantApplicationView>> {
    return this.campaignsService.myGrants(actor, query);
  }

  @Get('grants/:id')
  @SignedIn()
  @Answers(grantApplicationView)
  grant(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<GrantApplicationView> {
    return this.campaignsService.getGrant(actor, id);
  }

  @Get('aid/:id')
  @SignedIn()
  @Answers(assistanceRecordView)
  aid(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<AssistanceRecordView> {
    return this.aidRecords.aid(actor, id);
  }

  @Get('files/mine')
  @SignedIn()
  @Answers(hardshipFileViewPage)
  mine(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<HardshipFileView>> {
    return this.files.mine(actor, query);
  }

  @Get('files/:id')
  @SignedIn()
  @Answers(hardshipFileView)
  get(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<HardshipFileView> {
    return this.files.get(actor, id);
  }

  @Post('files/:id/aid')
  @RequirePermission('hardship.aid.pay')
  @Answers(assistanceRecordView, 201)
  createAid(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(createAssistanceRecordBody) body: CreateAssistanceRecordRequest,
  ): Promise<AssistanceRecordView> {
    return this.aidRecords.createAid(actor, id, body);
  }

  @Post('aid/:id/pay')
  @HttpCode(200)
  @RequirePermission('hardship.aid.pay')
  @Answers(assistanceRecordView)
  pay(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(payAssistanceBody) body: PayAssistanceRequest,
  ): Promise<AssistanceRecordView> {
    return this.aidRecords.pay(actor, id, body);
  }

  @Post('aid/:id/signed-form')
  @HttpCode(200)
  @RequirePermission('hardship.aid.pay')
  @Answers(assistanceRecordView)
  signedForm(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(signedFormBody) body: SignedFormRequest,
  ): Promise<AssistanceRecordView> {
    return this.aidRecords.signedForm(actor, id, body);
  }
}
