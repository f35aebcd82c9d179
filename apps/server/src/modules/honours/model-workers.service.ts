import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  MODEL_WORKER_RECORD_LABEL,
  type ModelWorkerRecordRequest,
  type ModelWorkerRequest,
  type ModelWorkerView,
  type Page,
  type RevealResponse,
} from '@union/shared';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import { pageBy } from '../../common/cursor';
import { Db } from '../../database/db.service';
import { PiiAuditService } from '../pii/pii-audit.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { ModelWorker, ModelWorkerRecord } from './entities/honour.entity';
import { findRow } from '../../database/plain-reads';

const RECORDS_TABLE = 'model_worker_records';

/** What a list shows in place of a health-check note. */
const HEALTH_NOTE_MASK = '（体检情况属于健康信息，需说明原因后查看）';

/**
 * The county's registry of model workers (劳模档案): each one's yearly health check (health data:
 * masked, revealed only through the audited action), care visits and support payments.
 */
@Injectable()
export class ModelWorkersService {
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly cipher: PiiCipher,
    private readonly audit: PiiAuditService,
  ) {}

  /** The registry of current model workers (revoked titles left out), latest awarded year first, paged by keyset on (year, id). */
  async list(actor: Actor, page: { after?: string; limit?: number }): Promise<Page<ModelWorkerView>> {
    requireManager(actor);
    const { rows, nextCursor } = await pageBy(
      this.db.manager.getRepository(ModelWorker).createQueryBuilder('w').where('w.revokedAt IS NULL'),
      { column: 'w.awardedYear', direction: 'DESC', kind: 'number', of: (w) => w.awardedYear },
      'w.id',
      page,
    );
    return { items: await this.views(this.db.manager, rows), nextCursor };
  }

  /** The note of a model worker's health check, for a manager who gives a reason; audited in the same transaction. */
  async revealRecord(actor: Actor, recordId: number, reason: string): Promise<RevealResponse> {
    requireManager(actor);
    if (!actor.permissions.includes('pii.reveal')) fail('forbidden');
    return this.db.transaction(async (manager) => {
      const record = await manager.getRepository(ModelWorkerRecord).findOneBy({ id: recordId });
      const worker = record ? await manager.getRepository(ModelWorker).findOneBy({ id: record.modelWorkerId }) : null;
      if (!record || !worker) fail('not_found');
      const value = this.cipher.decrypt(record.noteEnc, piiAad(RECORDS_TABLE, worker.uid, `record-${record.kind}`));
      await this.audit.recordReveal(manager, actor, 'model_worker_record', record.id, 'note', reason.trim());
      return { value };
    });
  }

  /** A model worker entered by hand (one awarded before the platform); answered as the registry shows them. */
  async add(actor: Actor, body: ModelWorkerRequest): Promise<ModelWorkerView> {
    requireManager(actor);
    const id = await this.db.transaction(async (m) => {
      const result = await m.getRepository(ModelWorker).insert({
        name: body.name.trim(),
        employerName: body.employerName.trim(),
        title: body.title.trim(),
        awardedYear: body.awardedYear,
        nominationId: null,
        uid: randomUUID(),
        createdAt: this.clock.now(),
      });
      return Number(result.identifiers[0].id);
    });
    return this.one(id);
  }

  /** A health check, care visit or support payment; answered with the model worker and all their records. */
  async addRecord(actor: Actor, modelWorkerId: number, body: ModelWorkerRecordRequest): Promise<ModelWorkerView> {
    requireManager(actor);
    if (body.date > this.clock.today()) fail('validation_failed', undefined, [{ field: 'date', message: '日期不能晚于今天' }]);
    if (body.kind === 'support' && !body.amountFen)
      fail('validation_failed', '请填写补助金额', [{ field: 'amountFen', message: '请填写补助金额' }]);
    await this.db.transaction(async (manager) => {
      const worker = await manager.getRepository(ModelWorker).findOneBy({ id: modelWorkerId });
      if (!worker) fail('not_found');
      if (worker.revokedAt) fail('action_not_allowed', '劳模称号已撤销，不再登记体检、慰问和补助');
      await manager.getRepository(ModelWorkerRecord).insert({
        modelWorkerId,
        kind: body.kind,
        date: body.date,
        noteEnc: this.cipher.encrypt(body.note.trim(), piiAad(RECORDS_TABLE, worker.uid, `record-${body.kind}`)),
        amountFen: body.kind === 'support' ? (body.amountFen ?? null) : null,
        recordedByName: actor.displayName,
        createdAt: this.clock.now(),
      });
    });
    return this.one(modelWorkerId);
  }

  private async one(id: number): Promise<ModelWorkerView> {
    const row = await findRow(this.db.manager, ModelWorker, { id });
    if (!row) fail('not_found');
    return (await this.views(this.db.manager, [row]))[0];
  }

  /** The rows as the registry shows them, their records in one query. */
  private async views(manager: EntityManager, rows: ModelWorker[]): Promise<ModelWorkerView[]> {
    const records = rows.length
      ? await manager
          .getRepository(ModelWorkerRecord)
          .find({ where: { modelWorkerId: In(rows.map((r) => r.id)) }, order: { date: 'DESC', id: 'DESC' } })
      : [];
    const year = this.clock.today().slice(0, 4);
    return rows.map((w) => {
      const mine = records.filter((r) => r.modelWorkerId === w.id);
      return {
        id: w.id,
        name: w.name,
        employerName: w.employerName,
        title: w.title,
        awardedYear: w.awardedYear,
        records: mine.map((r) => ({
          id: r.id,
          kind: r.kind,
          kindLabel: MODEL_WORKER_RECORD_LABEL[r.kind],
          date: r.date,
          // A health check is health data: masked here, shown only through the audited reveal.
          sensitive: r.kind === 'health_check',
          note:
            r.kind === 'health_check'
              ? HEALTH_NOTE_MASK
              : this.cipher.readable(r.noteEnc, piiAad(RECORDS_TABLE, w.uid, `record-${r.kind}`)),
          amountFen: r.amountFen,
          recordedByName: r.recordedByName,
        })),
        healthCheckDue: !mine.some((r) => r.kind === 'health_check' && r.date.startsWith(year)),
      };
    });
  }
}

/** The registry is the county federation's: its honour managers only (404 for anyone else). */
export function requireManager(actor: Actor): void {
  if (!actor.permissions.includes('honour.manage') || actor.organization?.level !== 'county') fail('not_found');
}
