import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
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

@Module({
  imports: [
    TypeOrmModule.forFeature([MembershipApplication, Member, MembershipTransfer]),
    JwtModule.register({}),
    IdentityModule,
    OrganizationsModule,
    PiiModule,
    NotificationsModule,
  ],
  controllers: [MembershipController, PiiController],
  providers: [MembershipApplicationsService, MembershipTransfersService, MembersService, MembershipViews, MembershipPiiService],
  exports: [MembershipApplicationsService, MembershipTransfersService, MembersService, MembershipViews],
})
export class MembershipModule {}
