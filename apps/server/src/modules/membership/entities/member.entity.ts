import type { EmploymentType, MemberStatus } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BlindIndexColumn, EncryptedColumn, InstantColumn } from '../../../database/columns';

/** A union member (会员), registered by real name. */
@Entity('members')
@Index('idx_members_org_status', ['organizationId', 'status', 'id'])
export class Member {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 36, unique: true })
  uid: string;

  @Column({ type: 'varchar', length: 20, unique: true })
  memberNo: string;

  @Index('idx_members_user')
  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 50 })
  realName: string;

  @EncryptedColumn()
  idNumberEnc: string;

  @Index('idx_members_id_index')
  @BlindIndexColumn()
  idNumberIndex: string;

  /** Equals idNumberIndex while the membership is active, null after withdrawal (unique). */
  @BlindIndexColumn({ nullable: true, unique: true })
  activeIdNumberIndex: string | null;

  @EncryptedColumn()
  phoneEnc: string;

  @BlindIndexColumn()
  phoneIndex: string;

  @Column({ type: 'int' })
  organizationId: number;

  @Column({ type: 'varchar', length: 100 })
  employerName: string;

  @Column({ type: 'varchar', length: 20 })
  employmentType: EmploymentType;

  @Column({ type: 'int', nullable: true })
  applicationId: number | null;

  @Column({ type: 'varchar', length: 16 })
  status: MemberStatus;

  /** Bumped when a card is revoked or re-issued; tokens carry it. */
  @Column({ type: 'int', default: 1 })
  cardSerial: number;

  @InstantColumn()
  joinedAt: Date;

  /** The membership's case: its state, its history (joining, leaving) and when it ended. */
  @Column({ type: 'int', unique: true })
  caseId: number;
}
