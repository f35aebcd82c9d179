import { Module } from '@nestjs/common';
import { NoticesService } from './notices.service';

/** Public notices (公示) of every case type and their objections: one table each, one way of answering them. */
@Module({ providers: [NoticesService], exports: [NoticesService] })
export class NoticesModule {}
