import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../database/columns';

/** A message in a user's in-app message centre. */
@Entity('messages')
@Index('idx_messages_user', ['userId', 'id'])
@Index('idx_messages_user_unread', ['userId', 'readAt'])
export class Message {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  link: string | null;

  @InstantColumn({ nullable: true })
  readAt: Date | null;

  @InstantColumn()
  createdAt: Date;
}
