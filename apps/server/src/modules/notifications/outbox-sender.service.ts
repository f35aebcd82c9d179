import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LessThan, LessThanOrEqual } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { Db } from '../../database/db.service';
import { IdentityService } from '../identity/identity.service';
import { WechatClient, WechatError } from '../wechat/wechat.client';
import { OutboxEntry } from './entities/outbox.entity';

const CLAIM_MS = 60_000;
const MAX_BACKOFF_MS = 3_600_000;

function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/**
 * Sends WeChat subscribe messages from the outbox in the background. Each row is claimed with
 * compare-and-set before sending, so two senders never send it twice; failures are retried with
 * exponential backoff; refusals that retrying cannot fix are set aside, never retried.
 */
@Injectable()
export class OutboxSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxSender.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly wechat: WechatClient,
    private readonly identity: IdentityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.outbox.pollMs > 0) {
      this.timer = setInterval(
        () => void this.runOnce().catch((err: Error) => this.logger.error({ err: err.message }, 'outbox run failed')),
        this.config.outbox.pollMs,
      );
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over due rows; resolves with how many were sent. Overlapping calls share a pass. */
  runOnce(): Promise<number> {
    if (!this.running) this.running = this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    const repo = this.db.manager.getRepository(OutboxEntry);
    const now = new Date();
    // A sender that died mid-send left its claim; after the claim expires the row is due again.
    await this.db.transaction((m) =>
      m.getRepository(OutboxEntry).update({ status: 'sending', lockedUntil: LessThan(now) }, { status: 'pending', lockedUntil: null }),
    );
    const due = await repo.find({ where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now) }, order: { id: 'ASC' }, take: 50 });
    if (due.length === 0) return 0;
    const users = await this.identity.usersByIds(due.map((d) => d.userId));
    const openids = new Map(users.map((u) => [u.id, u.openid]));
    let sent = 0;
    for (const entry of due) {
      const claimed = await this.db.transaction((m) =>
        m
          .getRepository(OutboxEntry)
          .update(
            { id: entry.id, status: 'pending' },
            { status: 'sending', lockedUntil: new Date(Date.now() + CLAIM_MS), attempts: entry.attempts + 1 },
          ),
      );
      if (claimed.affected !== 1) continue;
      const attempts = entry.attempts + 1;
      const openid = openids.get(entry.userId);
      if (!openid) {
        await this.finish(entry.id, 'skipped', '用户没有微信账号，只发站内消息');
        continue;
      }
      try {
        const payload = JSON.parse(entry.payload) as { title: string; status: string; link: string | null; at: string };
        await this.wechat.sendSubscribeMessage({
          openid,
          templateId: this.config.wechat.subscribeTemplateId,
          page: payload.link,
          data: {
            thing1: { value: truncate(payload.title, 20) },
            phrase2: { value: truncate(payload.status, 5) },
            time3: { value: payload.at.slice(0, 16).replace('T', ' ') },
          },
        });
        await this.finish(entry.id, 'sent', null);
        sent += 1;
      } catch (err) {
        const wechatError = err instanceof WechatError ? err : null;
        const reason = truncate(wechatError ? `${wechatError.failure} ${wechatError.errcode ?? ''}` : (err as Error).message, 300);
        if (wechatError && !wechatError.retryable) {
          await this.finish(entry.id, wechatError.failure === 'refused' ? 'skipped' : 'dead', reason);
        } else if (attempts >= this.config.outbox.maxAttempts) {
          await this.finish(entry.id, 'dead', reason);
        } else {
          const backoff = Math.min(this.config.outbox.baseBackoffMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
          const jitter = Math.floor(Math.random() * Math.min(1000, backoff / 4 + 1));
          await this.db.transaction((m) =>
            m
              .getRepository(OutboxEntry)
              .update(
                { id: entry.id, status: 'sending' },
                { status: 'pending', lockedUntil: null, lastError: reason, nextAttemptAt: new Date(Date.now() + backoff + jitter) },
              ),
          );
        }
        this.logger.warn({ outboxId: entry.id, attempts, reason }, 'subscribe message not sent');
      }
    }
    return sent;
  }

  private async finish(id: number, status: 'sent' | 'skipped' | 'dead', lastError: string | null): Promise<void> {
    await this.db.transaction((m) =>
      m
        .getRepository(OutboxEntry)
        .update({ id, status: 'sending' }, { status, lockedUntil: null, lastError, ...(status === 'sent' ? { sentAt: new Date() } : {}) }),
    );
  }
}
