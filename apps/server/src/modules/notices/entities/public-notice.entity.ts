import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/**
 * What a case puts on public notice (公示), for every case type that has one: a hardship
 * application (a masked text the system writes), a competition's results, an honour nomination.
 * One notice per case; objections to it are in `notice_objections`.
 */
@Entity('public_notices')
@Index('idx_notices_type_running', ['caseType', 'endsAt', 'id'])
@Index('idx_notices_scope', ['organizationPath', 'endsAt', 'id'])
export class PublicNotice {
  @PrimaryGeneratedColumn()
  id: number;

  /** The case on notice. */
  @Column({ type: 'int', unique: true })
  caseId: number;

  /** The case's type, so each domain lists its own notices. */
  @Column({ type: 'varchar', length: 40 })
  caseType: string;

  /** The case's organisation when the notice started (who may record objections received offline). */
  @Column({ type: 'varchar', length: 255 })
  organizationPath: string;

  @InstantColumn()
  startsAt: Date;

  @InstantColumn()
  endsAt: Date;

  /** The text on notice, when the system writes one (names and ID numbers masked, no medical detail). */
  @Column({ type: 'varchar', length: 600, nullable: true })
  content: string | null;

  @InstantColumn()
  createdAt: Date;
}
