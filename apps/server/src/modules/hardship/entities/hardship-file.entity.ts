import type { FileCloseReason, HardshipCategory, HardshipFileStatus } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** A filed household (困难档案, 一户一档). `version` serialises aid approvals against the ceilings. */
@Entity('hardship_files')
@Index('idx_hardship_files_scope', ['organizationPath', 'status', 'id'])
@Index('idx_hardship_files_recheck', ['status', 'recheckDueAt', 'id'])
@Index('idx_hardship_files_applicant', ['applicantUserId', 'id'])
@Index('idx_hardship_files_follow_up', ['status', 'followUpDueAt', 'id'])
export class HardshipFile {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20, unique: true })
  fileNo: string;

  @Column({ type: 'int', unique: true })
  applicationId: number;

  @Column({ type: 'int' })
  applicantUserId: number;

  @Column({ type: 'int' })
  organizationId: number;

  @Column({ type: 'varchar', length: 255 })
  organizationPath: string;

  @Column({ type: 'varchar', length: 12 })
  category: HardshipCategory;

  @Column({ type: 'int' })
  ruleSetId: number;

  @Column({ type: 'int' })
  ruleSetVersion: number;

  @Column({ type: 'varchar', length: 10 })
  status: HardshipFileStatus;

  @Column({ type: 'int', default: 1 })
  version: number;

  @InstantColumn()
  filedAt: Date;

  @InstantColumn()
  recheckDueAt: Date;

  @InstantColumn({ nullable: true })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  closeReason: FileCloseReason | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  closeNote: string | null;

  @InstantColumn({ nullable: true })
  followUpDueAt: Date | null;
}
