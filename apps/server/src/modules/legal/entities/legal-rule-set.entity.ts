import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** One version of a county's legal-aid rules; versions are added, never changed. */
@Entity('legal_rule_sets')
@Index('uq_legal_rule_sets_version', ['countyOrganizationId', 'version'], { unique: true })
@Index('idx_legal_rule_sets_effective', ['countyOrganizationId', 'effectiveFrom', 'version'])
export class LegalRuleSet {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  countyOrganizationId: number;

  @Column({ type: 'int' })
  version: number;

  /** First day (YYYY-MM-DD, China time) this version judges new applications. */
  @Column({ type: 'varchar', length: 10 })
  effectiveFrom: string;

  /** The LegalAidRules as JSON. */
  @Column({ type: 'text' })
  rules: string;

  @Column({ type: 'int' })
  createdByUserId: number;

  @Column({ type: 'varchar', length: 80 })
  createdByName: string;

  @InstantColumn()
  createdAt: Date;
}
