import Taro from '@tarojs/taro';
import { messagesApi } from './api/messages';
import { isLoggedIn } from './tokens';

const MESSAGES_TAB = 1;

/** Show the unread count on the 消息 tab (called when a tab page shows). */
export async function refreshUnreadBadge(): Promise<void> {
  try {
    const count = isLoggedIn() ? (await messagesApi.unreadCount()).count : 0;
    if (count > 0) await Taro.setTabBarBadge({ index: MESSAGES_TAB, text: count > 99 ? '99+' : String(count) });
    else await Taro.removeTabBarBadge({ index: MESSAGES_TAB });
  } catch {
    // The badge is a hint; a failure here must not disturb the page.
  }
}
