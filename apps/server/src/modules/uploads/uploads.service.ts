import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SENSITIVE_UPLOAD_PURPOSES, UPLOAD_PURPOSE_LABEL, uploadPurpose, type UploadLink, type UploadView } from '@union/shared';
import { In, IsNull, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { Db } from '../../database/db.service';
import { PiiAuditService } from '../pii/pii-audit.service';
import { isEncryptedFile, PiiCipher, piiAad } from '../pii/pii-cipher';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { Upload } from './entities/upload.entity';
import { prepareFile } from './file-content';
import { FILE_STORE, type FileStore } from './file-store';
import { linkSignatureValid, readLinkToken, signLinkToken } from './link-token';
import type { UploadForm } from './upload-form';

/** The bytes behind a file link. */
export interface OpenedFile {
  bytes: Buffer;
  mime: string;
}

/** Associated data of a stored file: its bytes decrypt only as the file of this upload row. */
const fileAad = (uid: string) => piiAad('uploads', uid, 'file');

function toView(row: Upload): UploadView {
  return {
    id: row.id,
    purpose: row.purpose,
    purposeLabel: UPLOAD_PURPOSE_LABEL[row.purpose] ?? row.purpose,
    kind: row.kind,
    size: row.size,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The one way files enter and leave the system. In: checked by content, images re-encoded without
 * metadata, stored through the FileStore. Out: only through short-lived signed links, handed to the
 * uploader or to whoever may see the case the file is attached to.
 */
@Injectable()
export class UploadsService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly db: Db,
    private readonly transitions: TransitionService,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cipher: PiiCipher,
    private readonly audit: PiiAuditService,
  ) {}

  /** Check, clean and store one file; it stays the uploader's own until attached to a case. */
  async upload(actor: Actor, form: UploadForm): Promise<UploadView> {
    const { bytes } = form;
    const checked = uploadPurpose.safeParse(form.purpose);
    const problems: { field: string; message: string }[] = [];
    if (!checked.success) problems.push({ field: 'purpose', message: checked.error.issues[0]?.message ?? '请选择材料类型' });
    if (!bytes || bytes.length === 0) problems.push({ field: 'file', message: '请选择文件' });
    if (problems.length > 0 || !bytes || !checked.success) fail('validation_failed', undefined, problems);
    const purpose = checked.data;
    if (bytes.length > this.config.uploads.maxBytes) fail('file_too_large');

    const file = await prepareFile(bytes, { maxPixels: this.config.uploads.maxPixels });
    const uid = randomUUID();
    const now = new Date();
    const storageKey = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${uid}.${file.extension}`;
    // Encrypted at rest with the personal-data keys: a copied upload folder or bucket shows nothing.
    await this.store.put(storageKey, this.cipher.encryptBytes(file.bytes, fileAad(uid)));
    try {
      const row = await this.db.transaction(async (manager) => {
        const repo = manager.getRepository(Upload);
        return repo.save(
          repo.create({
            uid,
            uploaderUserId: actor.userId,
            purpose,
            kind: file.kind,
            mime: file.mime,
            size: file.bytes.length,
            sha256: createHash('sha256').update(file.bytes).digest('hex'),
            storageKey,
            caseId: null,
            createdAt: now,
          }),
        );
      });
      return toView(row);
    } catch (err) {
      await this.store.delete(storageKey).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Attach uploads to a workflow case, in the caller's transaction. The actor must see the case;
   * each upload must exist, be unattached or already on this case, and be the actor's own, or,
   * for staff handling the case, the applicant's (a cadre filing the applicant's papers). Another
   * person's file is refused, so a guessed id cannot pull someone's documents into a case.
   */
  async attachToCase(manager: EntityManager, actor: Actor, uploadIds: number[], caseId: number): Promise<void> {
    const ids = [...new Set(uploadIds)];
    if (ids.length === 0) return;
    const kase = await this.cases.find(caseId, manager);
    const ctx = kase ? this.transitions.actorContext(actor, kase) : null;
    if (!kase || !ctx) fail('not_found');
    const staffHandling = ctx.staffLevel !== undefined;
    const rows = await manager.getRepository(Upload).findBy({ id: In(ids) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const refused = ids.filter((id) => {
      const row = byId.get(id);
      if (!row || (row.caseId !== null && row.caseId !== caseId)) return true;
      if (row.uploaderUserId === actor.userId) return false;
      return !(staffHandling && row.uploaderUserId === kase.applicantUserId);
    });
    if (refused.length > 0) {
      fail('validation_failed', '有附件找不到或不能用在这件事上，请重新上传', [
        { field: 'uploadIds', message: `附件 ${refused.join('、')} 找不到或不能用在这件事上` },
      ]);
    }
    const toAttach = rows.filter((row) => row.caseId === null).map((row) => row.id);
    if (toAttach.length === 0) return;
    // Compare-and-set: of two cases claiming the same file at once, one wins.
    const result = await manager.getRepository(Upload).update({ id: In(toAttach), caseId: IsNull() }, { caseId });
    if (result.affected !== toAttach.length) fail('state_conflict');
  }

  /** Uploads attached to each of `caseIds` (oldest first), in one query; every id has an entry. */
  async listForCase(manager: EntityManager, caseIds: number[]): Promise<Map<number, UploadView[]>> {
    const result = new Map<number, UploadView[]>(caseIds.map((id) => [id, []]));
    if (caseIds.length === 0) return result;
    const rows = await manager.getRepository(Upload).find({ where: { caseId: In([...result.keys()]) }, order: { id: 'ASC' } });
    for (const row of rows) result.get(row.caseId as number)?.push(toView(row));
    return result;
  }

  /** A short-lived link to a file the actor may see (their own, or on a case they may see); else 404. */
  async link(actor: Actor, uploadId: number): Promise<UploadLink> {
    const manager = this.db.manager;
    const row = await manager.getRepository(Upload).findOneBy({ id: uploadId });
    if (!row || !(await this.maySee(manager, actor, row))) fail('not_found');
    if (row.uploaderUserId !== actor.userId && SENSITIVE_UPLOAD_PURPOSES.includes(row.purpose)) {
      // Opening someone's ID card or medical papers is a reveal: who, when, which file.
      await this.db.transaction((m) => this.audit.recordReveal(m, actor, 'upload', row.id, row.purpose, '查看附件'));
    }
    return this.signLink(row);
  }

  /**
   * Sign a link to `upload` valid until `expiresAt` (default: now + UPLOAD_LINK_TTL_SECONDS).
   * Whoever holds the link can read the file until then: check access before calling.
   */
  signLink(upload: Pick<Upload, 'id' | 'uid'>, expiresAt?: Date): UploadLink {
    const until = expiresAt ?? new Date(Date.now() + this.config.uploads.linkTtlSeconds * 1000);
    const token = signLinkToken(this.config.uploads.linkKey, upload.id, upload.uid, until);
    return { url: `/api/files/${token}`, expiresAt: new Date(Math.floor(until.getTime() / 1000) * 1000).toISOString() };
  }

  /** The bytes behind a link: 404 when the token is forged or the file is gone, 410 once expired. */
  async open(token: string): Promise<OpenedFile> {
    const claims = readLinkToken(token);
    if (!claims) fail('not_found');
    const row = await this.db.manager.getRepository(Upload).findOneBy({ id: claims.uploadId });
    if (!row || !linkSignatureValid(this.config.uploads.linkKey, claims, row.uid)) fail('not_found');
    if (claims.expiresAt.getTime() - Date.now() < 1000) fail('link_expired');
    const stored = await this.store.get(row.storageKey);
    if (!stored) fail('not_found');
    // Files stored before encryption at rest are served as they are.
    // Files stored before encryption at rest are served as they are.
    if (!isEncryptedFile(stored)) return { bytes: stored, mime: row.mime };
    try {
      return { bytes: this.cipher.decryptBytes(stored, fileAad(row.uid)), mime: row.mime };
    } catch {
      // A file whose check fails (damaged on disk, or its key is gone): say so for this file only.
      fail('file_unreadable');
    }
  }

  private async maySee(manager: EntityManager, actor: Actor, row: Upload): Promise<boolean> {
    if (row.uploaderUserId === actor.userId) return true;
    if (row.caseId === null) return false;
    const kase = await this.cases.find(row.caseId, manager);
    return !!kase && this.transitions.actorContext(actor, kase) !== null;
  }
}
