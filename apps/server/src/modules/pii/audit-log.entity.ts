import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../database/columns';

/** An audited access to personal data: who revealed which field of which record, and why. */
@Entity('audit_log')
@Index('idx_audit_subject', ['subjectType', 'subjectId'])
@Index('idx_audit_actor', ['actorUserId', 'id'])
export class AuditLog {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  actorUserId: number;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'varchar', length: 40 })
  subjectType: string;

  @Column({ type: 'int' })
  subjectId: number;

  @Column({ type: 'varchar', length: 40, nullable: true })
  field: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @InstantColumn()
  createdAt: Date;
}
