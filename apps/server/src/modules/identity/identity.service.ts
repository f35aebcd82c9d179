import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  CONSENT_VERSIONS,
  permissionsOf,
  ROLE_LABEL,
  STAFF_ROLES,
  type ConsentKind,
  type DemoPersona,
  type MeView,
  type Permission,
  type Role,
  type TokenPair,
} from '@union/shared';
import { In, IsNull, Not, type EntityManager, type Repository } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { staffHolds, type StaffCandidate } from '../../common/case-access';
import { sha256 } from '../../common/hash';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { Db } from '../../database/db.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { WechatClient, WechatError } from '../wechat/wechat.client';
import { Consent } from './entities/consent.entity';
import { Invitation } from './entities/invitation.entity';
import { User } from './entities/user.entity';
import { TokenService } from './token.service';
import { Clock } from '../../common/clock';
import { findRow } from '../../database/plain-reads';

/** Who the users are: logins, staff binding, consents, and the actor of each request. */
/**
 * What identity needs to know of membership, answered by the membership module, which registers
 * itself at start (`useMembershipFacts`): identity does not import membership, membership
 * imports identity.
 */
export interface MembershipFacts {
  isActiveMember(userId: number): Promise<boolean>;
}

/** The user rows, for other modules to read through this service. */
export type { User } from './entities/user.entity';

/** At most this many acting users are kept (then the store starts afresh). */
const MAX_ACTORS = 50_000;

@Injectable()
export class IdentityService {
  private membershipFacts: MembershipFacts | null = null;

  private readonly logger = new Logger(IdentityService.name);

  /**
   * The acting users read in the last AUTH_ACTOR_CACHE_MS (default 2 s), by id: a burst of requests
   * by one cadre reads their row once. A change of roles or organisation made in this process takes
   * effect at once (forgetActor); one made by another process, within that time.
   */
  private readonly actors = new Map<number, { actor: Omit<Actor, 'requestId'>; until: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly tokens: TokenService,
    private readonly wechat: WechatClient,
    private readonly organizations: OrganizationsService,
    private readonly cipher: PiiCipher,
    @InjectRepository(User) private readonly users: Repository<User>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Mini-program login: code → jscode2session → our user → tokens. session_key stays here. */
  async wechatLogin(code: string): Promise<TokenPair> {
    let session: { openid: string; sessionKey: string };
    try {
      session = await this.wechat.code2Session(code);
    } catch (err) {
      if (err instanceof WechatError) {
        if (err.failure === 'invalid_code') fail('wechat_code_invalid');
        if (err.failure === 'rate_limited') fail('wechat_rate_limited');
        fail('wechat_unavailable');
      }
      throw err;
    }
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(User);
      let user = await repo.findOneBy({ openid: session.openid });
      if (!user) {
        user = await repo.save(
          repo.create({
            openid: session.openid,
            displayName: '微信用户',
            roles: ['worker'],
            organizationId: null,
            demoPersona: null,
            sessionKeyEnc: null,
            createdAt: this.clock.now(),
          }),
        );
      }
      await repo.update(
        { id: user.id },
        { sessionKeyEnc: this.cipher.encrypt(session.sessionKey, piiAad('users', String(user.id), 'session_key')) },
      );
      return this.tokens.issue(manager, user.id);
    });
  }

  /** The demo personas, when the demo login is enabled. */
  async demoPersonas(): Promise<DemoPersona[]> {
    if (!this.config.app.demoMode) fail('demo_login_disabled');
    const users = await this.users.find({ where: {}, order: { id: 'ASC' } });
    const personas = users.filter((u) => u.demoPersona);
    const orgs = new Map(
      (
        await Promise.all(
          [...new Set(personas.map((u) => u.organizationId).filter((id): id is number => id !== null))].map((id) =>
            this.organizations.findById(id),
          ),
        )
      )
        .filter((o) => o !== null)
        .map((o) => [o.id, o.name]),
    );
    return personas.map((u) => ({
      key: u.demoPersona as string,
      label: `${u.displayName}（${u.roles.map((r) => ROLE_LABEL[r]).join('、')}）`,
      description: u.organizationId ? `所在组织：${orgs.get(u.organizationId) ?? ''}` : '普通职工',
    }));
  }

  /** Log in as a seeded persona; only when the demo login is explicitly enabled. */
  async demoLogin(persona: string): Promise<TokenPair> {
    if (!this.config.app.demoMode) fail('demo_login_disabled');
    const user = await this.users.findOneBy({ demoPersona: persona });
    if (!user) fail('not_found', '没有这个演示身份');
    return this.db.transaction((manager) => this.tokens.issue(manager, user.id));
  }

  /** The actor of a request, or null when the user no longer exists. */
  async actorFor(userId: number, requestId: string): Promise<Actor | null> {
    const ttl = this.config.auth.actorCacheMs;
    const known = ttl > 0 ? this.actors.get(userId) : undefined;
    // On the app's clock (tests move it); an entry from "the future" (the clock set back) is not trusted.
    const now = this.clock.nowMs();
    if (known && known.until > now && known.until - now <= ttl) return { ...known.actor, requestId };
    const user = await this.users.findOneBy({ id: userId });
    if (!user) return null;
    const org = user.organizationId ? await this.organizations.findById(user.organizationId) : null;
    const isStaff = !!org && user.roles.some((r) => STAFF_ROLES.includes(r));
    const actor: Omit<Actor, 'requestId'> = {
      userId: user.id,
      displayName: user.displayName,
      roles: user.roles,
      permissions: permissionsOf(isStaff ? user.roles : user.roles.filter((r) => !STAFF_ROLES.includes(r))),
      organization: isStaff && org ? { id: org.id, path: org.path, level: org.level, kind: org.kind, name: org.name } : null,
    };
    if (ttl > 0) {
      if (this.actors.size >= MAX_ACTORS) this.actors.clear();
      this.actors.set(userId, { actor, until: now + ttl });
    }
    return { ...actor, requestId };
  }

  /** Forget a user's kept actor (their roles or organisation just changed in this process). */
  private forgetActor(userId: number): void {
    this.actors.delete(userId);
  }

  /** Called once by the membership module at start. */
  useMembershipFacts(facts: MembershipFacts): void {
    this.membershipFacts = facts;
  }

  async me(actor: Actor): Promise<MeView> {
    const consents = await this.db.manager.getRepository(Consent).find({ where: { userId: actor.userId }, order: { id: 'DESC' } });
    const latest = new Map<ConsentKind, Consent>();
    for (const c of consents) if (!latest.has(c.kind)) latest.set(c.kind, c);
    if (!this.membershipFacts) throw new Error('the membership module has not registered its facts');
    const isMember = await this.membershipFacts.isActiveMember(actor.userId);
    const org = actor.organization ? await this.organizations.findById(actor.organization.id) : null;
    return {
      id: actor.userId,
      displayName: actor.displayName,
      roles: actor.roles,
      permissions: actor.permissions,
      organization: org ? await this.organizations.view(org) : null,
      consents: [...latest.values()].map((c) => ({ kind: c.kind, version: c.version, acceptedAt: c.acceptedAt.toISOString() })),
      consentsCurrent: (Object.keys(CONSENT_VERSIONS) as ConsentKind[]).every((k) => latest.get(k)?.version === CONSENT_VERSIONS[k]),
      isMember,
    };
  }

  /** The users with these ids, in one query (unknown ids are left out). */
  async usersByIds(ids: Iterable<number>, manager: EntityManager = this.db.manager): Promise<User[]> {
    const unique = [...new Set(ids)];
    return unique.length ? manager.getRepository(User).findBy({ id: In(unique) }) : [];
  }

  /** The user with this id; a missing one answers 404. */
  async user(id: number, manager: EntityManager = this.db.manager): Promise<User> {
    const user = await findRow(manager, User, { id });
    if (!user) fail('not_found');
    return user;
  }

  /**
   * Hold the user's row until the caller's transaction ends, so one person's two requests at once
   * are taken one after the other (MySQL/MariaDB; the embedded database runs one transaction at a time).
   */
  async lockUser(manager: EntityManager, userId: number): Promise<void> {
    if (!this.db.isEmbedded) await manager.getRepository(User).findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Staff holding a function (`legal.represent`: lawyers; `competition.judge`: judges …) with their
   * organisation's path, oldest first; staff are few, so filtered here.
   */
  async staffHolding(permission: Permission, manager: EntityManager = this.db.manager): Promise<(User & StaffCandidate)[]> {
    const staff = await manager.getRepository(User).find({ where: { organizationId: Not(IsNull()) }, order: { id: 'ASC' } });
    const orgs = staff.length
      ? await this.organizations.byIds(
          staff.map((u) => u.organizationId as number),
          manager,
        )
      : [];
    return staff
      .map((u) => Object.assign(u, { organizationPath: orgs.find((o) => o.id === u.organizationId)?.path ?? null }))
      .filter((u) => staffHolds(u, permission));
  }

  /** Record that the user accepted a consent text (kind + version, with the time). */
  async recordConsent(actor: Actor, kind: ConsentKind, version: string): Promise<MeView> {
    if (CONSENT_VERSIONS[kind] !== version) fail('validation_failed', '同意的文本版本已更新，请重新阅读后再同意');
    await this.db.transaction((manager) =>
      manager.getRepository(Consent).insert({ userId: actor.userId, kind, version, acceptedAt: this.clock.now() }),
    );
    return this.me(actor);
  }

  /** True when the user has accepted the current version of one consent. */
  async hasCurrentConsent(userId: number, kind: ConsentKind): Promise<boolean> {
    return (await this.db.manager.getRepository(Consent).countBy({ userId, kind, version: CONSENT_VERSIONS[kind] })) > 0;
  }

  /** True when the user has accepted the current versions of every consent. */
  async hasCurrentConsents(userId: number): Promise<boolean> {
    const consents = await this.db.manager.getRepository(Consent).findBy({ userId });
    return (Object.keys(CONSENT_VERSIONS) as ConsentKind[]).every((k) =>
      consents.some((c) => c.kind === k && c.version === CONSENT_VERSIONS[k]),
    );
  }

  /**
   * A cadre invites a colleague: only into their own subtree, and never to a role that can do
   * more than their own (a town cadre cannot create a county administrator).
   */
  async invite(actor: Actor, organizationId: number, role: Role): Promise<{ code: string; expiresInDays: number }> {
    const org = await this.organizations.findById(organizationId);
    if (!org || !actor.organization || !org.path.startsWith(actor.organization.path)) fail('not_found');
    const own = new Set(actor.permissions);
    if (!permissionsOf([role]).every((p) => own.has(p))) fail('forbidden', '不能邀请权限比自己大的角色');
    return { code: await this.createInvitation(actor.userId, org.id, role), expiresInDays: 7 };
  }

  /** Create a one-time invitation code that makes its redeemer staff of `organizationId`. */
  async createInvitation(createdBy: number | null, organizationId: number, role: Role, ttlDays = 7): Promise<string> {
    const code = randomBytes(6)
      .toString('base64url')
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'X')
      .slice(0, 8);
    await this.db.transaction((manager) =>
      manager.getRepository(Invitation).insert({
        codeHash: sha256(code),
        organizationId,
        role,
        createdBy,
        expiresAt: new Date(this.clock.nowMs() + ttlDays * 86_400_000),
        redeemedBy: null,
        redeemedAt: null,
        createdAt: this.clock.now(),
      }),
    );
    return code;
  }

  /** Redeem an invitation: bind the user to the organisation with the role; codes work once. */
  async redeemInvitation(actor: Actor, code: string): Promise<MeView> {
    await this.db.transaction(async (manager) => {
      const repo = manager.getRepository(Invitation);
      const invitation = await repo.findOneBy({ codeHash: sha256(code.trim().toUpperCase()) });
      if (!invitation || invitation.redeemedAt || invitation.expiresAt.getTime() < this.clock.nowMs()) fail('invitation_invalid');
      const claimed = await repo.update(
        { id: invitation.id, redeemedAt: IsNull() },
        { redeemedAt: this.clock.now(), redeemedBy: actor.userId },
      );
      if (claimed.affected !== 1) fail('invitation_invalid');
      const roles: Role[] = [...new Set<Role>(['worker', invitation.role])];
      await manager.getRepository(User).update({ id: actor.userId }, { organizationId: invitation.organizationId, roles });
      this.logger.log({ userId: actor.userId, organizationId: invitation.organizationId, role: invitation.role }, 'invitation redeemed');
    });
    this.forgetActor(actor.userId);
    const refreshed = await this.actorFor(actor.userId, actor.requestId);
    return this.me(refreshed as Actor);
  }
}
