import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UploadsModule } from '../uploads/uploads.module';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';

/** Rationalisation proposals (合理化建议). */
@Module({
  imports: [IdentityModule, NotificationsModule, UploadsModule],
  controllers: [ProposalsController],
  providers: [ProposalsService],
  exports: [ProposalsService],
})
export class ProposalsModule {}
