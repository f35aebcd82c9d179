import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { BodyOf, ParamOf } from '../../common/schema';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type ProposalAction, type ProposalStatistics, type ProposalView, transitionBody, type TransitionBody } from '@union/shared';
import { IsIn, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { PROPOSAL_WORKFLOW } from '@union/shared';
import { RequirePermission, SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import {
  CreateProposalBody,
  DecideBody,
  EvaluateBody,
  ImplementBody,
  OpinionBody,
  ProposalStatisticsQuery,
  RegisterProposalBody,
} from './proposals.dto';
import { ProposalsService } from './proposals.service';

class ProposalListQuery {
  @ApiPropertyOptional({ enum: Object.keys(PROPOSAL_WORKFLOW.states) })
  @IsOptional()
  @IsIn(Object.keys(PROPOSAL_WORKFLOW.states))
  state?: string;
}

/** Rationalisation proposals (合理化建议). */
@ApiTags('proposals')
@ApiBearerAuth()
@Controller('proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Post()
  @RequirePermission('proposal.submit')
  submit(@CurrentActor() actor: Actor, @Body() body: CreateProposalBody): Promise<ProposalView> {
    return this.proposals.submit(actor, body);
  }

  @Get('mine')
  @RequirePermission('proposal.submit')
  mine(@CurrentActor() actor: Actor): Promise<ProposalView[]> {
    return this.proposals.mine(actor);
  }

  @Get('statistics')
  @RequirePermission('proposal.manage')
  statistics(@CurrentActor() actor: Actor, @Query() query: ProposalStatisticsQuery): Promise<ProposalStatistics> {
    return this.proposals.statistics(actor, query);
  }

  @Get('experts')
  @RequirePermission('proposal.manage')
  experts(): Promise<{ userId: number; name: string }[]> {
    return this.proposals.experts();
  }

  @Get()
  @SignedIn()
  list(@CurrentActor() actor: Actor, @Query() query: ProposalListQuery): Promise<ProposalView[]> {
    return this.proposals.list(actor, query.state);
  }

  @Get(':id')
  @SignedIn()
  get(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<ProposalView> {
    return this.proposals.get(actor, id);
  }

  @Post(':id/register')
  @HttpCode(200)
  @RequirePermission('proposal.manage')
  register(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: RegisterProposalBody): Promise<ProposalView> {
    return this.proposals.register(actor, id, body);
  }

  @Post(':id/opinions')
  @HttpCode(200)
  @RequirePermission('proposal.review')
  opinion(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: OpinionBody): Promise<ProposalView> {
    return this.proposals.opinion(actor, id, body);
  }

  @Post(':id/decide')
  @HttpCode(200)
  @RequirePermission('proposal.manage')
  decide(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: DecideBody): Promise<ProposalView> {
    return this.proposals.decide(actor, id, body);
  }

  @Post(':id/implement')
  @HttpCode(200)
  @RequirePermission('proposal.manage')
  implement(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: ImplementBody): Promise<ProposalView> {
    return this.proposals.implement(actor, id, body);
  }

  @Post(':id/evaluate')
  @HttpCode(200)
  @RequirePermission('proposal.manage')
  evaluate(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @Body() body: EvaluateBody): Promise<ProposalView> {
    return this.proposals.evaluate(actor, id, body);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @SignedIn()
  transition(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @BodyOf(transitionBody) body: TransitionBody): Promise<ProposalView> {
    return this.proposals.transition(actor, id, { ...body, action: body.action as ProposalAction });
  }
}
