import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Answers, BodyOf, ParamOf, QueryOf } from '../../common/schema';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  cardVerification,
  memberCardView,
  membershipApplicationPage,
  membershipApplicationView,
  membershipTransferView,
  revealResponse,
  type CardVerification,
  type MemberCardView,
  type MembershipApplicationView,
  type MembershipTransferView,
  type Page,
  type PageQuery,
  type RevealResponse,
  createMembershipApplicationBody,
  createMembershipTransferBody,
  pageQuery,
  revealBody,
  verifyCardQuery,
  withdrawMembershipBody,
  type CreateMembershipApplicationRequest,
  type CreateMembershipTransferRequest,
  type RevealRequest,
  type VerifyCardQuery,
  type WithdrawMembershipRequest,
} from '@union/shared';
import { Public, RequirePermission, SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
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
  @Answers(membershipApplicationView, 201)
  apply(
    @CurrentActor() actor: Actor,
    @BodyOf(createMembershipApplicationBody) body: CreateMembershipApplicationRequest,
  ): Promise<MembershipApplicationView> {
    return this.applications.apply(actor, body);
  }

  @Get('applications/mine')
  @SignedIn()
  @Answers(membershipApplicationPage)
  mine(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<MembershipApplicationView>> {
    return this.applications.mine(actor, query);
  }

  @Get('applications/:id')
  @SignedIn()
  @Answers(membershipApplicationView)
  get(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<MembershipApplicationView> {
    return this.applications.get(actor, id);
  }

  @Get('me')
  @SignedIn()
  @Answers(memberCardView)
  card(@CurrentActor() actor: Actor): Promise<MemberCardView> {
    return this.members.myCard(actor);
  }

  @Get('cards/verify')
  @Public()
  @Answers(cardVerification)
  verify(@QueryOf(verifyCardQuery) query: VerifyCardQuery): Promise<CardVerification> {
    return this.members.verifyCard(query.token);
  }

  @Post('withdraw')
  @HttpCode(204)
  @SignedIn()
  async withdraw(@CurrentActor() actor: Actor, @BodyOf(withdrawMembershipBody) body: WithdrawMembershipRequest): Promise<void> {
    await this.members.withdraw(actor, body.reason);
  }

  @Post('transfers')
  @SignedIn()
  @Answers(membershipTransferView, 201)
  requestTransfer(
    @CurrentActor() actor: Actor,
    @BodyOf(createMembershipTransferBody) body: CreateMembershipTransferRequest,
  ): Promise<MembershipTransferView> {
    return this.transfers.request(actor, body);
  }

  @Get('transfers/:id')
  @SignedIn()
  @Answers(membershipTransferView)
  getTransfer(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<MembershipTransferView> {
    return this.transfers.get(actor, id);
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
  @Answers(revealResponse)
  reveal(@CurrentActor() actor: Actor, @BodyOf(revealBody) body: RevealRequest): Promise<RevealResponse> {
    return this.pii.reveal(actor, body);
  }
}
