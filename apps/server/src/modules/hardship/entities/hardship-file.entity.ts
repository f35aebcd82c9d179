import type { FileCloseReason, HardshipCategory } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/**
 * A filed household (困难档案, 一户一档). Its life after filing (re-checks, closing, the follow-up)
 * is its workflow case (`hardship_file`): the state, the next due instant, the version that
 * serialises aid approvals against the ceilings, and the history live there.
 */
@Entity('hardship_files')
@Index('idx_hardship_files_scope', ['organizationPath', 'id'])
@Index('idx_hardship_files_applicant', ['applicantUserId', 'id'])
// Statistics: the households filed in a period in a subtree.
@Index('idx_hardship_files_filed', ['filedAt', 'organizationPath'])
export class HardshipFile {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  caseId: number;

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

  @InstantColumn()
  filedAt: Date;

  /** Why the file was closed (the closing step's comment says it to the worker). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  closeReason: FileCloseReason | null;
}
