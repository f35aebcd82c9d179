import type { NoticeObjectionView } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/**
 * An objection to what a case puts on public notice (公示): a hardship application, a competition's
 * results, an honour nomination. One table for every notice; the case says which.
 */
@Entity('notice_objections')
@Index('idx_notice_objections_case', ['caseId', 'status', 'id'])
export class NoticeObjection {
  @PrimaryGeneratedColumn()
  id: number;

  /** The case on notice. */
  @Column({ type: 'int' })
  caseId: number;

  /** What on the notice it is about, when the notice lists several (a competition's entry). */
  @Column({ type: 'int', nullable: true })
  itemId: number | null;

  @Column({ type: 'varchar', length: 12 })
  channel: NoticeObjectionView['channel'];

  @Column({ type: 'varchar', length: 1000 })
  content: string;

  @Column({ type: 'varchar', length: 10 })
  status: 'open' | 'resolved';

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

  @Column({ type: 'int', nullable: true })
  resolvedByUserId: number | null;

  @InstantColumn({ nullable: true })
  resolvedAt: Date | null;
}
