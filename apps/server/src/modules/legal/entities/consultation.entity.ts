import type { ConsultationChannel, ConsultationTopic } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EncryptedColumn, InstantColumn } from '../../../database/columns';

/**
 * A booked consultation; its state lives in its workflow case. `slotHeld` is 1 while the booking
 * holds its slot and NULL once cancelled: the unique index on (lawyer, start, slotHeld) lets the
 * database refuse a second booking of a held slot, however many workers tap it at once, while
 * cancelled bookings (NULL, never equal) free it.
 */
@Entity('legal_consultations')
@Index('uq_legal_consultation_slot', ['lawyerUserId', 'startsAt', 'slotHeld'], { unique: true })
@Index('idx_legal_consultations_applicant', ['applicantUserId', 'id'])
@Index('idx_legal_consultations_reminders', ['slotHeld', 'startsAt'])
export class Consultation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  caseId: number;

  @Column({ type: 'varchar', length: 36, unique: true })
  uid: string;

  @Column({ type: 'int' })
  applicantUserId: number;

  @Column({ type: 'int' })
  lawyerUserId: number;

  @InstantColumn()
  startsAt: Date;

  @InstantColumn()
  endsAt: Date;

  @Column({ type: 'tinyint', nullable: true })
  slotHeld: number | null;

  @Column({ type: 'varchar', length: 16 })
  channel: ConsultationChannel;

  @Column({ type: 'varchar', length: 100 })
  place: string;

  @Column({ type: 'varchar', length: 20 })
  topic: ConsultationTopic;

  /** The problem in the worker's words (may name people and illness), encrypted. */
  @Column({ type: 'text' })
  descriptionEnc: string;

  @EncryptedColumn({ nullable: true })
  phoneEnc: string | null;

  @Column({ type: 'text', nullable: true })
  summaryEnc: string | null;

  @Column({ type: 'text', nullable: true })
  adviceEnc: string | null;

  @Column({ type: 'boolean', default: false })
  suggestLegalAid: boolean;

  @Column({ type: 'int', nullable: true })
  rating: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  ratingComment: string | null;

  @Column({ type: 'int', nullable: true })
  legalAidApplicationId: number | null;

  @InstantColumn({ nullable: true })
  remindedDayBeforeAt: Date | null;

  @InstantColumn({ nullable: true })
  remindedHourBeforeAt: Date | null;

  @InstantColumn()
  createdAt: Date;
}
