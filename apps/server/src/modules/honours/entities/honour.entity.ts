import type { ModelWorkerRecordKind, NomineeType } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, MoneyColumn } from '../../../database/columns';

/** An honour that can be nominated for (the four built in, and the county's own). */
@Entity('honour_kinds')
export class HonourKind {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 40, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  nomineeType: NomineeType;
}

/** A nomination (推荐); its state lives in its workflow case. */
@Entity('honour_nominations')
@Index('idx_nominations_kind_year', ['kindId', 'year', 'id'])
export class Nomination {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  caseId: number;

  @Column({ type: 'int' })
  kindId: number;

  @Column({ type: 'varchar', length: 60 })
  nomineeName: string;

  @Column({ type: 'varchar', length: 100 })
  employerName: string;

  @Column({ type: 'varchar', length: 100 })
  employerKey: string;

  @Column({ type: 'text' })
  deeds: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  nominatedByOrganizationId: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectReason: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revokedReason: string | null;

  @InstantColumn({ nullable: true })
  awardedAt: Date | null;

  @InstantColumn()
  createdAt: Date;
}

/** A model worker (劳模) in the registry: from an awarded nomination, or entered for earlier years; revoked ones are kept, marked. */
@Entity('model_workers')
export class ModelWorker {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 100 })
  employerName: string;

  @Column({ type: 'varchar', length: 40 })
  title: string;

  @Column({ type: 'int' })
  awardedYear: number;

  @Column({ type: 'int', nullable: true, unique: true })
  nominationId: number | null;

  @Column({ type: 'varchar', length: 36, unique: true })
  uid: string;

  @InstantColumn()
  createdAt: Date;

  /**
   * When the title was revoked (its nomination's `revoke` step): the worker leaves the registry of
   * current model workers, and the row and its records stay as the history of what was done.
   */
  @InstantColumn({ nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revokedReason: string | null;
}

/** A health check, care visit or support paid to a model worker; health notes are encrypted. */
@Entity('model_worker_records')
@Index('idx_model_worker_records', ['modelWorkerId', 'date', 'id'])
export class ModelWorkerRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  modelWorkerId: number;

  @Column({ type: 'varchar', length: 16 })
  kind: ModelWorkerRecordKind;

  @Column({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'text' })
  noteEnc: string;

  @MoneyColumn({ nullable: true })
  amountFen: number | null;

  @Column({ type: 'varchar', length: 50 })
  recordedByName: string;

  @InstantColumn()
  createdAt: Date;
}
