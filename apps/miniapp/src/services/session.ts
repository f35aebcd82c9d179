import Taro from '@tarojs/taro';
import { authApi } from './api/auth';
import { clearLocalHardshipDraft, PROXY_DRAFT_KEY } from './hardshipDraft';
import { clearTokens, saveTokens } from './tokens';

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
  clearTokens();
  // A shared phone: the next person must not find this household's unfinished application.
  clearLocalHardshipDraft();
  clearLocalHardshipDraft(PROXY_DRAFT_KEY);
}
