import type { SchoolLevel } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BlindIndexColumn, EncryptedColumn, MoneyColumn } from '../../../database/columns';

/** A 金秋助学 application for one student; its state lives in its workflow case. */
@Entity('hardship_grant_applications')
@Index('uq_grant_student', ['campaignId', 'studentIdIndex'], { unique: true })
@Index('idx_grant_applications_applicant', ['applicantUserId', 'id'])
export class GrantApplication {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  caseId: number;

  @Column({ type: 'varchar', length: 36, unique: true })
  uid: string;

  @Column({ type: 'int' })
  campaignId: number;

  @Column({ type: 'int' })
  fileId: number;

  @Column({ type: 'int' })
  applicantUserId: number;

  @EncryptedColumn()
  studentNameEnc: string;

  @Column({ type: 'varchar', length: 40 })
  studentNameMasked: string;

  @EncryptedColumn()
  studentIdEnc: string;

  /** One grant per student and campaign (a unique index also holds under concurrent submissions). */
  @BlindIndexColumn()
  studentIdIndex: string;

  @Column({ type: 'varchar', length: 20 })
  studentIdMasked: string;

  @Column({ type: 'varchar', length: 16 })
  schoolLevel: SchoolLevel;

  @Column({ type: 'varchar', length: 60 })
  schoolName: string;

  @Column({ type: 'int' })
  admissionUploadId: number;

  @MoneyColumn()
  amountFen: number;

  @Column({ type: 'int', nullable: true })
  aidRecordId: number | null;
}
