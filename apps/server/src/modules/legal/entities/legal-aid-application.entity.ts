import type { DisputeType, LegalAidOutcome, UploadPurpose } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EncryptedColumn, InstantColumn, MoneyColumn } from '../../../database/columns';

/** A legal-aid application (法律援助申请) and the case it becomes; its state, its lawyer (the assignee) and its closing time live in its workflow case. */
@Entity('legal_aid_applications')
@Index('idx_legal_aid_applicant', ['applicantUserId', 'id'])
@Index('idx_legal_aid_employer', ['employerKey', 'id'])
@Index('idx_legal_aid_clock', ['nextClockDueOn', 'id'])
export class LegalAidApplication {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  caseId: number;

  @Column({ type: 'varchar', length: 36, unique: true })
  uid: string;

  @Column({ type: 'int' })
  applicantUserId: number;

  @Column({ type: 'varchar', length: 50 })
  applicantName: string;

  @EncryptedColumn()
  phoneEnc: string;

  @Column({ type: 'varchar', length: 20 })
  disputeType: DisputeType;

  @Column({ type: 'varchar', length: 100 })
  employerName: string;

  /** The employer's name (or credit code) normalised, for the conflict check. */
  @Column({ type: 'varchar', length: 100 })
  employerKey: string;

  @Column({ type: 'varchar', length: 18, nullable: true })
  employerCreditCode: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  employerAddress: string | null;

  /** What is claimed, in the worker's words; encrypted. */
  @Column({ type: 'text' })
  claimsEnc: string;

  @MoneyColumn()
  amountClaimedFen: number;

  @Column({ type: 'varchar', length: 10 })
  employmentStartedOn: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  employmentEndedOn: string | null;

  @Column({ type: 'varchar', length: 10 })
  learnedOn: string;

  @Column({ type: 'boolean' })
  isMigrantWorker: boolean;

  /** Household income per month (fen) and size, encrypted together as JSON. */
  @EncryptedColumn()
  householdEnc: string;

  /** The sensitive circumstances (illness or disaster, union staff harmed) as JSON, encrypted. */
  @EncryptedColumn()
  circumstancesEnc: string;

  /** The preliminary check's result (LegalAidEligibility JSON): it quotes income and names illness, so encrypted. */
  @Column({ type: 'text' })
  eligibilityEnc: string;

  @Column({ type: 'int' })
  ruleSetVersion: number;

  /** Evidence by purpose: upload ids. */
  @Column({ type: 'simple-json' })
  evidence: { purpose: UploadPurpose; uploadIds: number[] }[];

  @Column({ type: 'text', nullable: true })
  witnessesEnc: string | null;

  @Column({ type: 'varchar', length: 40 })
  consentVersion: string;

  @Column({ type: 'int', nullable: true })
  fromConsultationId: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionReason: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  otherHelp: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  mediationStartedOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  mediationEndedOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  arbitrationAppliedOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  arbitrationAcceptedOn: string | null;

  @Column({ type: 'boolean', default: false })
  awardExtended: boolean;

  @Column({ type: 'varchar', length: 10, nullable: true })
  awardReceivedOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  lawsuitFiledOn: string | null;

  /** Last day of the next running statutory period while the case is open (null otherwise), for "runs out within 7 days". */
  @Column({ type: 'varchar', length: 10, nullable: true })
  nextClockDueOn: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  outcome: LegalAidOutcome | null;

  @MoneyColumn({ nullable: true })
  amountRecoveredFen: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  recoveredOn: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  closingNote: string | null;

  @InstantColumn()
  createdAt: Date;
}

/** One handling stage of a case (negotiation, mediation, arbitration, litigation) or a dated note within it. */
@Entity('legal_aid_stages')
@Index('idx_legal_aid_stages_application', ['applicationId', 'id'])
export class LegalAidStageRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  applicationId: number;

  @Column({ type: 'varchar', length: 12 })
  stage: string;

  @Column({ type: 'varchar', length: 10 })
  startedOn: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'simple-json' })
  uploadIds: number[];

  @Column({ type: 'int' })
  recordedByUserId: number;

  @Column({ type: 'varchar', length: 80 })
  recordedByName: string;

  @InstantColumn()
  createdAt: Date;
}
