import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { WorkbenchItem } from '@union/shared';
import { StateTag } from '../../../components/StateTag';
import { workbenchApi } from '../../../services/api/workbench';
import { errorMessage, toast } from '../../../utils/feedback';
import { deadlineText, formatDate } from '../../../utils/format';
import { route } from '../../../utils/nav';

/** Where a queue item is handled: each case type has its own page in the staff subpackage (null: none yet). */
function pageOf(item: WorkbenchItem): string | null {
  switch (item.caseType) {
    case 'membership_application':
    case 'membership_transfer':
      return route('/staff/pages/case/index', { type: item.caseType, id: item.id });
    case 'hardship_application':
      return route('/staff/pages/hardship/index', { id: item.id });
    case 'assistance_record':
      return route('/staff/pages/aid/index', { id: item.id });
    default:
      return null;
  }
}

function open(item: WorkbenchItem) {
  const url = pageOf(item);
  if (url) void Taro.navigateTo({ url });
  else toast(`“${item.caseTypeLabel}”还不能在小程序里办理`);
}

/** The staff queue, oldest due first; overdue cases in red. */
export default function Workbench() {
  const [items, setItems] = useState<WorkbenchItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  const load = async (after: string | null) => {
    try {
      const page = await workbenchApi.queue(after, 20);
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoaded(true);
    }
  };

  useDidShow(() => void load(null));
  usePullDownRefresh(() => {
    void load(null).finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className="page" data-testid="workbench-page">
      <View className="card">
        <Text className="card__title">待办事项</Text>
        <Text className="muted">按到期先后排列。点一条进去办理；红框的已经超期，请优先处理。</Text>
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => void Taro.navigateTo({ url: '/staff/pages/verify/index' })}
          data-testid="open-verify"
        >
          核验会员证
        </Button>
      </View>
      {error ? <Text className="paragraph">{error}</Text> : null}
      {loaded && !error && items.length === 0 ? (
        <View className="card center">
          <Text className="muted">没有待办的事项。</Text>
        </View>
      ) : null}
      {items.map((item) => {
        const overdue = item.deadline?.overdue ?? false;
        return (
          <View
            key={`${item.caseType}-${item.id}`}
            className={`list-item${overdue ? ' list-item--overdue' : ''}`}
            onClick={() => open(item)}
            data-testid={`queue-${item.caseType}-${item.id}`}
          >
            <StateTag state={item.state} label={item.stateLabel} />
            <Text className="list-item__title">
              {item.caseTypeLabel} · {item.title}
            </Text>
            <Text className="muted">
              {item.organizationName} · {formatDate(item.submittedAt)} 提交
            </Text>
            {item.deadline ? <Text className={overdue ? 'danger-text' : 'muted'}>{deadlineText(item.deadline)}</Text> : null}
          </View>
        );
      })}
      {cursor ? (
        <Button block size="large" className="big-button" onClick={() => void load(cursor)}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
