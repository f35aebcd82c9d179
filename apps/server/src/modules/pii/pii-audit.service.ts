import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { AuditLog } from './audit-log.entity';

/** Writes the audit trail of access to personal data. */
@Injectable()
export class PiiAuditService {
  /** Record a reveal in the caller's transaction, so a reveal without its audit row cannot happen. */
  async recordReveal(
    manager: EntityManager,
    actor: Actor,
    subjectType: string,
    subjectId: number,
    field: string,
    reason: string,
  ): Promise<void> {
    await manager.getRepository(AuditLog).insert({
      actorUserId: actor.userId,
      action: 'pii.reveal',
      subjectType,
      subjectId,
      field,
      reason,
      requestId: actor.requestId,
      createdAt: new Date(),
    });
  }

  /**
   * Record that staff looked cases up by a person's ID number (the search itself keeps only its
   * blind index): who, when, and how many cases it found; never the number.
   */
  async recordIdLookup(manager: EntityManager, actor: Actor, subjectType: string, found: number): Promise<void> {
    await manager.getRepository(AuditLog).insert({
      actorUserId: actor.userId,
      action: 'pii.lookup',
      subjectType,
      subjectId: 0,
      field: 'idNumber',
      reason: `按身份证号查找，找到 ${found} 件`,
      requestId: actor.requestId,
      createdAt: new Date(),
    });
  }
}
