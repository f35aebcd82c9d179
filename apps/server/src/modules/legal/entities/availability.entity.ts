import type { ConsultationChannel } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One line of a lawyer's weekly pattern (China time). */
@Entity('legal_availability_rules')
@Index('idx_legal_availability_lawyer', ['lawyerUserId', 'weekday'])
export class AvailabilityRule {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  lawyerUserId: number;

  /** 1 = Monday … 7 = Sunday. */
  @Column({ type: 'int' })
  weekday: number;

  @Column({ type: 'varchar', length: 5 })
  startTime: string;

  @Column({ type: 'varchar', length: 5 })
  endTime: string;

  @Column({ type: 'int' })
  slotMinutes: number;

  @Column({ type: 'simple-array' })
  channels: ConsultationChannel[];

  @Column({ type: 'varchar', length: 100 })
  place: string;
}

/** A day a lawyer is away; no slots that day. */
@Entity('legal_availability_exceptions')
@Index('uq_legal_exception_day', ['lawyerUserId', 'date'], { unique: true })
export class AvailabilityException {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  lawyerUserId: number;

  @Column({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'varchar', length: 100 })
  note: string;
}
