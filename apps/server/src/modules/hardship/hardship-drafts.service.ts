import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { HardshipDraft as HardshipDraftView } from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { HardshipDraft } from './entities/hardship-draft.entity';

/** Largest draft kept (the JSON of the form), well above a 20-person household. */
const MAX_DRAFT_CHARS = 64 * 1024;

/**
 * The worker's unfinished application on the server, encrypted, so it survives a lost phone
 * or a closed app; the mini-program also keeps a local copy for when the network is gone.
 */
@Injectable()
export class HardshipDraftsService {
  constructor(
    private readonly db: Db,
    private readonly cipher: PiiCipher,
  ) {}

  async get(actor: Actor): Promise<HardshipDraftView | null> {
    const row = await this.db.manager.getRepository(HardshipDraft).findOneBy({ userId: actor.userId });
    if (!row) return null;
    return JSON.parse(this.cipher.decrypt(row.dataEnc, piiAad('hardship_drafts', row.uid, 'data'))) as HardshipDraftView;
  }

  /** Keep the newest of what the server has and what the client sends (an old offline copy never wins). */
  async save(actor: Actor, body: HardshipDraftView): Promise<HardshipDraftView> {
    const draft: HardshipDraftView = { step: body.step, data: body.data, savedAt: new Date(body.savedAt).toISOString() };
    const json = JSON.stringify(draft);
    if (json.length > MAX_DRAFT_CHARS) fail('payload_too_large');
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(HardshipDraft);
      const row = await repo.findOneBy({ userId: actor.userId });
      if (row && row.savedAt.getTime() > Date.parse(draft.savedAt)) {
        return JSON.parse(this.cipher.decrypt(row.dataEnc, piiAad('hardship_drafts', row.uid, 'data'))) as HardshipDraftView;
      }
      const uid = row?.uid ?? randomUUID();
      const values = { dataEnc: this.cipher.encrypt(json, piiAad('hardship_drafts', uid, 'data')), savedAt: new Date(draft.savedAt) };
      if (row) await repo.update({ id: row.id }, values);
      else await repo.insert({ userId: actor.userId, uid, ...values });
      return draft;
    });
  }

  async delete(actor: Actor): Promise<void> {
    await this.db.transaction((manager) => this.discard(manager, actor.userId));
  }

  /** Drop the draft (once submitted). */
  async discard(manager: EntityManager, userId: number): Promise<void> {
    await manager.getRepository(HardshipDraft).delete({ userId });
  }
}
