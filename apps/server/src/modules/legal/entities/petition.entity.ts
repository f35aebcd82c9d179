import type { PetitionChannel } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EncryptedColumn, InstantColumn } from '../../../database/columns';

/** A petition or dispute brought to the union (职工信访、劳动争议调处); its state lives in its workflow case. */
@Entity('petitions')
@Index('idx_petitions_received', ['receivedOn', 'id'])
export class Petition {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  caseId: number;

  @Column({ type: 'varchar', length: 36, unique: true })
  uid: string;

  @Column({ type: 'varchar', length: 8 })
  channel: PetitionChannel;

  @EncryptedColumn()
  petitionerNameEnc: string;

  @Column({ type: 'varchar', length: 40 })
  petitionerNameMasked: string;

  @EncryptedColumn()
  petitionerPhoneEnc: string;

  @Column({ type: 'varchar', length: 100 })
  employerName: string;

  @Column({ type: 'int' })
  workerCount: number;

  @Column({ type: 'varchar', length: 100 })
  subject: string;

  @Column({ type: 'text' })
  contentEnc: string;

  @Column({ type: 'varchar', length: 10 })
  receivedOn: string;

  @Column({ type: 'boolean', default: false })
  extended: boolean;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  result: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  declineReason: string | null;

  @Column({ type: 'simple-json' })
  legalAidApplicationIds: number[];

  @InstantColumn({ nullable: true })
  resolvedAt: Date | null;

  @InstantColumn()
  createdAt: Date;
}

/** A meeting held on a petition (who came, what was agreed). */
@Entity('petition_meetings')
@Index('idx_petition_meetings_petition', ['petitionId', 'id'])
export class PetitionMeeting {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  petitionId: number;

  @Column({ type: 'varchar', length: 10 })
  heldOn: string;

  @Column({ type: 'varchar', length: 300 })
  attendees: string;

  @Column({ type: 'text' })
  summaryEnc: string;

  @Column({ type: 'simple-json' })
  uploadIds: number[];

  @Column({ type: 'varchar', length: 80 })
  recordedByName: string;

  @InstantColumn()
  createdAt: Date;
}
