import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many cases wait in each of the staff's queues (an organisation, a case type, a step), kept in
 * the transaction of every change to `case_queue` instead of counted by scanning it: the workbench's
 * queues per step read a few rows whatever the size of the subtree. Each count is split over
 * {@link QUEUE_COUNT_SHARDS} rows (by case id), so that steps taken at once on one county's queue do
 * not all wait for the same row; a count is the sum of its shards.
 */
@Entity('case_queue_counts')
export class CaseQueueCount {
  @PrimaryColumn({ type: 'int' })
  organizationId: number;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  caseType: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  state: string;

  @PrimaryColumn({ type: 'int' })
  shard: number;

  @Column({ type: 'int', default: 0 })
  waiting: number;
}

/** Rows each count is split over (the case id modulo this). */
export const QUEUE_COUNT_SHARDS = 8;
