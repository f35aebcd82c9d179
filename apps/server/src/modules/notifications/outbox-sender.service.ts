import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { In, LessThan, LessThanOrEqual } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { Db } from '../../database/db.service';
import { IdentityService } from '../identity/identity.service';
import { WechatClient, WechatError } from '../wechat/wechat.client';
import { OutboxEntry } from './entities/outbox.entity';

const CLAIM_MS = 60_000;
const MAX_BACKOFF_MS = 3_600_000;
/** Rows one pass claims at once (one statement), and sends at most this many at a time. */
export const OUTBOX_BATCH = 200;
const SEND_CONCURRENCY = 8;

function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/**
 * Sends WeChat subscribe messages from the outbox in the background. A pass claims up to a batch
 * of due rows in one compare-and-set statement (only rows still pending are taken, each marked
 * with the pass's token), so two senders never send a row twice; it sends a few at a time; a poll
 * drains the outbox pass after pass while passes come back full. Failures are retried with
 * exponential backoff; refusals that retrying cannot fix are set aside, never retried.
 */
@Injectable()
export class OutboxSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxSender.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<{ claimed: number; sent: number }> | null = null;
  private stopping = false;

  constructor(
    private readonly db: Db,
    private readonly wechat: WechatClient,
    private readonly identity: IdentityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.outbox.pollMs > 0) {
      this.timer = setInterval(
        () => void this.drain().catch((err: Error) => this.logger.error({ err: err.message }, 'outbox run failed')),
        this.config.outbox.pollMs,
      );
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** What waits in the outbox (for /metrics): rows to send, how long the oldest due one has waited, rows given up on. */
  async backlog(): Promise<{ pending: number; oldestDueSeconds: number; dead: number }> {
    const now = new Date();
    const repo = this.db.manager.getRepository(OutboxEntry);
    const [pending, oldest, dead] = await Promise.all([
      repo.countBy({ status: In(['pending', 'sending']) }),
      repo.findOne({
        select: { nextAttemptAt: true },
        where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now) },
        order: { nextAttemptAt: 'ASC' },
      }),
      repo.countBy({ status: 'dead' }),
    ]);
    return { pending, oldestDueSeconds: oldest ? Math.max(0, (now.getTime() - oldest.nextAttemptAt.getTime()) / 1000) : 0, dead };
  }

  /** One pass over due rows; resolves with how many were sent. Overlapping calls share a pass. */
  async runOnce(): Promise<number> {
    return (await this.pass()).sent;
  }

  /** Passes until one comes back short of a full batch (the outbox is drained); how many were sent. */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const pass = await this.pass();
      sent += pass.sent;
      if (pass.claimed < OUTBOX_BATCH || this.stopping) return sent;
    }
  }

  private pass(): Promise<{ claimed: number; sent: number }> {
    if (!this.running) this.running = this.claimAndSend().finally(() => (this.running = null));
    return this.running;
  }

  private async claimAndSend(): Promise<{ claimed: number; sent: number }> {
    const repo = this.db.manager.getRepository(OutboxEntry);
    const now = new Date();
    // A sender that died mid-send left its claim; after the claim expires the row is due again.
    await this.db.transaction((m) =>
      m
        .getRepository(OutboxEntry)
        .update({ status: 'sending', lockedUntil: LessThan(now) }, { status: 'pending', lockedUntil: null, claimToken: null }),
    );
    const due = await repo.find({
      select: { id: true },
      where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now) },
      order: { id: 'ASC' },
      take: OUTBOX_BATCH,
    });
    if (due.length === 0) return { claimed: 0, sent: 0 };
    // Claim them in one statement: only rows still pending (another sender may have taken some).
    const token = randomUUID();
    await this.db.transaction((m) =>
      m
        .createQueryBuilder()
        .update(OutboxEntry)
        .set({ status: 'sending', lockedUntil: new Date(Date.now() + CLAIM_MS), claimToken: token, attempts: () => 'attempts + 1' })
        .where('id IN (:...ids) AND status = :pending', { ids: due.map((d) => d.id), pending: 'pending' })
        .execute(),
    );
    const claimed = await repo.find({ where: { id: In(due.map((d) => d.id)), claimToken: token }, order: { id: 'ASC' } });
    const users = await this.identity.usersByIds([...new Set(claimed.map((d) => d.userId))]);
    const openids = new Map(users.map((u) => [u.id, u.openid]));
    let sent = 0;
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const entry = claimed[next++];
        if (await this.send(entry, openids.get(entry.userId) ?? null)) sent += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, claimed.length) }, worker));
    return { claimed: due.length, sent };
  }

  /** Send one claimed row (its attempts already counted); true when WeChat took it. */
  private async send(entry: OutboxEntry, openid: string | null): Promise<boolean> {
    const attempts = entry.attempts;
    if (!openid) {
      await this.finish(entry.id, 'skipped', '用户没有微信账号，只发站内消息');
      return false;
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
      return true;
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
          m.getRepository(OutboxEntry).update(
            { id: entry.id, status: 'sending' },
            {
              status: 'pending',
              lockedUntil: null,
              claimToken: null,
              lastError: reason,
              nextAttemptAt: new Date(Date.now() + backoff + jitter),
            },
          ),
        );
      }
      this.logger.warn({ outboxId: entry.id, attempts, reason }, 'subscribe message not sent');
      return false;
    }
  }

  private async finish(id: number, status: 'sent' | 'skipped' | 'dead', lastError: string | null): Promise<void> {
    await this.db.transaction((m) =>
      m
        .getRepository(OutboxEntry)
        .update({ id, status: 'sending' }, { status, lockedUntil: null, lastError, ...(status === 'sent' ? { sentAt: new Date() } : {}) }),
    );
  }
}
