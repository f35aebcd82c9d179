import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  createProposalBody,
  decideBody,
  evaluateBody,
  implementBody,
  opinionBody,
  pageQuery,
  proposalListQuery,
  proposalStatisticsQuery,
  registerProposalBody,
  type CreateProposalRequest,
  type DecideRequest,
  type EvaluateRequest,
  type ImplementRequest,
  type OpinionRequest,
  type PageQuery,
  type ProposalListQuery,
  type ProposalStatistics,
  type ProposalStatisticsQuery,
  type ProposalView,
  type RegisterProposalRequest,
} from '@union/shared';
import { expertList, proposalPage, proposalStatistics, proposalView, type ExpertView } from '@union/shared';
import { RequirePermission, SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { Answers, BodyOf, ParamOf, QueryOf } from '../../common/schema';
import { ProposalsService } from './proposals.service';
import type { Page } from '@union/shared';

/** Rationalisation proposals (合理化建议). */
@ApiTags('proposals')
@ApiBearerAuth()
@Controller('proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Post()
  @RequirePermission('proposal.submit')
  @Answers(proposalView, 201)
  submit(@CurrentActor() actor: Actor, @BodyOf(createProposalBody) body: CreateProposalRequest): Promise<ProposalView> {
    return this.proposals.submit(actor, body);
  }

  @Get('mine')
  @RequirePermission('proposal.submit')
  @Answers(proposalPage)
  mine(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<ProposalView>> {
    return this.proposals.mine(actor, query);
  }

  @Get('statistics')
  @RequirePermission('proposal.manage')
  @Answers(proposalStatistics)
  statistics(@CurrentActor() actor: Actor, @QueryOf(proposalStatisticsQuery) query: ProposalStatisticsQuery): Promise<ProposalStatistics> {
    return this.proposals.statistics(actor, query);
  }

  @Get('experts')
  @RequirePermission('proposal.manage')
  @Answers(expertList)
  experts(): Promise<ExpertView[]> {
    return this.proposals.experts();
  }

  @Get()
  @SignedIn()
  @Answers(proposalPage)
  list(@CurrentActor() actor: Actor, @QueryOf(proposalListQuery) query: ProposalListQuery): Promise<Page<ProposalView>> {
    return this.proposals.list(actor, query);
  }

  @Get(':id')
  @SignedIn()
  @Answers(proposalView)
  get(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<ProposalView> {
    return this.proposals.get(actor, id);
  }

  @Post(':id/register')
  @HttpCode(200)
  @RequirePermission('proposal.manage')
  @Answers(proposalView)
  register(
    @CurrentActor() actor: Actor,
    @ParamOf('id') id: number,
    @BodyOf(registerProposalBody) body: RegisterProposalRequest,
  ): Promise<ProposalView> {
    return this.proposals.register(actor, id, body);
  }

  @Post(':id/opinions')
  @HttpCode(200)
  @RequirePermission('proposal.review')
  @Answers(proposalView)
  opinion(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @BodyOf(opinionBody) body: OpinionRequest): Promise<ProposalView> {
    return this.proposals.opinion(actor, id, body);
  }

  @Post(':id/decide')
  @HttpCode(200)
  @RequirePermission('proposal.manage')
  @Answers(proposalView)
  decide(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @BodyOf(decideBody) body: DecideRequest): Promise<ProposalView> {
    return this.proposals.decide(actor, id, body);
  }

  @Post(':id/implement')
  @HttpCode(200)
  @RequirePermission('proposal.manage')
  @Answers(proposalView)
  implement(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @BodyOf(implementBody) body: ImplementRequest): Promise<ProposalView> {
    return this.proposals.implement(actor, id, body);
  }

  @Post(':id/evaluate')
  @HttpCode(200)
  @RequirePermission('proposal.manage')
  @Answers(proposalView)
  evaluate(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @BodyOf(evaluateBody) body: EvaluateRequest): Promise<ProposalView> {
    return this.proposals.evaluate(actor, id, body);
  }
}
