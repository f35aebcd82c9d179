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

/** The one algorithm access tokens are signed and accepted with (never `none`, never the header's choice). */
export const JWT_ALGORITHM = 'HS256';

/**
 * Short-lived access tokens (JWT, HS256, always with `exp`) and rotating refresh tokens (opaque,
 * stored hashed). Refresh tokens form families, one per login: using a token revokes it and issues
 * the next of the family; presenting a revoked one again means a copy is loose, so the whole family
 * is revoked and both the thief and the owner must log in again.
 */
@Injectable()
export class TokenService {
  constructor(
    // Registered in IdentityModule with the secret as a KeyObject made once (see there).
    private readonly jwt: JwtService,
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new pair; without `familyId` it starts a new family (a login). */
  async issue(manager: EntityManager, userId: number, familyId = randomBytes(16).toString('base64url')): Promise<TokenPair> {
    const { accessTtlSeconds, refreshTtlDays } = this.config.auth;
    const accessToken = await this.jwt.signAsync({ sub: userId, typ: 'access' }, { algorithm: JWT_ALGORITHM, expiresIn: accessTtlSeconds });
    const refreshToken = randomBytes(32).toString('base64url');
    const now = new Date();
    await manager.getRepository(RefreshToken).insert({
      userId,
      tokenHash: sha256(refreshToken),
      familyId,
      expiresAt: new Date(now.getTime() + refreshTtlDays * 86_400_000),
      revokedAt: null,
      createdAt: now,
    });
    return { accessToken, refreshToken, expiresIn: accessTtlSeconds };
  }

  /** The user id of a valid access token, or a 401. */
  async verifyAccess(token: string): Promise<number> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub: number; typ: string; exp?: number }>(token, { algorithms: [JWT_ALGORITHM] });
      // jsonwebtoken accepts a token without `exp` as valid forever; ours always carry one.
      if (payload.typ !== 'access' || typeof payload.sub !== 'number' || typeof payload.exp !== 'number') fail('unauthenticated');
      return payload.sub;
    } catch (err) {
      if ((err as Error).name === 'TokenExpiredError') fail('token_expired');
      fail('unauthenticated');
    }
  }

  /** Exchange a refresh token for the next pair of its family; the old one is revoked (one use only). */
  async refresh(refreshToken: string): Promise<TokenPair> {
    // The family revocation must commit, so the refusal is raised after the transaction.
    const pair = await this.db.transaction(async (manager): Promise<TokenPair | null> => {
      const repo = manager.getRepository(RefreshToken);
      const row = await repo.findOneBy({ tokenHash: sha256(refreshToken) });
      const now = new Date();
      if (!row || row.expiresAt.getTime() < now.getTime()) return null;
      if (row.revokedAt) {
        await this.revokeFamily(manager, row.familyId, now);
        return null;
      }
      const revoked = await repo.update({ id: row.id, revokedAt: IsNull() }, { revokedAt: now });
      if (revoked.affected !== 1) {
        // Used twice at the same moment: the same as a reuse.
        await this.revokeFamily(manager, row.familyId, now);
        return null;
      }
      return this.issue(manager, row.userId, row.familyId);
    });
    if (!pair) fail('unauthenticated');
    return pair;
  }

  /** Log out: the family of the given refresh token is revoked. Unknown tokens are ignored (nothing to tell). */
  async logout(refreshToken: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const row = await manager.getRepository(RefreshToken).findOneBy({ tokenHash: sha256(refreshToken) });
      if (row) await this.revokeFamily(manager, row.familyId, new Date());
    });
  }

  private async revokeFamily(manager: EntityManager, familyId: string, now: Date): Promise<void> {
    await manager.getRepository(RefreshToken).update({ familyId, revokedAt: IsNull() }, { revokedAt: now });
  }
}
