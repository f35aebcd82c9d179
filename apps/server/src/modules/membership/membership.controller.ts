import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  ActionView,
  CardVerification,
  MemberCardView,
  MembershipApplicationAction,
  MembershipApplicationView,
  MembershipTransferAction,
  MembershipTransferView,
  RevealResponse,
} from '@union/shared';
import { Public, RequirePermission, SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { CreateApplicationBody, CreateTransferBody, RevealBody, TransitionBody, VerifyCardQuery, WithdrawBody } from './membership.dto';
import { MembershipApplicationsService } from './membership-applications.service';
import { MembershipPiiService } from './membership-pii.service';
import { MembershipTransfersService } from './membership-transfers.service';
import { MembersService } from './members.service';

@ApiTags('membership')
@ApiBearerAuth()
@Controller('membership')
export class MembershipController {
  constructor(
    private readonly applications: MembershipApplicationsService,
    private readonly transfers: MembershipTransfersService,
    private readonly members: MembersService,
  ) {}

  @Post('applications')
  @RequirePermission('membership.apply')
  apply(@CurrentActor() actor: Actor, @Body() body: CreateApplicationBody): Promise<MembershipApplicationView> {
    return this.applications.apply(actor, body);
  }

  @Get('applications/mine')
  @SignedIn()
  mine(@CurrentActor() actor: Actor): Promise<MembershipApplicationView[]> {
    return this.applications.mine(actor);
  }

  @Get('applications/:id')
  @SignedIn()
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<MembershipApplicationView> {
    return this.applications.get(actor, id);
  }

  @Get('applications/:id/actions')
  @SignedIn()
  actions(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ActionView<MembershipApplicationAction>[]> {
    return this.applications.actions(actor, id);
  }

  @Post('applications/:id/transitions')
  @HttpCode(200)
  @SignedIn()
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: TransitionBody,
  ): Promise<MembershipApplicationView> {
    return this.applications.transition(actor, id, body);
  }

  @Get('me')
  @SignedIn()
  card(@CurrentActor() actor: Actor): Promise<MemberCardView> {
    return this.members.myCard(actor);
  }

  @Get('cards/verify')
  @Public()
  verify(@Query() query: VerifyCardQuery): Promise<CardVerification> {
    return this.members.verifyCard(query.token);
  }

  @Post('withdraw')
  @HttpCode(204)
  @SignedIn()
  async withdraw(@CurrentActor() actor: Actor, @Body() body: WithdrawBody): Promise<void> {
    await this.members.withdraw(actor, body.reason);
  }

  @Post('transfers')
  @SignedIn()
  requestTransfer(@CurrentActor() actor: Actor, @Body() body: CreateTransferBody): Promise<MembershipTransferView> {
    return this.transfers.request(actor, body);
  }

  @Get('transfers/:id')
  @SignedIn()
  getTransfer(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<MembershipTransferView> {
    return this.transfers.get(actor, id);
  }

  @Get('transfers/:id/actions')
  @SignedIn()
  transferActions(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ActionView<MembershipTransferAction>[]> {
    return this.transfers.actions(actor, id);
  }

  @Post('transfers/:id/transitions')
  @HttpCode(200)
  @SignedIn()
  transferTransition(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: TransitionBody,
  ): Promise<MembershipTransferView> {
    return this.transfers.transition(actor, id, body);
  }
}

@ApiTags('pii')
@ApiBearerAuth()
@Controller('pii')
export class PiiController {
  constructor(private readonly pii: MembershipPiiService) {}

  /** Reveal a full ID number or phone; audited with the reason. */
  @Post('reveal')
  @HttpCode(200)
  @RequirePermission('pii.reveal')
  reveal(@CurrentActor() actor: Actor, @Body() body: RevealBody): Promise<RevealResponse> {
    return this.pii.reveal(actor, body);
  }
}
