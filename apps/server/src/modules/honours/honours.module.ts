import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { PiiModule } from '../pii/pii.module';
import { UploadsModule } from '../uploads/uploads.module';
import { HonoursController } from './honours.controller';
import { HonoursService } from './honours.service';

/** Honours and the model-worker registry. */
@Module({
  imports: [CompetitionsModule, UploadsModule, PiiModule],
  controllers: [HonoursController],
  providers: [HonoursService],
  exports: [HonoursService],
})
export class HonoursModule {}
