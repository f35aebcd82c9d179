import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageStatus } from '../../../components/PageStatus';
import { useLoader } from '../../../hooks/useLoader';
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
  const { data, error } = useLoader(async () => {
    const me = await meApi.get();
    const [today, waiting, soon, deciding, handling] = await Promise.all([
      consultationsApi.day(chinaToday()),
      threadsApi.list(true),
      legalAidApi.list({ clockWithinDays: 7 }),
      legalAidApi.list({ state: 'submitted' }),
      legalAidApi.list({ state: 'handling' }),
    ]);
    return { me, today, waiting: waiting.items, soon: soon.items, deciding: deciding.items, byStage: handling.items };
  });
  if (!data) return <PageStatus error={error} />;
  const can = (p: string) => data.me.permissions.includes(p as never);
  const { deciding, byStage } = data;

  return (
    <View className="page" data-testid="legal-desk">
      <View className="card" data-testid="desk-today">
        <Text className="card__title">今天的咨询（{data.today.length}）</Text>
        {data.today.length === 0 ? <Text className="muted">今天没有预约。</Text> : null}
        {data.today.map((c) => (
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
      </View>

      <View className="card" data-testid="desk-threads">
        <Text className="card__title">待答复的在线咨询（{data.waiting.length}）</Text>
        {data.waiting.map((t) => (
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
      </View>

      {can('legal.aid.decide') ? (
        <View className="card" data-testid="desk-deciding">
          <Text className="card__title">待审查的援助申请（{deciding.length}）</Text>
          {deciding.map((c) => (
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
        </View>
      ) : null}

      <View className="card" data-testid="desk-clocks">
        <Text className="card__title">7 天内到期的法定期限（{data.soon.length}）</Text>
        {data.soon.map((c) => (
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
      </View>

      <View className="card" data-testid="desk-cases">
        <Text className="card__title">办理中的案件（{byStage.length}）</Text>
        {byStage.map((c) => (
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
