import { CONSENT_VERSIONS, type ConsentKind } from '../contracts';
import { PERMISSIONS, ROLE_LABEL, STAFF_ROLES, type Role } from '../permissions';
import { id, instant, keyOf, text, z } from './common';
import { organizationView } from './organizations';

/** POST /api/auth/wechat-login */
export const wechatLoginBody = z.strictObject({
  code: text(1, 128).meta({ description: 'Taro.login 得到的 code' }),
});

/** POST /api/auth/demo-login (only when the demo login is enabled). */
export const demoLoginBody = z.strictObject({
  persona: z
    .string()
    .regex(/^[a-z0-9_]{1,32}$/, '没有这个演示身份')
    .meta({ example: 'worker' }),
});

/** POST /api/auth/refresh and /api/auth/logout */
export const refreshBody = z.strictObject({
  refreshToken: text(10, 200),
});

/** POST /api/me/consents */
export const consentBody = z.strictObject({
  kind: keyOf<ConsentKind>(CONSENT_VERSIONS),
  version: text(1, 20).meta({ example: CONSENT_VERSIONS.privacy_notice }),
});

/** POST /api/auth/invitations/redeem: bind the logged-in user as staff. */
export const redeemInvitationBody = z.strictObject({
  code: text(4, 32).meta({ description: '一次性邀请码' }),
});

/** POST /api/auth/invitations */
export const createInvitationBody = z.strictObject({
  organizationId: id.meta({ description: '被邀请人将所在的工会组织' }),
  role: z.enum(STAFF_ROLES as [Role, ...Role[]], '不是工作人员的角色'),
});
export type CreateInvitationRequest = z.output<typeof createInvitationBody>;

// --- answers ----------------------------------------------------------------------------

/** What every login and refresh answers. */
export const tokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.int().min(1).meta({ description: '访问令牌还有几秒过期' }),
});

/** A seeded demo persona; GET /api/auth/demo-personas lists them (only when the demo login is enabled). */
export const demoPersona = z.object({ key: z.string(), label: z.string(), description: z.string() });
export const demoPersonaList = z.array(demoPersona);

/** POST /api/auth/invitations: the one-time code to hand to the colleague. */
export const invitationCode = z.object({
  code: z.string().meta({ description: '一次性邀请码' }),
  expiresInDays: z.int().min(1),
});

/** GET /api/me: who is signed in, what they may do and which consents they gave. */
export const meView = z.object({
  id,
  displayName: z.string(),
  roles: z.array(keyOf(ROLE_LABEL)),
  permissions: z.array(z.enum(PERMISSIONS)),
  organization: organizationView.nullable(),
  consents: z.array(z.object({ kind: keyOf<ConsentKind>(CONSENT_VERSIONS), version: z.string(), acceptedAt: instant })),
  consentsCurrent: z.boolean().meta({ description: '当前版本的告知都已同意' }),
  isMember: z.boolean(),
});
