import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** Delivery state of an outbox row. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'dead';

/**
 * A notification to deliver outside the database (a WeChat subscribe message), written in the
 * same transaction as the change it announces and sent later by the outbox sender.
 */
@Entity('outbox')
@Index('idx_outbox_due', ['status', 'nextAttemptAt', 'id'])
export class OutboxEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 40 })
  topic: string;

  @Column({ type: 'int' })
  userId: number;

  /** JSON payload; never an ID number or a phone. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @InstantColumn()
  nextAttemptAt: Date;

  /** A sender that claimed the row holds it until then; a crashed sender's claim expires. */
  @InstantColumn({ nullable: true })
  lockedUntil: Date | null;

  /** Which pass of which sender claimed the row (a batch is claimed in one statement, then read back by this). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  claimToken: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  lastError: string | null;

  @InstantColumn()
  createdAt: Date;

  @InstantColumn({ nullable: true })
  sentAt: Date | null;
}
