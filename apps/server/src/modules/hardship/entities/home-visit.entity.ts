import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** The home visit (入户调查) of an application; photos are uploads attached to the case. */
@Entity('hardship_home_visits')
export class HomeVisit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  applicationId: number;

  @Column({ type: 'varchar', length: 10 })
  visitedOn: string;

  @Column({ type: 'simple-json' })
  visitors: string[];

  /** What the visitors saw; may describe illness, so encrypted. */
  @Column({ type: 'text' })
  findingsEnc: string;

  @Column({ type: 'boolean' })
  matchesDeclaration: boolean;

  @Column({ type: 'simple-json' })
  photoUploadIds: number[];

  @Column({ type: 'int', nullable: true })
  formUploadId: number | null;

  @Column({ type: 'int' })
  recordedByUserId: number;

  @InstantColumn()
  createdAt: Date;
}
