import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageStatus } from '../../../components/PageStatus';
import { useLoader } from '../../../hooks/useLoader';
import { consultationsApi, legalAidApi, threadsApi } from '../../../services/api/legal';
import { clockText, slotLabel } from '../../../utils/legal';
import { route } from '../../../utils/nav';

const nav = (url: string) => void Taro.navigateTo({ url });

/** Everything of the worker's in legal services: bookings, online questions (with unread answers) and cases with their clocks. */
export default function MyLegal() {
  const { data, error } = useLoader(async () => {
    const [consultations, threads, cases] = await Promise.all([consultationsApi.mine(), threadsApi.mine(), legalAidApi.mine()]);
    return { consultations, threads, cases };
  });
  if (!data) return <PageStatus error={error} />;
  const empty = !data.consultations.length && !data.threads.length && !data.cases.length;
  return (
    <View className="page" data-testid="legal-mine-page">
      {empty ? (
        <View className="card center">
          <Text className="muted">还没有预约、咨询或申请。</Text>
        </View>
      ) : null}
      {data.cases.length ? <Text className="section-title">法律援助</Text> : null}
      {data.cases.map((c) => (
        <View
          key={c.id}
          className="list-item"
          onClick={() => nav(route('/pages/legal/case/index', { id: c.id }))}
          data-testid={`mine-case-${c.id}`}
        >
          <Text className="list-item__title">
            {c.disputeTypeLabel} · {c.employer.name}
          </Text>
          <Text className="paragraph">{c.stateLabel}</Text>
          {c.clock.next ? (
            <Text className="clock--running">
              {c.clock.next.label}：{clockText(c.clock.next)}
            </Text>
          ) : null}
        </View>
      ))}
      {data.threads.length ? <Text className="section-title">在线咨询</Text> : null}
      {data.threads.map((t) => (
        <View
          key={t.id}
          className="list-item"
          onClick={() => nav(route('/pages/legal/thread/index', { id: t.id }))}
          data-testid={`mine-thread-${t.id}`}
        >
          <Text className="list-item__title">
            {t.topicLabel} · {t.stateLabel}
            {t.unread ? ` · ${t.unread} 条新答复` : ''}
          </Text>
          <Text className="muted">{t.lastMessage}</Text>
        </View>
      ))}
      {data.consultations.length ? <Text className="section-title">咨询预约</Text> : null}
      {data.consultations.map((c) => (
        <View
          key={c.id}
          className="list-item"
          onClick={() => nav(route('/pages/legal/consultation/index', { id: c.id }))}
          data-testid={`mine-consultation-${c.id}`}
        >
          <Text className="list-item__title">
            {slotLabel(c.startsAt)} · {c.lawyerName}
          </Text>
          <Text className="muted">
            {c.topicLabel} · {c.channelLabel} · {c.stateLabel}
          </Text>
        </View>
      ))}
    </View>
  );
}
