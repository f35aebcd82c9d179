import Taro from '@tarojs/taro';
import { isApiError } from '../services/request';

/** The message to show for any thrown value. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return '出了点问题，请稍后再试';
}

/** Show an error in a dialog that stays until read (toasts vanish too fast for many users). */
export async function showError(e: unknown): Promise<void> {
  await Taro.showModal({ title: '提示', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
}

export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2500 });
}
