import type { HealthStatus, HouseholdRelation, WorkStatus } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BlindIndexColumn, EncryptedColumn, MoneyColumn } from '../../../database/columns';

/** A member of an applying or filed household. */
@Entity('hardship_household_members')
@Index('idx_household_members_person', ['idNumberIndex', 'active'])
@Index('idx_household_members_application', ['applicationId', 'id'])
export class HouseholdMember {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  applicationId: number;

  @Column({ type: 'varchar', length: 36, unique: true })
  uid: string;

  @Column({ type: 'varchar', length: 12 })
  relation: HouseholdRelation;

  @EncryptedColumn()
  nameEnc: string;

  @Column({ type: 'varchar', length: 40 })
  nameMasked: string;

  @EncryptedColumn()
  idNumberEnc: string;

  @BlindIndexColumn()
  idNumberIndex: string;

  @Column({ type: 'varchar', length: 20 })
  idNumberMasked: string;

  @MoneyColumn()
  annualIncomeFen: number;

  @Column({ type: 'varchar', length: 20 })
  health: HealthStatus;

  @Column({ type: 'text', nullable: true })
  healthNoteEnc: string | null;

  @Column({ type: 'varchar', length: 20 })
  workStatus: WorkStatus;

  /** True while the household's application is open or its file is active ("one person, one file"). */
  @Column({ type: 'boolean' })
  active: boolean;
}
