import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The staff's work queues, flat at any size: one row per case waiting for staff with a deadline
 * **and per organisation above it** (its own and every ancestor's, from its path). A cadre's queue
 * is then an equality on their organisation, the case type and the step, read in deadline order
 * straight off the primary key, however many cases the subtree holds and however deep the page.
 * Kept in the transaction of every step, placement and opening (see case-queue.ts); never edited
 * anywhere else.
 */
@Entity('case_queue')
@Index('idx_case_queue_case', ['caseId'])
// A lawyer's own queue (cases assigned to them): the same order, from the assignee.
@Index('idx_case_queue_assignee', ['assigneeUserId', 'caseType', 'state', 'dueAt', 'caseId'])
// A cadre's own waiting cases (taken off the counts: nobody handles their own case).
@Index('idx_case_queue_applicant', ['applicantUserId', 'organizationId', 'caseType', 'state'])
export class CaseQueueEntry {
  /** The organisation whose queue this row is in: the case's own or one above it. */
  @PrimaryColumn({ type: 'int' })
  organizationId: number;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  caseType: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  state: string;

  @PrimaryColumn({ type: 'datetime', precision: 3 })
  dueAt: Date;

  @PrimaryColumn({ type: 'int' })
  caseId: number;

  /** Copied from the case, for the rule that nobody handles their own case as staff. */
  @Column({ type: 'int' })
  applicantUserId: number;

  /** Copied from the case, for case types that assign (a lawyer sees their own). */
  @Column({ type: 'int', nullable: true })
  assigneeUserId: number | null;
}
