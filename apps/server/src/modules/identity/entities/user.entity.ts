import type { Role } from '@union/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EncryptedColumn, InstantColumn } from '../../../database/columns';

/** A person who uses the platform: a worker, or staff bound to an organisation. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  /** WeChat openid of this mini-program; null for users created otherwise. */
  @Column({ type: 'varchar', length: 64, nullable: true, unique: true })
  openid: string | null;

  /** WeChat session_key, encrypted; it never leaves the server. */
  @EncryptedColumn({ nullable: true })
  sessionKeyEnc: string | null;

  /** Key of the seeded demo persona this user plays, for the demo login. */
  @Column({ type: 'varchar', length: 32, nullable: true, unique: true })
  demoPersona: string | null;

  @Column({ type: 'varchar', length: 50 })
  displayName: string;

  @Column({ type: 'simple-array' })
  roles: Role[];

  /** The organisation a staff user acts for. */
  @Column({ type: 'int', nullable: true })
  organizationId: number | null;

  @InstantColumn()
  createdAt: Date;
}
