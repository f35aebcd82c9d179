import type { ConsentKind } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** A recorded consent: which text (kind, version) a user accepted, and when. */
@Entity('consents')
@Index('idx_consents_user_kind', ['userId', 'kind'])
export class Consent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 32 })
  kind: ConsentKind;

  @Column({ type: 'varchar', length: 20 })
  version: string;

  @InstantColumn()
  acceptedAt: Date;
}
