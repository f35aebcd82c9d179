import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageStatus } from '../../../components/PageStatus';
import { LoadMore } from '../../../components/LoadMore';
import { useLoader } from '../../../hooks/useLoader';
import { usePaged, type Paged } from '../../../hooks/usePaged';
import { meApi } from '../../../services/api/me';
import { consultationsApi, legalAidApi, threadsApi } from '../../../services/api/legal';
import { chinaToday, deadlineText } from '../../../utils/format';
import { clockText, timeLabel } from '../../../utils/legal';
import { yuan } from '../../../utils/money';
import { route } from '../../../utils/nav';

const nav = (url: string) => void Taro.navigateTo({ url });

/**
 * The lawyer's and the centre's day: today's consultations, online questions waiting for an
 * answer, applications waiting for the decision, and cases whose statutory clock runs out within
 * 7 days; then every case by stage.
 */
export default function LegalDesk() {
  const { data, error } = useLoader(async () => ({ me: await meApi.get() }));
  // Every list of the desk is paged: a busy day shows "加载更多", never a silently short list.
  const today = usePaged((after) => consultationsApi.day(chinaToday(), after));
  const waiting = usePaged((after) => threadsApi.list(true, after));
  const soon = usePaged((after) => legalAidApi.list({ clockWithinDays: 7, after }));
  const deciding = usePaged((after) => legalAidApi.list({ state: 'submitted', after }));
  const byStage = usePaged((after) => legalAidApi.list({ state: 'handling', after }));
  if (!data) return <PageStatus error={error} />;
  const can = (p: string) => data.me.permissions.includes(p as never);
  const count = (list: Pick<Paged<unknown>, 'items' | 'hasMore'>) => `${list.items.length}${list.hasMore ? '+' : ''}`;

  return (
    <View className="page" data-testid="legal-desk">
      <View className="card" data-testid="desk-today">
        <Text className="card__title">今天的咨询（{count(today)}）</Text>
        {today.loaded && today.items.length === 0 ? <Text className="muted">今天没有预约。</Text> : null}
        {today.items.map((c) => (
          <View
            key={c.id}
            className="list-row"
            onClick={() => nav(route('/pages/legal/consultation/index', { id: c.id }))}
            data-testid={`desk-consultation-${c.id}`}
          >
            <Text>
              {timeLabel(c.startsAt)} · {c.applicantName} · {c.topicLabel} · {c.channelLabel}
            </Text>
            <Text className="muted">{c.stateLabel}</Text>
          </View>
        ))}
        <LoadMore list={today} testId="desk-today-more" />
      </View>

      <View className="card" data-testid="desk-threads">
        <Text className="card__title">待答复的在线咨询（{count(waiting)}）</Text>
        {waiting.items.map((t) => (
          <View
            key={t.id}
            className="list-row"
            onClick={() => nav(route('/pages/legal/thread/index', { id: t.id }))}
            data-testid={`desk-thread-${t.id}`}
          >
            <Text>
              {t.applicantName} · {t.topicLabel}
              {t.unread ? ` · ${t.unread} 条未读` : ''}
            </Text>
            <Text className={t.deadline?.overdue ? 'field__error' : 'muted'}>{deadlineText(t.deadline)}</Text>
          </View>
        ))}
        <LoadMore list={waiting} testId="desk-waiting-more" />
      </View>

      {can('legal.aid.decide') ? (
        <View className="card" data-testid="desk-deciding">
          <Text className="card__title">待审查的援助申请（{count(deciding)}）</Text>
          {deciding.items.map((c) => (
            <View
              key={c.id}
              className="list-row"
              onClick={() => nav(route('/staff/pages/legal-case/index', { id: c.id }))}
              data-testid={`desk-deciding-${c.id}`}
            >
              <Text>
                {c.applicantName} · {c.disputeTypeLabel} · {yuan(c.amountClaimedFen)}
              </Text>
              <Text className={c.deadline?.overdue ? 'field__error' : 'muted'}>{deadlineText(c.deadline)}</Text>
            </View>
          ))}
          <LoadMore list={deciding} testId="desk-deciding-more" />
        </View>
      ) : null}

      <View className="card" data-testid="desk-clocks">
        <Text className="card__title">7 天内到期的法定期限（{count(soon)}）</Text>
        {soon.items.map((c) => (
          <View
            key={c.id}
            className="list-row"
            onClick={() => nav(route('/staff/pages/legal-case/index', { id: c.id }))}
            data-testid={`desk-clock-${c.id}`}
          >
            <Text>
              {c.applicantName} · {c.employerName}
            </Text>
            <Text className="clock--running">
              {c.nextClock ? `${c.nextClock.label} ${clockText({ daysLeft: c.nextClock.daysLeft, status: 'running' })}` : ''}
            </Text>
          </View>
        ))}
        <LoadMore list={soon} testId="desk-soon-more" />
      </View>

      <View className="card" data-testid="desk-cases">
        <Text className="card__title">办理中的案件（{count(byStage)}）</Text>
        {byStage.items.map((c) => (
          <View
            key={c.id}
            className="list-row"
            onClick={() => nav(route('/staff/pages/legal-case/index', { id: c.id }))}
            data-testid={`desk-case-${c.id}`}
          >
            <Text>
              {c.stateLabel} · {c.applicantName} · {c.employerName}
            </Text>
            <Text className="muted">{c.lawyerName}</Text>
          </View>
        ))}
        <LoadMore list={byStage} testId="desk-byStage-more" />
      </View>

      <View className="card">
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => nav('/staff/pages/legal-schedule/index')}
          data-testid="open-legal-schedule"
        >
          值班安排
        </Button>
        {can('legal.petition.manage') ? (
          <Button
            block
            size="large"
            className="big-button"
            onClick={() => nav('/staff/pages/petitions/index')}
            data-testid="open-petitions"
          >
            职工信访、劳动争议调处
          </Button>
        ) : null}
      </View>
    </View>
  );
}
