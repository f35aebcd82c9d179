import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  createHonourKindBody,
  createNominationBody,
  honourStatisticsQuery,
  modelWorkerBody,
  modelWorkerRecordBody,
  nominationObjectionBody,
  recordRevealBody,
  resolveNominationObjectionBody,
  type CreateHonourKindRequest,
  type CreateNominationRequest,
  type HonourKindView,
  type HonourRollLine,
  type HonourStatistics,
  type HonourStatisticsQuery,
  type ModelWorkerRecordRequest,
  type ModelWorkerRequest,
  type ModelWorkerView,
  type NominationNoticeView,
  type NominationObjectionRequest,
  type NominationView,
  type RecordRevealRequest,
  type ResolveNominationObjectionRequest,
  type RevealResponse,
} from '@union/shared';
import {
  createdId,
  honourKindList,
  honourRollPage,
  honourStatistics,
  modelWorkerPage,
  modelWorkerView,
  nominationNoticePage,
  nominationPage,
  nominationView,
  revealResponse,
  type CreatedId,
} from '@union/shared';
import { RequirePermission, SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { Answers, BodyOf, ParamOf, QueryOf } from '../../common/schema';
import { HonoursService } from './honours.service';
import { ModelWorkersService } from './model-workers.service';
import { pageQuery, type Page, type PageQuery } from '@union/shared';

/** Honours: nominations, the honour roll, the model-worker registry. */
@ApiTags('honours')
@ApiBearerAuth()
@Controller('honours')
export class HonoursController {
  constructor(
    private readonly honours: HonoursService,
    private readonly modelWorkersService: ModelWorkersService,
  ) {}

  @Get('kinds')
  @SignedIn()
  @Answers(honourKindList)
  kinds(): Promise<HonourKindView[]> {
    return this.honours.kinds();
  }

  @Post('kinds')
  @RequirePermission('honour.manage')
  @Answers(honourKindList, 201)
  addKind(@CurrentActor() actor: Actor, @BodyOf(createHonourKindBody) body: CreateHonourKindRequest): Promise<HonourKindView[]> {
    return this.honours.addKind(actor, body);
  }

  @Get('roll')
  @SignedIn()
  @Answers(honourRollPage)
  roll(@QueryOf(pageQuery) query: PageQuery): Promise<Page<HonourRollLine>> {
    return this.honours.roll(query);
  }

  @Get('notices')
  @SignedIn()
  @Answers(nominationNoticePage)
  notices(@QueryOf(pageQuery) query: PageQuery): Promise<Page<NominationNoticeView>> {
    return this.honours.notices(query);
  }

  @Get('statistics')
  @RequirePermission('honour.manage')
  @Answers(honourStatistics)
  statistics(@CurrentActor() actor: Actor, @QueryOf(honourStatisticsQuery) query: HonourStatisticsQuery): Promise<HonourStatistics> {
    return this.honours.statistics(actor, query);
  }

  @Get('model-workers')
  @RequirePermission('honour.manage')
  @Answers(modelWorkerPage)
  modelWorkers(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<ModelWorkerView>> {
    return this.modelWorkersService.list(actor, query);
  }

  @Post('model-workers')
  @RequirePermission('honour.manage')
  @Answers(modelWorkerView, 201)
  addModelWorker(@CurrentActor() actor: Actor, @BodyOf(modelWorkerBody) body: ModelWorkerRequest): Promise<ModelWorkerView> {
    return this.modelWorkersService.add(actor, body);
  }

  @Post('model-workers/:id/records')
  @RequirePermission('honour.manage')
  @Answers(modelWorkerView, 201)
  addRecord(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(modelWorkerRecordBody) body: ModelWorkerRecordRequest,
  ): Promise<ModelWorkerView> {
    return this.modelWorkersService.addRecord(actor, id, body);
  }

  @Post('model-workers/records/:id/reveal')
  @HttpCode(200)
  @RequirePermission('honour.manage')
  @Answers(revealResponse)
  revealRecord(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(recordRevealBody) body: RecordRevealRequest,
  ): Promise<RevealResponse> {
    return this.modelWorkersService.revealRecord(actor, id, body.reason);
  }

  @Post('nominations')
  @RequirePermission('honour.nominate')
  @Answers(nominationView, 201)
  nominate(@CurrentActor() actor: Actor, @BodyOf(createNominationBody) body: CreateNominationRequest): Promise<NominationView> {
    return this.honours.nominate(actor, body);
  }

  @Get('nominations')
  @RequirePermission('honour.nominate')
  @Answers(nominationPage)
  list(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<NominationView>> {
    return this.honours.list(actor, query);
  }

  @Get('nominations/:id')
  @RequirePermission('honour.nominate')
  @Answers(nominationView)
  get(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<NominationView> {
    return this.honours.get(actor, id);
  }

  @Post('nominations/:id/objections')
  @SignedIn()
  @Answers(createdId, 201)
  object(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(nominationObjectionBody) body: NominationObjectionRequest,
  ): Promise<CreatedId> {
    return this.honours.object(actor, id, body);
  }

  @Post('nominations/:id/objections/:objectionId/resolve')
  @HttpCode(200)
  @RequirePermission('honour.manage')
  @Answers(nominationView)
  resolve(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @ParamOf('objectionId') objectionId: number,
    @BodyOf(resolveNominationObjectionBody) body: ResolveNominationObjectionRequest,
  ): Promise<NominationView> {
    return this.honours.resolveObjection(actor, id, objectionId, body);
  }
}
