import type { FileCloseReason, HardshipCategory } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** What happened to a household file after filing: yearly re-checks and closing (动态管理). */
@Entity('hardship_file_events')
@Index('idx_hardship_file_events_file', ['fileId', 'id'])
export class HardshipFileEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  fileId: number;

  @Column({ type: 'varchar', length: 20 })
  outcome: 'keep' | 'change_category' | 'close' | 'follow_up';

  @Column({ type: 'varchar', length: 12, nullable: true })
  category: HardshipCategory | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  closeReason: FileCloseReason | null;

  @Column({ type: 'varchar', length: 500 })
  note: string;

  @Column({ type: 'int' })
  actorUserId: number;

  @Column({ type: 'varchar', length: 80 })
  actorName: string;

  @InstantColumn()
  createdAt: Date;
}
