import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageStatus } from '../../../components/PageStatus';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import { consultationsApi, legalAidApi, threadsApi } from '../../../services/api/legal';
import { clockText, slotLabel } from '../../../utils/legal';
import { route } from '../../../utils/nav';

const nav = (url: string) => void Taro.navigateTo({ url });

/**
 * Everything of the worker's in legal services, each list a page at a time: bookings, online
 * questions (with unread answers) and cases with their clocks.
 */
export default function MyLegal() {
  const consultations = usePaged((after) => consultationsApi.mine(after));
  const threads = usePaged((after) => threadsApi.mine(after));
  const cases = usePaged((after) => legalAidApi.mine(after));
  const lists = [consultations, threads, cases];
  if (lists.some((l) => !l.loaded || (l.error && !l.items.length))) return <PageStatus error={lists.find((l) => l.error)?.error ?? null} />;
  const empty = lists.every((l) => !l.items.length);
  return (
    <View className="page" data-testid="legal-mine-page">
      {empty ? (
        <View className="card center">
          <Text className="muted">还没有预约、咨询或申请。</Text>
        </View>
      ) : null}
      {cases.items.length ? <Text className="section-title">法律援助</Text> : null}
      {cases.items.map((c) => (
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
      <LoadMore list={cases} testId="mine-cases-more" />
      {threads.items.length ? <Text className="section-title">在线咨询</Text> : null}
      {threads.items.map((t) => (
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
      <LoadMore list={threads} testId="mine-threads-more" />
      {consultations.items.length ? <Text className="section-title">咨询预约</Text> : null}
      {consultations.items.map((c) => (
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
      <LoadMore list={consultations} testId="mine-consultations-more" />
    </View>
  );
}
