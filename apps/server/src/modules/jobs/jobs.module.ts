import { Global, Module } from '@nestjs/common';
import { JobScheduler } from './jobs.service';

/** Scheduled jobs, run once per period across every server process (on BullMQ with Redis, on database leases without). */
@Global()
@Module({ providers: [JobScheduler], exports: [JobScheduler] })
export class JobsModule {}
