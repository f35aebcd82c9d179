import type { Role } from '@union/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** A one-time code that binds the user who redeems it as staff of an organisation. */
@Entity('invitations')
export class Invitation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  codeHash: string;

  @Column({ type: 'int' })
  organizationId: number;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ type: 'int', nullable: true })
  createdBy: number | null;

  @InstantColumn()
  expiresAt: Date;

  @Column({ type: 'int', nullable: true })
  redeemedBy: number | null;

  @InstantColumn({ nullable: true })
  redeemedAt: Date | null;

  @InstantColumn()
  createdAt: Date;
}
