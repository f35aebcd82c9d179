import type { EmploymentType } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BlindIndexColumn, EncryptedColumn, InstantColumn } from '../../../database/columns';

/** An application to join the union (入会申请); its state lives in its workflow case. */
@Entity('membership_applications')
export class MembershipApplication {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  caseId: number;

  /** Random row identity bound into the encryption of this row's personal data. */
  @Column({ type: 'varchar', length: 36, unique: true })
  uid: string;

  @Index('idx_membership_applications_user')
  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 50 })
  realName: string;

  @EncryptedColumn()
  idNumberEnc: string;

  @Index('idx_membership_applications_id_index')
  @BlindIndexColumn()
  idNumberIndex: string;

  /** Equals idNumberIndex while the application is open, null once closed: a unique index
   * makes "one open application per ID number" hold even under concurrent submissions. */
  @BlindIndexColumn({ nullable: true, unique: true })
  openIdNumberIndex: string | null;

  @EncryptedColumn()
  phoneEnc: string;

  @BlindIndexColumn()
  phoneIndex: string;

  @Column({ type: 'varchar', length: 100 })
  employerName: string;

  @Column({ type: 'varchar', length: 20 })
  employmentType: EmploymentType;

  /** The union the worker chose; the case may sit higher when the employer must not know. */
  @Column({ type: 'int' })
  chosenOrganizationId: number;

  @Column({ type: 'boolean', default: false })
  hideFromEmployer: boolean;

  @InstantColumn()
  createdAt: Date;
}
