import { createSecretKey } from 'node:crypto';
import { Module, type OnModuleInit } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PiiModule } from '../pii/pii.module';
import { Member } from './entities/member.entity';
import { MembershipApplication } from './entities/membership-application.entity';
import { MembershipTransfer } from './entities/membership-transfer.entity';
import { MembershipController, PiiController } from './membership.controller';
import { MembershipApplicationsService } from './membership-applications.service';
import { MembershipPiiService } from './membership-pii.service';
import { MembershipTransfersService } from './membership-transfers.service';
import { MembershipViews } from './membership-views.service';
import { MembersService } from './members.service';
import { MembershipApplicationProcess } from './membership-application.process';
import { MembershipTransferProcess } from './membership-transfer.process';
import { MembershipProcess } from './membership.process';
import { CaseHandlers } from '../workflow/case-handlers';

@Module({
  imports: [
    TypeOrmModule.forFeature([MembershipApplication, Member, MembershipTransfer]),
    // Member cards are signed with their own secret, a KeyObject made once (a string secret is
    // tried as a public key on every verify: about 50 times slower per card scan).
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.auth.cardSecret, 'utf8')),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    IdentityModule,
    OrganizationsModule,
    PiiModule,
    NotificationsModule,
  ],
  controllers: [MembershipController, PiiController],
  providers: [
    MembershipApplicationsService,
    MembershipTransfersService,
    MembersService,
    MembershipViews,
    MembershipPiiService,
    MembershipApplicationProcess,
    MembershipTransferProcess,
    MembershipProcess,
  ],
  exports: [MembershipApplicationsService, MembershipTransfersService, MembersService, MembershipViews],
})
export class MembershipModule implements OnModuleInit {
  constructor(
    private readonly caseHandlers: CaseHandlers,
    private readonly members: MembersService,
  ) {}

  /** This module's case types answer the case API through their own services. */
  onModuleInit(): void {
    // Their steps have no checks to show beforehand: the actions come from the case alone.
    this.caseHandlers.registerPlain('membership_application');
    this.caseHandlers.registerPlain('membership_transfer');
    this.caseHandlers.register({
      caseType: 'membership',
      actions: (actor, id) => this.members.actions(actor, id),
    });
  }
}
