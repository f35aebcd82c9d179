import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkAgainst, createObjectionBody, type PublicNoticeSummary } from '@union/shared';
import { LoginPrompt } from '../../../components/LoginPrompt';
import { hardshipApi } from '../../../services/api/hardship';
import { errorMessage, showError } from '../../../utils/feedback';
import { formatDate } from '../../../utils/format';
import { useLoggedIn } from '../../../hooks/useLoggedIn';

/** The objection form under one notice. */
function ObjectionForm({ notice, onDone }: { notice: PublicNoticeSummary; onDone: () => void }) {
  const [content, setContent] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    // The objection's rules and words are its request schema's.
    const checked = checkAgainst(createObjectionBody, { channel: 'online', content: content.trim() });
    if (!checked.ok) {
      setProblem(checked.problems.content ?? checked.problems.channel ?? null);
      return;
    }
    setBusy(true);
    try {
      await hardshipApi.addObjection(notice.id, checked.value);
      onDone();
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="action-form" data-testid={`notice-objection-form-${notice.id}`}>
      <View className="field">
        <Text className="field__label">您的异议</Text>
        <Text className="field__hint">写清楚您知道的情况。异议实名提交，工会会核实并答复您，不会告诉被公示人是谁提的。</Text>
        <Textarea
          className="field__textarea"
          value={content}
          maxlength={1000}
          onInput={(e) => setContent(e.detail.value)}
          data-testid="notice-objection-content"
        />
        {problem ? <Text className="field__error">{problem}</Text> : null}
      </View>
      <Button
        block
        size="large"
        type="primary"
        className="big-button"
        disabled={busy}
        onClick={() => void send()}
        data-testid="notice-objection-submit"
      >
        {busy ? '正在提交…' : '提交异议'}
      </Button>
    </View>
  );
}

/** Running public notices of hardship cases (masked), with a way to object online. */
export default function HardshipNotices() {
  const loggedIn = useLoggedIn();
  const [items, setItems] = useState<PublicNoticeSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [objecting, setObjecting] = useState<number | null>(null);
  const [sent, setSent] = useState<number[]>([]);

  const load = async (after: string | null) => {
    try {
      const page = await hardshipApi.notices(after, 20);
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
    if (loggedIn) void load(null);
  });

  if (!loggedIn)
    return (
      <View className="page">
        <LoginPrompt text="登录后可以查看公示和提出异议。" />
      </View>
    );
  return (
    <View className="page" data-testid="hs-notices-page">
      <View className="card">
        <Text className="card__title">正在公示</Text>
        <Text className="muted">公示期间，认为帮扶对象不符合条件的，可以点“提出异议”。</Text>
      </View>
      {error ? <Text className="paragraph">{error}</Text> : null}
      {loaded && !error && items.length === 0 ? (
        <View className="card center">
          <Text className="muted">现在没有正在公示的帮扶对象。</Text>
        </View>
      ) : null}
      {items.map((n) => (
        <View className="card" key={n.id} data-testid={`notice-${n.id}`}>
          <Text className="card__title">{n.organizationName}</Text>
          <Text className="paragraph">{n.content}</Text>
          <Text className="muted">
            公示期：{formatDate(n.startsAt)} 至 {formatDate(n.endsAt)}
          </Text>
          {sent.includes(n.id) ? (
            <Text className="next-step" data-testid={`notice-objection-sent-${n.id}`}>
              异议已提交。工会会核实情况，结果在“消息”里告诉您。
            </Text>
          ) : objecting === n.id ? (
            <ObjectionForm
              notice={n}
              onDone={() => {
                setObjecting(null);
                setSent((prev) => [...prev, n.id]);
              }}
            />
          ) : (
            <Button block size="large" className="big-button" onClick={() => setObjecting(n.id)} data-testid={`notice-object-${n.id}`}>
              提出异议
            </Button>
          )}
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
