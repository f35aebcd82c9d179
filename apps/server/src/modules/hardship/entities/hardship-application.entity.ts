import type { DuplicateMatchView, HardshipAssessment, HardshipCause, HardshipEmploymentType, ProxyConsentMethod } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BlindIndexColumn, EncryptedColumn, InstantColumn, MoneyColumn } from '../../../database/columns';

/** A hardship application (困难职工帮扶申请); its state lives in its workflow case. Money in fen. */
@Entity('hardship_applications')
export class HardshipApplication {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  caseId: number;

  /** Random row identity bound into the encryption of this row's personal data. */
  @Column({ type: 'varchar', length: 36, unique: true })
  uid: string;

  @Index('idx_hardship_applications_applicant')
  @Column({ type: 'int' })
  applicantUserId: number;

  /** The cadre who filed on the worker's behalf (代办), if any. */
  @Column({ type: 'int', nullable: true })
  filedByUserId: number | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  filedByName: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  proxyConsentMethod: ProxyConsentMethod | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  proxyConsentNote: string | null;

  /** The union the worker chose (the case may be handled above it). */
  @Column({ type: 'int' })
  organizationId: number;

  @Column({ type: 'varchar', length: 40 })
  applicantNameMasked: string;

  /** Blind index of the applicant's ID while the application is open: one open application per person. */
  @BlindIndexColumn({ nullable: true, unique: true })
  openSelfIdIndex: string | null;

  @EncryptedColumn()
  phoneEnc: string;

  @Column({ type: 'varchar', length: 20 })
  employmentType: HardshipEmploymentType;

  @Column({ type: 'int' })
  employmentMonths: number;

  @Column({ type: 'int' })
  householdSize: number;

  @MoneyColumn()
  otherIncomeFen: number;

  @MoneyColumn()
  annualIncomeFen: number;

  @MoneyColumn()
  essentialSpendingFen: number;

  @MoneyColumn()
  accidentCostsFen: number;

  @Column({ type: 'varchar', length: 20 })
  mainCause: HardshipCause;

  @Column({ type: 'simple-json' })
  secondaryCauses: HardshipCause[];

  /** The situation in the worker's words; may describe illness, so encrypted. */
  @Column({ type: 'text' })
  situationEnc: string;

  @Column({ type: 'simple-json' })
  exclusions: string[];

  /** JSON {bankName, accountName, accountNumber}, encrypted. */
  @Column({ type: 'text' })
  bankAccountEnc: string;

  @Column({ type: 'varchar', length: 60 })
  bankAccountMasked: string;

  @Column({ type: 'int' })
  ruleSetId: number;

  @Column({ type: 'int' })
  ruleSetVersion: number;

  @Column({ type: 'simple-json' })
  assessment: HardshipAssessment;

  /** What the reviewer said is missing, when returned for material. */
  @Column({ type: 'simple-json' })
  missingItems: string[];

  /** People of this household found in other open applications or filed households. */
  @Column({ type: 'simple-json' })
  duplicates: DuplicateMatchView[];

  @Column({ type: 'varchar', length: 40 })
  sensitiveConsentVersion: string;

  @Column({ type: 'varchar', length: 40 })
  financeCheckConsentVersion: string;

  @InstantColumn()
  consentedAt: Date;

  @Column({ type: 'int', nullable: true })
  fileId: number | null;

  @InstantColumn()
  createdAt: Date;
}
