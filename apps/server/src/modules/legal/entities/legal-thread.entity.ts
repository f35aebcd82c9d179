import type { ConsultationTopic } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** An online consultation thread; its state and its lawyer (the assignee) live in its workflow case. */
@Entity('legal_threads')
@Index('idx_legal_threads_applicant_last', ['applicantUserId', 'lastAt', 'id'])
export class LegalThread {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  caseId: number;

  @Column({ type: 'varchar', length: 36, unique: true })
  uid: string;

  @Column({ type: 'int' })
  applicantUserId: number;

  @Column({ type: 'varchar', length: 20 })
  topic: ConsultationTopic;

  /** Last message read by each side (0: none), for the unread counts. */
  @Column({ type: 'int', default: 0 })
  workerReadId: number;

  @Column({ type: 'int', default: 0 })
  centreReadId: number;

  @InstantColumn()
  lastAt: Date;

  @InstantColumn()
  createdAt: Date;
}

/** One message of a thread; the text is encrypted (workers describe their situation). */
@Entity('legal_thread_messages')
@Index('idx_legal_thread_messages_thread', ['threadId', 'id'])
export class LegalThreadMessage {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  threadId: number;

  @Column({ type: 'int' })
  authorUserId: number;

  @Column({ type: 'varchar', length: 50 })
  authorName: string;

  @Column({ type: 'boolean' })
  fromCentre: boolean;

  @Column({ type: 'text' })
  bodyEnc: string;

  @Column({ type: 'simple-json' })
  uploadIds: number[];

  @InstantColumn()
  createdAt: Date;
}
