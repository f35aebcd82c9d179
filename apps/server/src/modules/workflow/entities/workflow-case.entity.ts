import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BlindIndexColumn, InstantColumn } from '../../../database/columns';

/**
 * Every case of every type (a membership application, a transfer, later hardship and legal
 * cases) has one row here: its state, version and where it sits in the tree. Only the
 * transition service changes `state`, with compare-and-set on `version`.
 */
@Entity('workflow_cases')
@Index('idx_cases_queue', ['holder', 'organizationPath', 'dueAt', 'id'])
@Index('idx_cases_applicant', ['applicantUserId', 'id'])
@Index('idx_cases_assignee', ['assigneeUserId', 'caseType', 'id'])
@Index('idx_cases_type', ['caseType', 'id'])
@Index('uq_cases_subject', ['subjectType', 'subjectId'], { unique: true })
// The staff's case search (GET /api/cases): newest first in a subtree, by applicant, overdue.
@Index('idx_cases_org', ['organizationPath', 'id'])
@Index('idx_cases_applicant_name', ['applicantNameMasked', 'id'])
@Index('idx_cases_applicant_id', ['applicantIdIndex', 'id'])
@Index('idx_cases_due', ['dueAt', 'id'])
// Statistics: a case type's cases submitted in a period, counted by state in a subtree, from the index alone.
@Index('idx_cases_type_submitted', ['caseType', 'submittedAt', 'organizationPath', 'state'])
// Statistics: a case type's cases closed in a period (legal aid's closed cases and their amounts).
@Index('idx_cases_type_closed', ['caseType', 'closedAt', 'organizationPath', 'state'])
export class WorkflowCase {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 40 })
  caseType: string;

  @Column({ type: 'varchar', length: 40 })
  state: string;

  /** The domain table whose row this case is about (the table's `subjectType`). */
  @Column({ type: 'varchar', length: 40 })
  subjectType: string;

  /**
   * That row's id, so a case knows its domain row without a join. The row is written after the
   * case (it holds `case_id`), so this is null only inside the transaction that opens the case.
   */
  @Column({ type: 'int', nullable: true })
  subjectId: number | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  /** Whose move it is now (from the state table), so the workbench is one indexed query. */
  @Column({ type: 'varchar', length: 16 })
  holder: 'applicant' | 'staff' | 'none';

  /** The organisation handling the case now. */
  @Column({ type: 'int' })
  organizationId: number;

  @Column({ type: 'varchar', length: 255 })
  organizationPath: string;

  @Column({ type: 'int' })
  applicantUserId: number;

  /** The applicant's name as lists show it (张*), for the staff's search; never the name in clear. */
  @Column({ type: 'varchar', length: 50, default: '' })
  applicantNameMasked: string;

  /** Blind index of the applicant's ID number when their form gave one (search by ID). */
  @BlindIndexColumn({ nullable: true })
  applicantIdIndex: string | null;

  /** The staff member the case is assigned to (a lawyer), for case types that assign (see WorkflowDef.assignment). */
  @Column({ type: 'int', nullable: true })
  assigneeUserId: number | null;

  /** Short title for lists; never holds an ID number or a phone. */
  @Column({ type: 'varchar', length: 100 })
  title: string;

  @InstantColumn()
  submittedAt: Date;

  /** Deadline of the current step, when it has one. */
  @InstantColumn({ nullable: true })
  dueAt: Date | null;

  @InstantColumn({ nullable: true })
  closedAt: Date | null;

  @InstantColumn()
  updatedAt: Date;
}
