import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/**
 * A county's own day in the work calendar: a local holiday (a day off the national calendar does
 * not give) or a working day where it gives none. Deadlines of the county's cases are counted with
 * it from the moment it is saved; a deadline already set stays as it was.
 */
@Entity('work_calendar_days')
export class WorkCalendarDay {
  @PrimaryColumn({ type: 'int' })
  countyOrganizationId: number;

  /** YYYY-MM-DD (China time). */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'boolean' })
  working: boolean;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'varchar', length: 50 })
  createdByName: string;

  @InstantColumn()
  createdAt: Date;
}
