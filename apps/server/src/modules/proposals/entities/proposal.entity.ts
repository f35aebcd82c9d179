import type { ProposalGrade } from '@union/shared';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, MoneyColumn } from '../../../database/columns';

/** A rationalisation proposal (合理化建议); its state lives in its workflow case. */
@Entity('proposals')
@Index('idx_proposals_submitter', ['submitterUserId', 'id'])
export class Proposal {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  caseId: number;

  @Column({ type: 'int' })
  submitterUserId: number;

  @Column({ type: 'varchar', length: 50 })
  submitterName: string;

  @Column({ type: 'int' })
  organizationId: number;

  /** Given at registration: JY + year + sequence. */
  @Column({ type: 'varchar', length: 20, nullable: true, unique: true })
  registeredNo: string | null;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text' })
  problem: string;

  @Column({ type: 'text' })
  suggestion: string;

  @Column({ type: 'varchar', length: 500 })
  expectedBenefit: string;

  @Column({ type: 'simple-json' })
  expertUserIds: number[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionReason: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  implementedOn: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  implementationNote: string | null;

  @MoneyColumn({ nullable: true })
  benefitFen: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  grade: ProposalGrade | null;

  @InstantColumn({ nullable: true })
  adoptedAt: Date | null;

  @InstantColumn({ nullable: true })
  evaluatedAt: Date | null;

  @InstantColumn()
  createdAt: Date;
}

/** An assigned expert's opinion on a proposal, one per expert. */
@Entity('proposal_opinions')
@Index('uq_proposal_opinion', ['proposalId', 'expertUserId'], { unique: true })
export class ProposalOpinion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  proposalId: number;

  @Column({ type: 'int' })
  expertUserId: number;

  @Column({ type: 'varchar', length: 50 })
  expertName: string;

  @Column({ type: 'varchar', length: 8 })
  recommend: 'adopt' | 'reject';

  @Column({ type: 'varchar', length: 1000 })
  opinion: string;

  @InstantColumn()
  createdAt: Date;
}

/**
 * The last registration number (JY<year>-<n>) given in a year. Registering bumps it in its own
 * transaction, whose row lock makes registrations at once take numbers one after the other.
 */
@Entity('proposal_counters')
export class ProposalCounter {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  lastNo: number;
}
