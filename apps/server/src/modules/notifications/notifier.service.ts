import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxEntry } from './entities/outbox.entity';
import { Message } from './message.entity';
import { Clock } from '../../common/clock';

/** A notification to a user about their case. */
export interface Notice {
  userId: number;
  title: string;
  body: string;
  link: string | null;
  /** Short state text for the subscribe message (e.g. 审核通过). */
  status: string;
}

/**
 * Notifies inside the caller's transaction: the in-app message is written at once; the WeChat
 * subscribe message goes to the outbox and is sent by the outbox sender after commit.
 */
@Injectable()
export class Notifier {
  constructor(private readonly clock: Clock) {}

  async notify(manager: EntityManager, notice: Notice): Promise<void> {
    const now = this.clock.now();
    await manager
      .getRepository(Message)
      .insert({ userId: notice.userId, title: notice.title, body: notice.body, link: notice.link, readAt: null, createdAt: now });
    await manager.getRepository(OutboxEntry).insert({
      topic: 'subscribe_message',
      userId: notice.userId,
      payload: JSON.stringify({ title: notice.title, status: notice.status, link: notice.link, at: now.toISOString() }),
      status: 'pending',
      attempts: 0,
      // The outbox runs on the machine's time (its sender retries against it), not the business clock.
      // eslint-disable-next-line no-restricted-syntax
      nextAttemptAt: new Date(),
      lockedUntil: null,
      lastError: null,
      createdAt: now,
      sentAt: null,
    });
  }
}
