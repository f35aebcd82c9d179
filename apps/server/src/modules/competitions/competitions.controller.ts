import { Controller, Delete, Get, HttpCode, Post, Put, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  checkInBody,
  competitionListQuery,
  competitionObjectionBody,
  competitionStatisticsQuery,
  conflictBody,
  createCompetitionBody,
  createEmployerFlagBody,
  entriesQuery,
  judgesBody,
  registerEntryBody,
  resolveCompetitionObjectionBody,
  revokeBody,
  scoreBody,
  updateCompetitionBody,
  type CheckInRequest,
  type CompetitionListQuery,
  type CompetitionObjectionRequest,
  type CompetitionObjectionView,
  type CompetitionResultsView,
  type CompetitionStatistics,
  type CompetitionStatisticsQuery,
  type CompetitionView,
  type ConflictRequest,
  type CreateCompetitionRequest,
  type CreateEmployerFlagRequest,
  type EmployerFlagView,
  type EntriesQuery,
  type EntryView,
  type JudgesRequest,
  type JudgingEntryView,
  type RegisterEntryRequest,
  type ResolveCompetitionObjectionRequest,
  type RevokeRequest,
  type ScoreRequest,
  type UpdateCompetitionRequest,
} from '@union/shared';
import {
  certificateImageView,
  competitionObjectionList,
  competitionPage,
  competitionResultsView,
  competitionScoresView,
  competitionStatistics,
  competitionView,
  createdId,
  directResultView,
  employerFlagPage,
  employerFlagView,
  entryPage,
  entryView,
  judgeList,
  judgingSheet,
  type CertificateImageView,
  type CompetitionScoresView,
  type CreatedId,
  type DirectResultView,
  type JudgeView,
} from '@union/shared';
import type { FastifyReply } from 'fastify';
import { RequirePermission, SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { Answers, BodyOf, ParamOf, QueryOf } from '../../common/schema';
import { CompetitionEntriesService } from './competition-entries.service';
import { CompetitionJudgingService } from './competition-judging.service';
import { CompetitionResultsService } from './competition-results.service';
import { CompetitionsService } from './competitions.service';
import { CompetitionObjectionsService } from './competition-objections.service';
import { EmployerFlagsService } from './employer-flags.service';
import { myEntriesQuery, pageQuery, type MyEntriesQuery, type Page, type PageQuery } from '@union/shared';

/** Competitions (劳动竞赛、技能比武、安康杯、演讲比赛): setup, registration, judging, results. */
@ApiTags('competitions')
@ApiBearerAuth()
@Controller('competitions')
export class CompetitionsController {
  constructor(
    private readonly competitions: CompetitionsService,
    private readonly entries: CompetitionEntriesService,
    private readonly judging: CompetitionJudgingService,
    private readonly results: CompetitionResultsService,
    private readonly flags: EmployerFlagsService,
    private readonly objectionsService: CompetitionObjectionsService,
  ) {}

  @Get()
  @SignedIn()
  @Answers(competitionPage)
  list(@CurrentActor() actor: Actor, @QueryOf(competitionListQuery) query: CompetitionListQuery): Promise<Page<CompetitionView>> {
    return this.competitions.list(actor, query.filter, query);
  }

  @Post()
  @RequirePermission('competition.manage')
  @Answers(competitionView, 201)
  create(@CurrentActor() actor: Actor, @BodyOf(createCompetitionBody) body: CreateCompetitionRequest): Promise<CompetitionView> {
    return this.competitions.create(actor, body);
  }

  @Get('statistics')
  @RequirePermission('competition.manage')
  @Answers(competitionStatistics)
  statistics(
    @CurrentActor() actor: Actor,
    @QueryOf(competitionStatisticsQuery) query: CompetitionStatisticsQuery,
  ): Promise<CompetitionStatistics> {
    return this.results.statistics(actor, query);
  }

  @Get('judges')
  @RequirePermission('competition.manage')
  @Answers(judgeList)
  judges(): Promise<JudgeView[]> {
    return this.competitions.judges();
  }

  @Get('employer-flags')
  @RequirePermission('competition.manage')
  @Answers(employerFlagPage)
  employerFlags(@QueryOf(pageQuery) query: PageQuery): Promise<Page<EmployerFlagView>> {
    return this.flags.list(query);
  }

  @Post('employer-flags')
  @RequirePermission('competition.manage')
  @Answers(employerFlagView, 201)
  addEmployerFlag(
    @CurrentActor() actor: Actor,
    @BodyOf(createEmployerFlagBody) body: CreateEmployerFlagRequest,
  ): Promise<EmployerFlagView> {
    return this.flags.create(actor, body);
  }

  @Delete('employer-flags/:id')
  @HttpCode(204)
  @RequirePermission('competition.manage')
  removeEmployerFlag(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<void> {
    return this.flags.remove(actor, id);
  }

  @Get('entries/mine')
  @RequirePermission('competition.register')
  @Answers(entryPage)
  myEntries(@CurrentActor() actor: Actor, @QueryOf(myEntriesQuery) query: MyEntriesQuery): Promise<Page<EntryView>> {
    return this.entries.mine(actor, query);
  }

  @Get('entries/:entryId')
  @SignedIn()
  @Answers(entryView)
  entry(@CurrentActor() actor: Actor, @ParamOf('entryId') entryId: number): Promise<EntryView> {
    return this.entries.get(actor, entryId);
  }

  @Post('entries/:entryId/withdraw')
  @HttpCode(200)
  @RequirePermission('competition.register')
  @Answers(entryView)
  withdraw(@CurrentActor() actor: Actor, @ParamOf('entryId') entryId: number): Promise<EntryView> {
    return this.entries.withdraw(actor, entryId);
  }

  @Post('entries/:entryId/revoke')
  @HttpCode(200)
  @RequirePermission('competition.manage')
  @Answers(competitionResultsView)
  revoke(
    @CurrentActor() actor: Actor,
    @ParamOf('entryId') entryId: number,
    @BodyOf(revokeBody) body: RevokeRequest,
  ): Promise<CompetitionResultsView> {
    return this.results.revoke(actor, entryId, body.reason);
  }

  @Get('entries/:entryId/certificate')
  @RequirePermission('competition.register')
  @ApiProduces('image/png')
  async certificate(
    @CurrentActor() actor: Actor,
    @ParamOf('entryId') entryId: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const png = await this.results.certificate(actor, entryId);
    void reply.header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff');
    return new StreamableFile(png, { type: 'image/png', disposition: 'inline; filename="certificate.png"', length: png.length });
  }

  @Get('entries/:entryId/certificate-image')
  @RequirePermission('competition.register')
  @Answers(certificateImageView)
  async certificateImage(@CurrentActor() actor: Actor, @ParamOf('entryId') entryId: number): Promise<CertificateImageView> {
    const png = await this.results.certificate(actor, entryId);
    return { dataUrl: `data:image/png;base64,${png.toString('base64')}` };
  }

  @Get(':id')
  @SignedIn()
  @Answers(competitionView)
  get(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<CompetitionView> {
    return this.competitions.get(actor, id);
  }

  @Put(':id')
  @RequirePermission('competition.manage')
  @Answers(competitionView)
  update(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(updateCompetitionBody) body: UpdateCompetitionRequest,
  ): Promise<CompetitionView> {
    return this.competitions.update(actor, id, body);
  }

  @Put(':id/events/:eventId/judges')
  @RequirePermission('competition.manage')
  @Answers(competitionView)
  setJudges(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @ParamOf('eventId') eventId: number,
    @BodyOf(judgesBody) body: JudgesRequest,
  ): Promise<CompetitionView> {
    return this.competitions.setJudges(actor, id, eventId, body);
  }

  @Post(':id/entries')
  @RequirePermission('competition.register')
  @Answers(entryView, 201)
  register(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(registerEntryBody) body: RegisterEntryRequest,
  ): Promise<EntryView> {
    return this.entries.register(actor, id, body);
  }

  @Get(':id/entries')
  @RequirePermission('competition.manage')
  @Answers(entryPage)
  entriesOf(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @QueryOf(entriesQuery) query: EntriesQuery): Promise<Page<EntryView>> {
    return this.entries.forCompetition(actor, id, query);
  }

  @Post(':id/check-in')
  @HttpCode(200)
  @RequirePermission('competition.manage')
  @Answers(entryView)
  checkIn(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @BodyOf(checkInBody) body: CheckInRequest): Promise<EntryView> {
    return this.entries.checkIn(actor, id, body.code);
  }

  @Get(':id/events/:eventId/judging')
  @RequirePermission('competition.judge')
  @Answers(judgingSheet)
  sheet(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @ParamOf('eventId') eventId: number): Promise<JudgingEntryView[]> {
    return this.judging.sheet(actor, id, eventId);
  }

  @Post(':id/events/:eventId/scores')
  @HttpCode(200)
  @RequirePermission('competition.judge')
  @Answers(judgingSheet)
  score(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @ParamOf('eventId') eventId: number,
    @BodyOf(scoreBody) body: ScoreRequest,
  ): Promise<JudgingEntryView[]> {
    return this.judging.score(actor, id, eventId, body);
  }

  @Post(':id/events/:eventId/conflicts')
  @HttpCode(200)
  @RequirePermission('competition.judge')
  @Answers(judgingSheet)
  conflict(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @ParamOf('eventId') eventId: number,
    @BodyOf(conflictBody) body: ConflictRequest,
  ): Promise<JudgingEntryView[]> {
    return this.judging.declareConflict(actor, id, eventId, body);
  }

  @Post(':id/events/:eventId/results')
  @HttpCode(200)
  @RequirePermission('competition.manage')
  @Answers(directResultView)
  directResult(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @ParamOf('eventId') eventId: number,
    @BodyOf(scoreBody) body: ScoreRequest,
  ): Promise<DirectResultView> {
    return this.judging.directResult(actor, id, eventId, body);
  }

  @Get(':id/events/:eventId/scores')
  @RequirePermission('competition.manage')
  @Answers(competitionScoresView)
  allScores(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @ParamOf('eventId') eventId: number): Promise<CompetitionScoresView> {
    return this.judging.allScores(actor, id, eventId);
  }

  @Get(':id/results')
  @SignedIn()
  @Answers(competitionResultsView)
  resultsOf(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<CompetitionResultsView> {
    return this.results.results(actor, id);
  }

  @Post(':id/objections')
  @SignedIn()
  @Answers(createdId, 201)
  object(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(competitionObjectionBody) body: CompetitionObjectionRequest,
  ): Promise<CreatedId> {
    return this.objectionsService.object(actor, id, body);
  }

  @Get(':id/objections')
  @RequirePermission('competition.manage')
  @Answers(competitionObjectionList)
  objections(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<CompetitionObjectionView[]> {
    return this.objectionsService.objections(actor, id);
  }

  @Post(':id/objections/:objectionId/resolve')
  @HttpCode(200)
  @RequirePermission('competition.manage')
  @Answers(competitionObjectionList)
  resolveObjection(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @ParamOf('objectionId') objectionId: number,
    @BodyOf(resolveCompetitionObjectionBody) body: ResolveCompetitionObjectionRequest,
  ): Promise<CompetitionObjectionView[]> {
    return this.objectionsService.resolveObjection(actor, id, objectionId, body);
  }
}
