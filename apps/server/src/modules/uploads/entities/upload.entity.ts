import type { UploadKind, UploadPurpose } from '@union/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/**
 * A file a user uploaded as evidence (ID card photo, receipt, home-visit photo ...). It belongs to
 * its uploader until it is attached to a workflow case; then whoever may see the case may see it.
 * The original file name is never kept.
 */
@Entity('uploads')
@Index('idx_uploads_case', ['caseId', 'id'])
@Index('idx_uploads_uploader', ['uploaderUserId', 'id'])
export class Upload {
  @PrimaryGeneratedColumn()
  id: number;

  /** Random identity: names the stored object and is bound into the file links' signature. */
  @Column({ type: 'varchar', length: 36, unique: true })
  uid: string;

  @Column({ type: 'int' })
  uploaderUserId: number;

  @Column({ type: 'varchar', length: 32 })
  purpose: UploadPurpose;

  @Column({ type: 'varchar', length: 8 })
  kind: UploadKind;

  /** Type of the stored bytes (images are stored as JPEG whatever was sent). */
  @Column({ type: 'varchar', length: 40 })
  mime: string;

  @Column({ type: 'int' })
  size: number;

  /** Hex SHA-256 of the stored bytes. */
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** Where the file store keeps the bytes. */
  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  /** The workflow case (workflow_cases.id) the file is evidence for; null until attached. */
  @Column({ type: 'int', nullable: true })
  caseId: number | null;

  @InstantColumn()
  createdAt: Date;
}
