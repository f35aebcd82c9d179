import Taro from '@tarojs/taro';
import type { TokenPair } from '@union/shared';

const KEY = 'union.tokens';

interface StoredTokens {
  accessToken: string;
  refreshToken: string;
}

/** The stored tokens, or null when logged out. */
export function getTokens(): StoredTokens | null {
  const value = Taro.getStorageSync(KEY) as StoredTokens | '' | undefined;
  return value && typeof value === 'object' && value.accessToken ? value : null;
}

export function saveTokens(pair: TokenPair): void {
  Taro.setStorageSync(KEY, { accessToken: pair.accessToken, refreshToken: pair.refreshToken });
}

export function clearTokens(): void {
  Taro.removeStorageSync(KEY);
}

export function isLoggedIn(): boolean {
  return getTokens() !== null;
}
