import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** What a rule set is for: the hardship standards, or the legal-aid centre's rules. */
export type RuleSetKind = 'hardship' | 'legal_aid';

/**
 * One version of one kind of a county's rules. Versions are added, never changed: a case keeps
 * pointing at the version that judged it, and a new version starts on a day not yet begun.
 */
@Entity('rule_sets')
@Index('uq_rule_sets_version', ['kind', 'countyOrganizationId', 'version'], { unique: true })
@Index('idx_rule_sets_effective', ['kind', 'countyOrganizationId', 'effectiveFrom', 'version'])
export class RuleSet {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20 })
  kind: RuleSetKind;

  @Column({ type: 'int' })
  countyOrganizationId: number;

  @Column({ type: 'int' })
  version: number;

  /** The year the version is for (hardship standards are yearly); null for rules without one. */
  @Column({ type: 'int', nullable: true })
  year: number | null;

  /** First day (YYYY-MM-DD, China time) this version judges new applications. */
  @Column({ type: 'varchar', length: 10 })
  effectiveFrom: string;

  /** The rules as JSON, in the shape of the kind's schema. */
  @Column({ type: 'text' })
  rules: string;

  @Column({ type: 'int' })
  createdByUserId: number;

  @Column({ type: 'varchar', length: 80 })
  createdByName: string;

  @InstantColumn()
  createdAt: Date;
}
