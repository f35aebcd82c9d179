import { CONSENT_VERSIONS, type ConsentKind } from '../contracts';
import { STAFF_ROLES, type Role } from '../permissions';
import { id, keyOf, text, z } from './common';

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
