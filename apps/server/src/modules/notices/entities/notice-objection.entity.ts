import type { NoticeObjectionView } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/**
 * An objection to what a case puts on public notice (公示): a hardship application, a competition's
 * results, an honour nomination. One table for every notice; the notice's case says which. Each
 * objection is a case of its own (`hardship_objection`, …): whether it is open, who answered it
 * and when are the case's state and history, not columns here.
 */
@Entity('notice_objections')
@Index('idx_notice_objections_notice', ['noticeCaseId', 'id'])
export class NoticeObjection {
  @PrimaryGeneratedColumn()
  id: number;

  /** The objection's own case. */
  @Index('uq_notice_objections_case', { unique: true })
  @Column({ type: 'int' })
  caseId: number;

  /** The case on notice. */
  @Column({ type: 'int' })
  noticeCaseId: number;

  /** What on the notice it is about, when the notice lists several (a competition's entry). */
  @Column({ type: 'int', nullable: true })
  itemId: number | null;

  @Column({ type: 'varchar', length: 12 })
  channel: NoticeObjectionView['channel'];

  @Column({ type: 'varchar', length: 1000 })
  content: string;

  /** Who raised it online, or the cadre who recorded one received in person, by phone or letter. */
  @Column({ type: 'int' })
  receivedByUserId: number;

  @InstantColumn()
  receivedAt: Date;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  resolution: string | null;

  /** Whether the objection was found to stand (null when the notice's procedure does not say). */
  @Column({ type: 'boolean', nullable: true })
  upheld: boolean | null;
}
