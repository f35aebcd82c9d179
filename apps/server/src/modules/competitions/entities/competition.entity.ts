import type { AwardRule, CompetitionKind, EntryKind, ScoringMethod, TieBreak } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** A competition (劳动竞赛、技能比武 …); its state lives in its workflow case. */
@Entity('competitions')
@Index('idx_competitions_organizer', ['organizerOrganizationId', 'id'])
export class Competition {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  caseId: number;

  @Column({ type: 'int' })
  organizerOrganizationId: number;

  @Column({ type: 'varchar', length: 16 })
  kind: CompetitionKind;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  /** Registration closes at the end of this day (China time). */
  @Column({ type: 'varchar', length: 10 })
  registrationClosesOn: string;

  @Column({ type: 'varchar', length: 10 })
  startsOn: string;

  @Column({ type: 'varchar', length: 10 })
  endsOn: string;

  @Column({ type: 'int' })
  noticeDays: number;

  @InstantColumn({ nullable: true })
  publishedAt: Date | null;

  @InstantColumn()
  createdAt: Date;
}

/** An event (项目) of a competition. `entryCount` is raised by compare-and-set, so the last place goes once. */
@Entity('competition_events')
@Index('idx_competition_events_competition', ['competitionId', 'id'])
export class CompetitionEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  competitionId: number;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 12 })
  entryKind: EntryKind;

  /** 0: no limit. */
  @Column({ type: 'int' })
  maxEntries: number;

  @Column({ type: 'int', default: 0 })
  entryCount: number;

  @Column({ type: 'int', nullable: true })
  teamMin: number | null;

  @Column({ type: 'int', nullable: true })
  teamMax: number | null;

  @Column({ type: 'simple-json' })
  scoring: ScoringMethod;

  @Column({ type: 'varchar', length: 24 })
  tieBreak: TieBreak;

  @Column({ type: 'simple-json' })
  awards: AwardRule[];

  @Column({ type: 'simple-json' })
  judgeUserIds: number[];
}
