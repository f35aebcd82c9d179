import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** One row per transition: who did what to a case, when, from which state to which. */
@Entity('case_history')
@Index('idx_case_history_case', ['caseId', 'id'])
// Statistics: the steps of one kind taken in a period (files closed, awards revoked…).
@Index('idx_case_history_action', ['action', 'createdAt', 'caseId'])
export class CaseHistory {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  caseId: number;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  fromState: string | null;

  @Column({ type: 'varchar', length: 40 })
  toState: string;

  @Column({ type: 'int' })
  actorUserId: number;

  @Column({ type: 'varchar', length: 80 })
  actorName: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment: string | null;

  @InstantColumn()
  createdAt: Date;
}
