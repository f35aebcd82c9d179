import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** A refresh token, stored only as its hash; rotated on every use. */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_refresh_tokens_user')
  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @InstantColumn()
  expiresAt: Date;

  @InstantColumn({ nullable: true })
  revokedAt: Date | null;

  @InstantColumn()
  createdAt: Date;
}
