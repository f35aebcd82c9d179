import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/**
 * One scheduled job's state, shared by every server process on the database: who holds its lease
 * and until when, when it runs next, and how its runs went. A process runs the job only after
 * taking the lease by compare-and-set, so each run happens once however many processes there are.
 */
@Entity('job_runs')
export class JobRun {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  name: string;

  /** The process that holds the lease (a random id per process), or null. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  leaseOwner: string | null;

  /** The lease ends here: past it (a process died mid-run), another process may take the job. */
  @InstantColumn({ nullable: true })
  leaseUntil: Date | null;

  @InstantColumn()
  nextRunAt: Date;

  @InstantColumn({ nullable: true })
  lastStartedAt: Date | null;

  @InstantColumn({ nullable: true })
  lastSucceededAt: Date | null;

  /** What the last run did (how many items) or why it failed; never personal data. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  lastOutcome: string | null;

  @Column({ type: 'int', default: 0 })
  runs: number;

  @Column({ type: 'int', default: 0 })
  failures: number;

  /** Failures since the last success: the retry waits JOBS_RETRY_BASE_MS (30 s) × 2^(n-1), at most the job's period. */
  @Column({ type: 'int', default: 0 })
  consecutiveFailures: number;
}
