import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/**
 * A refresh token, stored only as its hash; rotated on every use. Every token issued by rotation
 * keeps the family of the login it descends from, so presenting a rotated token again (a stolen
 * copy, or the thief's after the owner refreshed) revokes the whole family at once.
 */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_refresh_tokens_user')
  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Index('idx_refresh_tokens_family')
  @Column({ type: 'varchar', length: 32 })
  familyId: string;

  @InstantColumn()
  expiresAt: Date;

  @InstantColumn({ nullable: true })
  revokedAt: Date | null;

  @InstantColumn()
  createdAt: Date;
}
