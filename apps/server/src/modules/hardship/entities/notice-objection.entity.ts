import type { NoticeObjectionView } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** An objection to a public notice and how it was resolved. */
@Entity('hardship_notice_objections')
@Index('idx_notice_objections_notice', ['noticeId', 'status'])
export class NoticeObjection {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  noticeId: number;

  @Column({ type: 'int' })
  applicationId: number;

  @Column({ type: 'varchar', length: 12 })
  channel: NoticeObjectionView['channel'];

  @Column({ type: 'varchar', length: 1000 })
  content: string;

  @Column({ type: 'varchar', length: 10 })
  status: 'open' | 'resolved';

  @Column({ type: 'int' })
  receivedByUserId: number;

  @InstantColumn()
  receivedAt: Date;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  resolution: string | null;

  @Column({ type: 'boolean', nullable: true })
  upheld: boolean | null;

  @Column({ type: 'int', nullable: true })
  resolvedByUserId: number | null;

  @InstantColumn({ nullable: true })
  resolvedAt: Date | null;
}
