import { Global, Module } from '@nestjs/common';
import { JobScheduler } from './jobs.service';

/** Scheduled jobs, run once per period across every server process (leases on the database). */
@Global()
@Module({ providers: [JobScheduler], exports: [JobScheduler] })
export class JobsModule {}
