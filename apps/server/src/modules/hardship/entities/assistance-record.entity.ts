import type { AidType } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, MoneyColumn } from '../../../database/columns';

/** An assistance record (帮扶记录); its state (approved, paid, signed) lives in its workflow case. */
@Entity('hardship_assistance_records')
@Index('idx_assistance_file_year', ['fileId', 'year', 'aidType'])
@Index('idx_assistance_campaign', ['campaignId', 'id'])
// Statistics: the aid approved in a period.
@Index('idx_assistance_approved', ['approvedAt', 'id'])
export class AssistanceRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  caseId: number;

  @Column({ type: 'int' })
  fileId: number;

  @Column({ type: 'varchar', length: 16 })
  aidType: AidType;

  @MoneyColumn()
  amountFen: number;

  @Column({ type: 'varchar', length: 60 })
  fundSource: string;

  /** The calendar year (China time) the amount counts against. */
  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int', nullable: true })
  campaignId: number | null;

  @Column({ type: 'int' })
  approvedByUserId: number;

  @Column({ type: 'varchar', length: 80 })
  approvedByName: string;

  @InstantColumn()
  approvedAt: Date;

  @Column({ type: 'varchar', length: 300, nullable: true })
  comment: string | null;

  @InstantColumn({ nullable: true })
  paidAt: Date | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  paymentReference: string | null;

  @InstantColumn({ nullable: true })
  signedAt: Date | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  signMethod: 'in_app' | 'paper_form' | null;

  @Column({ type: 'int', nullable: true })
  signedFormUploadId: number | null;
}
