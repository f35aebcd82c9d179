import type { AwardRule, EntryKind, EntryStatus } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/**
 * An entry of an event: a person, a team, or an enterprise's team. `activeKey` is 1 while the entry
 * stands and NULL once withdrawn: the unique index stops the same registrant entering an event twice.
 */
@Entity('competition_entries')
@Index('uq_competition_entry_active', ['eventId', 'registrantUserId', 'activeKey'], { unique: true })
@Index('idx_competition_entries_event', ['eventId', 'status', 'id'])
@Index('idx_competition_entries_registrant', ['registrantUserId', 'id'])
@Index('idx_competition_entries_competition', ['competitionId', 'id'])
export class CompetitionEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 36, unique: true })
  uid: string;

  @Column({ type: 'int' })
  competitionId: number;

  @Column({ type: 'int' })
  eventId: number;

  @Column({ type: 'varchar', length: 12 })
  kind: EntryKind;

  @Column({ type: 'int' })
  registrantUserId: number;

  /** The entrant's union (for scope and counting enterprises). */
  @Column({ type: 'int' })
  organizationId: number;

  @Column({ type: 'varchar', length: 60 })
  entrantName: string;

  @Column({ type: 'varchar', length: 100 })
  employerName: string;

  @Column({ type: 'varchar', length: 100 })
  employerKey: string;

  @Column({ type: 'simple-json' })
  members: string[];

  @Column({ type: 'varchar', length: 12 })
  status: EntryStatus;

  @Column({ type: 'tinyint', nullable: true })
  activeKey: number | null;

  @InstantColumn()
  registeredAt: Date;

  /**
   * The entry's case (registered → checked in or withdrawn): its history, and when it was checked in
   * (`closed_at`). `status` is kept beside it in the same step: results are computed from it.
   */
  @Column({ type: 'int', unique: true })
  caseId: number;

  /** A directly entered result (scaled integer in the event's unit). */
  @Column({ type: 'int', nullable: true })
  directValue: number | null;

  /** Computed: the score as shown (two decimals) and the rank; awards won. */
  @Column({ type: 'double', nullable: true })
  score: number | null;

  @Column({ type: 'int', nullable: true })
  rank: number | null;

  @Column({ type: 'simple-json', nullable: true })
  awards: AwardRule[] | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  excludedReason: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  revokedReason: string | null;

  @InstantColumn({ nullable: true })
  revokedAt: Date | null;
}

/** A judge's score of an entry, in hundredths of a point; one per judge and entry. */
@Entity('competition_scores')
@Index('uq_competition_score', ['entryId', 'judgeUserId'], { unique: true })
@Index('idx_competition_scores_event', ['eventId', 'entryId'])
export class CompetitionScore {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  eventId: number;

  @Column({ type: 'int' })
  entryId: number;

  @Column({ type: 'int' })
  judgeUserId: number;

  @Column({ type: 'int' })
  points: number;

  @InstantColumn()
  createdAt: Date;

  @InstantColumn()
  updatedAt: Date;
}

/** Every change of a score already given, with the reason (and direct results entered by the organiser). */
@Entity('competition_score_corrections')
@Index('idx_competition_corrections_entry', ['entryId', 'id'])
export class CompetitionScoreCorrection {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  entryId: number;

  @Column({ type: 'int' })
  byUserId: number;

  @Column({ type: 'varchar', length: 50 })
  byName: string;

  @Column({ type: 'int', nullable: true })
  fromValue: number | null;

  @Column({ type: 'int' })
  toValue: number;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @InstantColumn()
  createdAt: Date;
}

/** A judge's declared conflict with an entry (a colleague, a relative): they cannot score it. */
@Entity('competition_conflicts')
@Index('uq_competition_conflict', ['entryId', 'judgeUserId'], { unique: true })
export class CompetitionConflict {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  entryId: number;

  @Column({ type: 'int' })
  judgeUserId: number;

  @Column({ type: 'varchar', length: 100 })
  note: string;

  @InstantColumn()
  createdAt: Date;
}

/** An employer the union has flagged (wage arrears, no union, serious accident): its entries and nominees are excluded. */
@Entity('employer_flags')
@Index('uq_employer_flag', ['employerKey', 'kind'], { unique: true })
export class EmployerFlag {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  employerKey: string;

  @Column({ type: 'varchar', length: 100 })
  employerName: string;

  @Column({ type: 'varchar', length: 20 })
  kind: 'wage_arrears' | 'no_union' | 'serious_accident';

  @Column({ type: 'varchar', length: 200 })
  note: string;

  @Column({ type: 'varchar', length: 10 })
  since: string;

  @Column({ type: 'varchar', length: 50 })
  createdByName: string;

  /** The organisation that set the flag: only staff over it may lift it (the flag itself counts everywhere). */
  @Column({ type: 'varchar', length: 255 })
  organizationPath: string;

  @InstantColumn()
  createdAt: Date;
}
