import type { OrganizationKind, OrganizationLevel } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../database/columns';

/** A union organisation (工会组织), one node of the county tree. */
@Entity('organizations')
@Index('idx_organizations_kind', ['kind', 'id'])
export class Organization {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_organizations_name')
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: OrganizationKind;

  @Column({ type: 'varchar', length: 16 })
  level: OrganizationLevel;

  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  /** Materialised path `/1/4/9/` (root first), for subtree checks with one LIKE. */
  @Index('idx_organizations_path')
  @Column({ type: 'varchar', length: 255 })
  path: string;

  /** Employer the union belongs to (enterprise unions), matched when a worker names an employer. */
  @Index('idx_organizations_employer')
  @Column({ type: 'varchar', length: 100, nullable: true })
  employerName: string | null;

  /** Takes in workers whose employer has no union (town unions, industry federations, joint unions). */
  @Column({ type: 'boolean', default: false })
  acceptsUnaffiliated: boolean;

  @InstantColumn()
  createdAt: Date;
}
