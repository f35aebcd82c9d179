import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actionView, caseView, historyEntryView, transitionBody, z, type CaseView, type TransitionBody } from '@union/shared';
import { SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { Answers, BodyOf, ParamOf } from '../../common/schema';
import { CasesService } from './cases.service';

/** Any case by its id: its state, deadline, history, what the actor may do (also alone: actions, history), and its plain steps. */
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

  @Get(':id/actions')
  @SignedIn()
  @Answers(z.array(actionView))
  actions(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<z.output<typeof actionView>[]> {
    return this.cases.actions(actor, id);
  }

  @Get(':id/history')
  @SignedIn()
  @Answers(z.array(historyEntryView))
  history(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<z.output<typeof historyEntryView>[]> {
    return this.cases.history(actor, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @SignedIn()
  @Answers(caseView)
  transition(@CurrentActor() actor: Actor, @ParamOf('id') id: number, @BodyOf(transitionBody) body: TransitionBody): Promise<CaseView> {
    return this.cases.transition(actor, id, body);
  }
}
