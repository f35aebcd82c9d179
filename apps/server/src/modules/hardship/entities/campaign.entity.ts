import type { CampaignAmounts, CampaignKind } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, MoneyColumn } from '../../../database/columns';

/** A campaign (送温暖, 金秋助学) with its budget; its payments are ordinary aid records. */
@Entity('hardship_campaigns')
@Index('idx_hardship_campaigns_scope', ['organizationPath', 'id'])
export class Campaign {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 24 })
  kind: CampaignKind;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'int' })
  organizationId: number;

  @Column({ type: 'varchar', length: 255 })
  organizationPath: string;

  @MoneyColumn()
  budgetFen: number;

  @Column({ type: 'varchar', length: 10 })
  startsOn: string;

  @Column({ type: 'varchar', length: 10 })
  endsOn: string;

  @Column({ type: 'varchar', length: 300 })
  eligibility: string;

  @Column({ type: 'simple-json' })
  amounts: CampaignAmounts;

  @Column({ type: 'varchar', length: 60 })
  fundSource: string;

  /** Bumped with compare-and-set on every payment approved, so the budget cannot be overspent by two at once. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'int' })
  createdByUserId: number;

  @Column({ type: 'varchar', length: 80 })
  createdByName: string;

  @InstantColumn()
  createdAt: Date;
}
