import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { MessageView, Page } from '@union/shared';
import { IsNull, LessThan, type Repository } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { Db } from '../../database/db.service';
import { Message } from './message.entity';
import { Clock } from '../../common/clock';

/** The in-app message centre. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(Message) private readonly messages: Repository<Message>,
    private readonly db: Db,
  ) {}

  async list(actor: Actor, after: string | undefined, limit: number): Promise<Page<MessageView>> {
    const beforeId = after ? decodeCursor<[number]>(after, ['number'])[0] : undefined;
    const rows = await this.messages.find({
      where: { userId: actor.userId, ...(beforeId ? { id: LessThan(beforeId) } : {}) },
      order: { id: 'DESC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((m) => ({
        id: m.id,
        title: m.title,
        body: m.body,
        link: m.link,
        read: !!m.readAt,
        createdAt: m.createdAt.toISOString(),
      })),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null,
    };
  }

  async unreadCount(actor: Actor): Promise<{ count: number }> {
    return { count: await this.messages.countBy({ userId: actor.userId, readAt: IsNull() }) };
  }

  async markRead(actor: Actor, id: number): Promise<void> {
    const message = await this.messages.findOneBy({ id, userId: actor.userId });
    if (!message) fail('not_found');
    // Every write goes through a transaction: the embedded database runs them one after another.
    if (!message.readAt) {
      await this.db.transaction((m) => m.getRepository(Message).update({ id, userId: actor.userId }, { readAt: this.clock.now() }));
    }
  }
}
