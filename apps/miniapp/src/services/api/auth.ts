import type { DemoPersona, MeView, TokenPair } from '@union/shared';
import { http } from '../request';

export const authApi = {
  demoPersonas: () => http.get<DemoPersona[]>('/auth/demo-personas', undefined, false),
  demoLogin: (persona: string) => http.post<TokenPair>('/auth/demo-login', { persona }, false),
  wechatLogin: (code: string) => http.post<TokenPair>('/auth/wechat-login', { code }, false),
  /** Revokes the refresh token and every token of its login on the server. */
  logout: (refreshToken: string) => http.post<void>('/auth/logout', { refreshToken }, false),
  redeemInvitation: (code: string) => http.post<MeView>('/auth/invitations/redeem', { code }),
};
