import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { MessageView } from '@union/shared';
import { LoginPrompt } from '../../components/LoginPrompt';
import { messagesApi } from '../../services/api/messages';
import { refreshUnreadBadge } from '../../services/badge';
import { isLoggedIn } from '../../services/tokens';
import { errorMessage, showError } from '../../utils/feedback';
import { formatDateTime } from '../../utils/format';
import { go } from '../../utils/nav';
import { useLoggedIn } from '../../hooks/useLoggedIn';

export default function Messages() {
  const [items, setItems] = useState<MessageView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const loggedIn = useLoggedIn();

  const load = async (after: string | null) => {
    try {
      const page = await messagesApi.list(after, 20);
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoaded(true);
    }
  };

  useDidShow(() => {
    if (!isLoggedIn()) return;
    void load(null);
    void refreshUnreadBadge();
  });

  usePullDownRefresh(() => {
    void load(null).finally(() => Taro.stopPullDownRefresh());
  });

  const open = async (m: MessageView) => {
    try {
      if (!m.read) {
        await messagesApi.markRead(m.id);
        setItems((prev) => prev.map((x) => (x.id === m.id ? { ...x, read: true } : x)));
        void refreshUnreadBadge();
      }
      if (m.link) await go(m.link);
    } catch (e) {
      await showError(e);
    }
  };

  if (!loggedIn)
    return (
      <View className="page">
        <LoginPrompt text="登录后可以看到办理进度的通知。" />
      </View>
    );
  return (
    <View className="page" data-testid="messages-page">
      {error ? <Text className="paragraph">{error}</Text> : null}
      {loaded && items.length === 0 && !error ? (
        <View className="card center">
          <Text className="muted">还没有消息。办理有进展时会通知您。</Text>
        </View>
      ) : null}
      {items.map((m) => (
        <View
          key={m.id}
          className={`list-item${m.read ? '' : ' list-item--unread'}`}
          onClick={() => void open(m)}
          data-testid={`message-${m.id}`}
        >
          <Text className="list-item__title">
            {m.read ? '' : '【未读】'}
            {m.title}
          </Text>
          <Text className="paragraph">{m.body}</Text>
          <Text className="muted">
            {formatDateTime(m.createdAt)}
            {m.link ? ' · 点击查看' : ''}
          </Text>
        </View>
      ))}
      {cursor ? (
        <Button block size="large" className="big-button" onClick={() => void load(cursor)}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
