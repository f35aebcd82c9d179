import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** The democratic review (民主评议) meeting of an application. */
@Entity('hardship_democratic_reviews')
export class DemocraticReview {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  applicationId: number;

  @Column({ type: 'varchar', length: 10 })
  meetingOn: string;

  @Column({ type: 'simple-json' })
  attendees: string[];

  @Column({ type: 'int' })
  votesFor: number;

  @Column({ type: 'int' })
  votesAgainst: number;

  @Column({ type: 'int' })
  abstentions: number;

  @Column({ type: 'int', nullable: true })
  minutesUploadId: number | null;

  @Column({ type: 'int' })
  recordedByUserId: number;

  @InstantColumn()
  createdAt: Date;
}
