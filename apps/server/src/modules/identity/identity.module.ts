import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PiiModule } from '../pii/pii.module';
import { WechatModule } from '../wechat/wechat.module';
import { AccessGuard } from './access.guard';
import { AuthController, MeController } from './auth.controller';
import { Consent } from './entities/consent.entity';
import { Invitation } from './entities/invitation.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { IdentityService } from './identity.service';
import { TokenService } from './token.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Consent, Invitation, RefreshToken]),
    JwtModule.register({}),
    OrganizationsModule,
    WechatModule,
    PiiModule,
  ],
  controllers: [AuthController, MeController],
  providers: [IdentityService, TokenService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [IdentityService],
})
export class IdentityModule {}
