import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import { campaignsApi } from '../../../services/api/hardship';
import { yuan } from '../../../utils/money';
import { route } from '../../../utils/nav';

/** The county's campaigns (送温暖, 金秋助学) with budget used and households reached, newest first, a page at a time. */
export default function Campaigns() {
  const list = usePaged((after) => campaignsApi.list(after));
  return (
    <View className="page" data-testid="campaigns-page">
      <View className="card">
        <Text className="card__title">送温暖、金秋助学</Text>
        <Text className="muted">点一个活动，看预算使用和还没签收的家庭。</Text>
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          onClick={() => void Taro.navigateTo({ url: '/staff/pages/campaign-new/index' })}
          data-testid="campaign-new"
        >
          发起新活动
        </Button>
      </View>
      {list.error ? <Text className="paragraph">{list.error}</Text> : null}
      {!list.loaded ? <Text className="muted">正在读取…</Text> : null}
      {list.loaded && !list.error && list.items.length === 0 ? (
        <View className="card center">
          <Text className="muted">还没有活动。</Text>
        </View>
      ) : null}
      {list.items.map((c) => (
        <View
          key={c.id}
          className="list-item"
          onClick={() => void Taro.navigateTo({ url: route('/staff/pages/campaign/index', { id: c.id }) })}
          data-testid={`campaign-${c.id}`}
        >
          <Text className="list-item__title">
            {c.kindLabel} · {c.title}
          </Text>
          <Text className="paragraph" data-testid={`campaign-${c.id}-budget`}>
            已用 {yuan(c.usedFen)} / 预算 {yuan(c.budgetFen)} · 已帮扶 {c.householdsReached} 户
          </Text>
          <Text className="muted">
            {c.startsOn} 至 {c.endsOn} · {c.open ? '进行中' : '不在活动时间内'}
            {c.unsigned.length ? ` · ${c.unsigned.length} 户未签收` : ''}
          </Text>
        </View>
      ))}
      <LoadMore list={list} testId="campaigns-more" />
    </View>
  );
}
