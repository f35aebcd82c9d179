import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { caseView, transitionBody, type CaseView, type TransitionBody } from '@union/shared';
import { SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { Answers, BodyOf, ParamOf } from '../../common/schema';
import { CasesService } from './cases.service';

/** Any case by its id: its state, deadline, history, what the actor may do, and its plain steps. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get(':id')
  @SignedIn()
  @Answers(caseView)
  get(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<CaseView> {
    return this.cases.get(actor, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @SignedIn()
  @Answers(caseView)
  transition(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @BodyOf(transitionBody) body: TransitionBody): Promise<CaseView> {
    return this.cases.transition(actor, id, body);
  }
}
