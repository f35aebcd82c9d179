import { Module } from '@nestjs/common';
import { NoticesService } from './notices.service';

/** Objections to public notices (公示异议) of every case type: one table, one way of answering them. */
@Module({ providers: [NoticesService], exports: [NoticesService] })
export class NoticesModule {}
