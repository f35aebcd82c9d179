import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Answers, BodyOf } from '../../common/schema';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  demoPersonaList,
  invitationCode,
  meView,
  tokenPair,
  type DemoPersona,
  type InvitationCode,
  type MeView,
  type TokenPair,
  consentBody,
  createInvitationBody,
  demoLoginBody,
  redeemInvitationBody,
  refreshBody,
  wechatLoginBody,
  type CreateInvitationRequest,
  type DemoLoginRequest,
  type RecordConsentRequest,
  type RedeemInvitationRequest,
  type RefreshRequest,
  type WechatLoginRequest,
} from '@union/shared';
import { Public, RequirePermission, SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { RateLimited } from '../../common/rate-limit';
import { IdentityService } from './identity.service';
import { TokenService } from './token.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly identity: IdentityService,
    private readonly tokens: TokenService,
  ) {}

  @Post('wechat-login')
  @HttpCode(200)
  @Public()
  @RateLimited('login')
  @Answers(tokenPair)
  wechatLogin(@BodyOf(wechatLoginBody) body: WechatLoginRequest): Promise<TokenPair> {
    return this.identity.wechatLogin(body.code);
  }

  @Get('demo-personas')
  @Public()
  @Answers(demoPersonaList)
  demoPersonas(): Promise<DemoPersona[]> {
    return this.identity.demoPersonas();
  }

  @Post('demo-login')
  @HttpCode(200)
  @Public()
  @RateLimited('login')
  @Answers(tokenPair)
  demoLogin(@BodyOf(demoLoginBody) body: DemoLoginRequest): Promise<TokenPair> {
    return this.identity.demoLogin(body.persona);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @RateLimited('refresh')
  @Answers(tokenPair)
  refresh(@BodyOf(refreshBody) body: RefreshRequest): Promise<TokenPair> {
    return this.tokens.refresh(body.refreshToken);
  }

  /** Revokes the given refresh token and every token of its login; needs no access token (it may have expired). */
  @Post('logout')
  @HttpCode(204)
  @Public()
  async logout(@BodyOf(refreshBody) body: RefreshRequest): Promise<void> {
    await this.tokens.logout(body.refreshToken);
  }

  /** A cadre creates a one-time code that binds a colleague as staff of a union in their subtree. */
  @Post('invitations')
  @RequirePermission('staff.invite')
  @ApiBearerAuth()
  @Answers(invitationCode, 201)
  invite(@CurrentActor() actor: Actor, @BodyOf(createInvitationBody) body: CreateInvitationRequest): Promise<InvitationCode> {
    return this.identity.invite(actor, body.organizationId, body.role);
  }

  @Post('invitations/redeem')
  @HttpCode(200)
  @SignedIn()
  @RateLimited('redeem')
  @ApiBearerAuth()
  @Answers(meView)
  redeem(@CurrentActor() actor: Actor, @BodyOf(redeemInvitationBody) body: RedeemInvitationRequest): Promise<MeView> {
    return this.identity.redeemInvitation(actor, body.code);
  }
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly identity: IdentityService) {}

  @Get()
  @SignedIn()
  @Answers(meView)
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.identity.me(actor);
  }

  @Post('consents')
  @HttpCode(200)
  @SignedIn()
  @Answers(meView)
  consent(@CurrentActor() actor: Actor, @BodyOf(consentBody) body: RecordConsentRequest): Promise<MeView> {
    return this.identity.recordConsent(actor, body.kind, body.version);
  }
}
