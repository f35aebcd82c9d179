import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { IdentityService, type MembershipFacts } from '../identity/identity.service';
import {
  maskIdNumber,
  maskName,
  MEMBERSHIP_WORKFLOW,
  type ActionView,
  type CardVerification,
  type MemberCardView,
  type MembershipAction,
} from '@union/shared';
import * as QRCode from 'qrcode';
import { type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { OrganizationsService } from '../organizations/organizations.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { TransitionService, type TransitionInput } from '../workflow/transition.service';
import { WorkflowCases, type WorkflowCase } from '../workflow/workflow-cases.service';
import { Member } from './entities/member.entity';
import { MembershipProcess } from './membership.process';
import { MembershipApplication } from './entities/membership-application.entity';
import { MembershipTransfer } from './entities/membership-transfer.entity';
import { Clock } from '../../common/clock';

const TABLE = 'members';

/** Payload of a member card token. */
interface CardClaims {
  typ: 'card';
  m: number;
  s: number;
}

/** The member rows, for other modules to read through this service. */
export type { Member } from './entities/member.entity';

const WF = MEMBERSHIP_WORKFLOW;

/**
 * Members, their electronic cards, and the membership's life as its case (`membership`): opened on
 * approval, placed with the member's union as they transfer, ended when the member withdraws.
 * The member row keeps `status` beside the case in the same transaction: every card scan reads it
 * and the unique index of active ID numbers (one membership per person) is kept with it.
 */
@Injectable()
export class MembersService implements OnModuleInit, MembershipFacts {
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly cipher: PiiCipher,
    private readonly jwt: JwtService,
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly identity: IdentityService,
    private readonly transitions: TransitionService,
    private readonly cases: WorkflowCases,
    private readonly process: MembershipProcess,
  ) {}

  onModuleInit(): void {
    this.identity.useMembershipFacts(this);
  }

  async isActiveMember(userId: number): Promise<boolean> {
    return (await this.activeForUser(this.db.manager, userId)) !== null;
  }

  activeByIdIndex(manager: EntityManager, idIndex: string): Promise<Member | null> {
    return manager.getRepository(Member).findOneBy({ activeIdNumberIndex: idIndex });
  }

  /** The newest member record with this ID number (blind index), active or not. */
  latestByIdIndex(manager: EntityManager, idIndex: string): Promise<Member | null> {
    return manager.getRepository(Member).findOne({ where: { idNumberIndex: idIndex }, order: { id: 'DESC' } });
  }

  /** The users who are or were members with this ID number (blind index), for the staff's case search. */
  async userIdsByIdIndex(idIndex: string, manager: EntityManager = this.db.manager): Promise<number[]> {
    const rows = await manager.getRepository(Member).find({ select: { userId: true }, where: { idNumberIndex: idIndex } });
    return [...new Set(rows.map((r) => r.userId))];
  }

  activeForUser(manager: EntityManager, userId: number): Promise<Member | null> {
    return manager.getRepository(Member).findOneBy({ userId, status: 'active' });
  }

  /** Approval makes the applicant a member of the union that handled the case. */
  async createFromApplication(manager: EntityManager, actor: Actor, app: MembershipApplication, kase: WorkflowCase): Promise<Member> {
    const idNumber = this.cipher.decrypt(app.idNumberEnc, piiAad('membership_applications', app.uid, 'id_number'));
    const phone = this.cipher.decrypt(app.phoneEnc, piiAad('membership_applications', app.uid, 'phone'));
    const uid = randomUUID();
    const repo = manager.getRepository(Member);
    const now = this.clock.now();
    // The membership is a case of its own from here to the member's withdrawal.
    const membership = await this.transitions.open(manager, WF, {
      actor,
      organization: await this.organizations.get(kase.organizationId, manager),
      applicantUserId: app.userId,
      title: '会员',
      applicant: { nameMasked: maskName(app.realName), idNumberIndex: app.idNumberIndex },
    });
    // Member number: year of joining + the membership's case number, zero-padded: unique, readable
    // on the card, and known before the row is written (no second update).
    const memberNo = `${now.getUTCFullYear()}${String(membership.id).padStart(8, '0')}`;
    let member: Member;
    try {
      member = await repo.save(
        repo.create({
          uid,
          memberNo,
          userId: app.userId,
          realName: app.realName,
          idNumberEnc: this.cipher.encrypt(idNumber, piiAad(TABLE, uid, 'id_number')),
          idNumberIndex: app.idNumberIndex,
          activeIdNumberIndex: app.idNumberIndex,
          phoneEnc: this.cipher.encrypt(phone, piiAad(TABLE, uid, 'phone')),
          phoneIndex: app.phoneIndex,
          organizationId: kase.organizationId,
          employerName: app.employerName,
          employmentType: app.employmentType,
          applicationId: app.id,
          caseId: membership.id,
          status: 'active',
          cardSerial: 1,
          joinedAt: now,
        }),
      );
    } catch (err) {
      if (isUniqueViolation(err)) fail('already_member', '此身份证号已是会员，不能重复入会');
      throw err;
    }
    await this.transitions.attachSubject(manager, membership, member.id, `会员 ${memberNo}`);
    return member;
  }

  /** The membership follows the member to their new union (a transfer accepted). */
  async placeMembership(manager: EntityManager, member: Member, organizationId: number): Promise<void> {
    const org = await this.organizations.get(organizationId, manager);
    await this.cases.place(manager, member.caseId, { organizationId: org.id, organizationPath: org.path });
  }

  private async signCard(member: Member): Promise<{ token: string; expiresAt: Date }> {
    const ttl = this.config.auth.cardTokenTtlSeconds;
    const claims: CardClaims = { typ: 'card', m: member.id, s: member.cardSerial };
    const token = await this.jwt.signAsync(claims, { expiresIn: ttl });
    return { token, expiresAt: new Date(this.clock.nowMs() + ttl * 1000) };
  }

  async myCard(actor: Actor): Promise<MemberCardView> {
    const manager = this.db.manager;
    const member = await this.activeForUser(manager, actor.userId);
    if (!member) fail('not_a_member');
    const { token, expiresAt } = await this.signCard(member);
    const org = await this.organizations.get(member.organizationId, manager);
    const pending = await manager.getRepository(MembershipTransfer).findOneBy({ openMemberId: member.id });
    return {
      memberId: member.id,
      memberNo: member.memberNo,
      realName: member.realName,
      idNumberMasked: this.cipher.readable(member.idNumberEnc, piiAad(TABLE, member.uid, 'id_number'), maskIdNumber),
      organization: await this.organizations.view(org, manager),
      joinedAt: member.joinedAt.toISOString(),
      status: member.status,
      cardToken: token,
      cardTokenExpiresAt: expiresAt.toISOString(),
      qrDataUrl: await QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 1, width: 320 }),
      pendingTransferId: pending?.id ?? null,
    };
  }

  /** Check a card token from a QR code: valid, expired, revoked (withdrawn or re-issued) or invalid. */
  async verifyCard(token: string): Promise<CardVerification> {
    let claims: CardClaims;
    try {
      claims = await this.jwt.verifyAsync<CardClaims>(token);
    } catch (err) {
      if ((err as Error).name === 'TokenExpiredError') return { result: 'expired', resultLabel: '二维码已过期，请会员刷新会员卡' };
      return { result: 'invalid', resultLabel: '不是本平台的会员卡' };
    }
    if (claims.typ !== 'card') return { result: 'invalid', resultLabel: '不是本平台的会员卡' };
    const member = await this.db.manager.getRepository(Member).findOneBy({ id: claims.m });
    if (!member) return { result: 'invalid', resultLabel: '不是本平台的会员卡' };
    const org = await this.organizations.get(member.organizationId);
    const who = { memberNo: member.memberNo, realNameMasked: maskName(member.realName), organizationName: org.name };
    if (member.status !== 'active' || member.cardSerial !== claims.s) return { result: 'revoked', resultLabel: '此会员卡已失效', ...who };
    return { result: 'valid', resultLabel: '有效会员', ...who };
  }

  /** What the member may do with their membership now (the case API's actions). */
  async actions(actor: Actor, memberId: number): Promise<ActionView<MembershipAction>[]> {
    const member = await this.db.manager.getRepository(Member).findOneBy({ id: memberId });
    const kase = member ? await this.cases.find(member.caseId) : null;
    return kase ? this.transitions.actionsOf(actor, WF, kase) : [];
  }

  /** The member leaves the union (the case API's step on the membership): the card is revoked at once. */
  async transition(actor: Actor, memberId: number, input: TransitionInput): Promise<void> {
    const member = await this.db.manager.getRepository(Member).findOneBy({ id: memberId });
    if (!member) fail('not_found');
    await this.leave(actor, member, input);
  }

  /** The member leaves the union; the card is revoked at once. */
  async withdraw(actor: Actor, reason: string | undefined): Promise<void> {
    const member = await this.activeForUser(this.db.manager, actor.userId);
    if (!member) fail('not_a_member');
    const kase = await this.cases.get(member.caseId);
    await this.leave(actor, member, { action: 'withdraw', version: kase.version, comment: reason });
  }

  private async leave(actor: Actor, member: Member, input: TransitionInput): Promise<void> {
    await this.transitions.apply(actor, this.process, member.caseId, input);
  }
}
