import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** A membership transfer (会籍接转) from one union to another; state in its workflow case. */
@Entity('membership_transfers')
export class MembershipTransfer {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  caseId: number;

  @Index('idx_membership_transfers_member')
  @Column({ type: 'int' })
  memberId: number;

  /** Equals memberId while the transfer is open, null once closed: one open transfer per member. */
  @Column({ type: 'int', nullable: true, unique: true })
  openMemberId: number | null;

  @Column({ type: 'int' })
  fromOrganizationId: number;

  @Column({ type: 'int' })
  toOrganizationId: number;

  @Column({ type: 'varchar', length: 100 })
  newEmployerName: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  reason: string | null;

  @InstantColumn()
  createdAt: Date;
}
