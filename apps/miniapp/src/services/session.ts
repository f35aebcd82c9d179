import Taro from '@tarojs/taro';
import { authApi } from './api/auth';
import { clearLocalHardshipDraft, PROXY_DRAFT_KEY } from './hardshipDraft';
import { clearTokens, getTokens, saveTokens } from './tokens';

/** Log in inside WeChat: the code from `Taro.login` is exchanged by the server. */
export async function loginWithWechat(): Promise<void> {
  const { code } = await Taro.login();
  saveTokens(await authApi.wechatLogin(code));
}

/** Log in as a seeded demo persona (browser demo only). */
export async function loginAsPersona(persona: string): Promise<void> {
  saveTokens(await authApi.demoLogin(persona));
}

export function logout(): void {
  const tokens = getTokens();
  // Revoked on the server as well, so a copy of the token left on this phone no longer works; leaving does not wait for it.
  if (tokens) void authApi.logout(tokens.refreshToken).catch(() => undefined);
  clearTokens();
  // A shared phone: the next person must not find this household's unfinished application.
  clearLocalHardshipDraft();
  clearLocalHardshipDraft(PROXY_DRAFT_KEY);
}
