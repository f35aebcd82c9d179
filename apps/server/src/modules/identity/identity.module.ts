import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
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
import { JWT_ALGORITHM, TokenService } from './token.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Consent, Invitation, RefreshToken]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject made once: given a string, jsonwebtoken tries it as a public key on every verify.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')),
        signOptions: { algorithm: JWT_ALGORITHM },
        verifyOptions: { algorithms: [JWT_ALGORITHM] },
      }),
    }),
    OrganizationsModule,
    WechatModule,
    PiiModule,
  ],
  controllers: [AuthController, MeController],
  providers: [IdentityService, TokenService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [IdentityService],
})
export class IdentityModule {}
