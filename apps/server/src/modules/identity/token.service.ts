import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { TokenPair } from '@union/shared';
import { IsNull, type EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import { sha256 } from '../../common/hash';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { Db } from '../../database/db.service';
import { RefreshToken } from './entities/refresh-token.entity';

/** Short-lived access tokens (JWT) and rotating refresh tokens (opaque, stored hashed). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(manager: EntityManager, userId: number): Promise<TokenPair> {
    const { accessTtlSeconds, refreshTtlDays, jwtSecret } = this.config.auth;
    const accessToken = await this.jwt.signAsync({ sub: userId, typ: 'access' }, { secret: jwtSecret, expiresIn: accessTtlSeconds });
    const refreshToken = randomBytes(32).toString('base64url');
    const now = new Date();
    await manager.getRepository(RefreshToken).insert({
      userId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(now.getTime() + refreshTtlDays * 86_400_000),
      revokedAt: null,
      createdAt: now,
    });
    return { accessToken, refreshToken, expiresIn: accessTtlSeconds };
  }

  /** The user id of a valid access token, or a 401. */
  async verifyAccess(token: string): Promise<number> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub: number; typ: string }>(token, { secret: this.config.auth.jwtSecret });
      if (payload.typ !== 'access' || typeof payload.sub !== 'number') fail('unauthenticated');
      return payload.sub;
    } catch (err) {
      if ((err as Error).name === 'TokenExpiredError') fail('token_expired');
      fail('unauthenticated');
    }
  }

  /** Exchange a refresh token for a new pair; the old one is revoked (one use only). */
  refresh(refreshToken: string): Promise<TokenPair> {
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(RefreshToken);
      const row = await repo.findOneBy({ tokenHash: sha256(refreshToken) });
      if (!row || row.revokedAt || row.expiresAt.getTime() < Date.now()) fail('unauthenticated');
      const revoked = await repo.update({ id: row.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (revoked.affected !== 1) fail('unauthenticated');
      return this.issue(manager, row.userId);
    });
  }
}
