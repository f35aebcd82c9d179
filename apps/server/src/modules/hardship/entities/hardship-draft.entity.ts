import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/** A worker's unfinished application, encrypted (it holds the household's personal data). */
@Entity('hardship_drafts')
export class HardshipDraft {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  userId: number;

  @Column({ type: 'varchar', length: 36, unique: true })
  uid: string;

  @Column({ type: 'text' })
  dataEnc: string;

  @InstantColumn()
  savedAt: Date;
}
