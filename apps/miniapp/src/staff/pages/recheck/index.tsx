import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { HardshipFileSummary, Page } from '@union/shared';
import { hardshipFilesApi } from '../../../services/api/hardship';
import { errorMessage } from '../../../utils/feedback';
import { formatDate } from '../../../utils/format';
import { route } from '../../../utils/nav';

type Kind = 'recheck' | 'follow_up';

const FETCH: Record<Kind, (after: string | null) => Promise<Page<HardshipFileSummary>>> = {
  recheck: (after) => hardshipFilesApi.recheckDue(after, 20),
  follow_up: (after) => hardshipFilesApi.followUpDue(after, 20),
};

/** One keyset-paged list of files. */
function useFiles(kind: Kind) {
  const [items, setItems] = useState<HardshipFileSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = async (after: string | null) => {
    try {
      const page = await FETCH[kind](after);
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoaded(true);
    }
  };
  return { items, cursor, loaded, error, load };
}

/** Filed households due their yearly re-check, and closed ones due the follow-up call. */
export default function RecheckLists() {
  const [tab, setTab] = useState<Kind>('recheck');
  const recheck = useFiles('recheck');
  const followUp = useFiles('follow_up');
  useDidShow(() => {
    void recheck.load(null);
    void followUp.load(null);
  });
  const list = tab === 'recheck' ? recheck : followUp;

  return (
    <View className="page" data-testid="recheck-page">
      <View className="card">
        <Text className="muted">
          每年复核一次在档家庭：情况没变就保留，变了就调整类别，已脱困等就关闭档案。档案关闭约 3 个月后，给这户打电话回访一次。
        </Text>
        <Button
          block
          size="large"
          type={tab === 'recheck' ? 'primary' : 'default'}
          className="big-button"
          onClick={() => setTab('recheck')}
          data-testid="recheck-tab-recheck"
        >
          到期复核（{recheck.items.length}
          {recheck.cursor ? '+' : ''}）
        </Button>
        <Button
          block
          size="large"
          type={tab === 'follow_up' ? 'primary' : 'default'}
          className="big-button"
          onClick={() => setTab('follow_up')}
          data-testid="recheck-tab-follow-up"
        >
          到期回访（{followUp.items.length}
          {followUp.cursor ? '+' : ''}）
        </Button>
      </View>
      {list.error ? <Text className="paragraph">{list.error}</Text> : null}
      {list.loaded && !list.error && list.items.length === 0 ? (
        <View className="card center">
          <Text className="muted">{tab === 'recheck' ? '没有到期要复核的档案。' : '没有到期要回访的家庭。'}</Text>
        </View>
      ) : null}
      {list.items.map((f) => (
        <View
          key={f.id}
          className="list-item"
          onClick={() => void Taro.navigateTo({ url: route('/staff/pages/aid/index', { fileId: f.id, recheck: 1 }) })}
          data-testid={`recheck-file-${f.id}`}
        >
          <Text className="list-item__title">
            {f.applicantNameMasked}家庭 · {f.categoryLabel}
          </Text>
          <Text className="muted">
            {f.fileNo} · {f.organizationName}
          </Text>
          <Text className="muted">
            {tab === 'recheck' ? `${formatDate(f.recheckDueAt ?? '')} 前复核` : '档案已关闭，请电话回访了解近况'}
          </Text>
        </View>
      ))}
      {list.cursor ? (
        <Button block size="large" className="big-button" onClick={() => void list.load(list.cursor)}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
