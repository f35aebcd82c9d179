import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  availabilityExceptionBody,
  availabilityRuleBody,
  checkAgainst,
  CONSULTATION_CHANNEL_LABEL,
  type AvailabilityRuleView,
  type ConsultationChannel,
  type LawyerView,
} from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { useLoader } from '../../../hooks/useLoader';
import { meApi } from '../../../services/api/me';
import { scheduleApi } from '../../../services/api/legal';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { dayLabel } from '../../../utils/legal';
import { chinaToday } from '../../../utils/format';

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const CHANNELS = Object.keys(CONSULTATION_CHANNEL_LABEL) as ConsultationChannel[];
const strip = ({ id: _id, ...rule }: AvailabilityRuleView) => rule;
/** The first problem a request schema finds, in its words (the server says the same). */
const firstProblem = (problems: Record<string, string>): string | null => Object.values(problems)[0] ?? null;

/** One lawyer's weekly pattern and days away, editable by them (or by the centre's staff). */
function LawyerCard({ lawyer, editable, onChanged }: { lawyer: LawyerView; editable: boolean; onChanged: () => Promise<void> }) {
  const [adding, setAdding] = useState<'line' | 'away' | null>(null);
  const [weekday, setWeekday] = useState(1);
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('11:30');
  const [slotMinutes, setSlotMinutes] = useState(30);
  const [channels, setChannels] = useState<ConsultationChannel[]>(['in_person']);
  const [place, setPlace] = useState(lawyer.rules[0]?.place ?? '县总工会职工法律援助中心');
  const [date, setDate] = useState(chinaToday(1));
  const [note, setNote] = useState('请假');
  const [problem, setProblem] = useState<string | null>(null);

  const saveRules = async (rules: Omit<AvailabilityRuleView, 'id'>[]) => {
    await scheduleApi.setAvailability(lawyer.userId, { rules });
    await onChanged();
  };
  const addLine = async () => {
    const line = checkAgainst(availabilityRuleBody, {
      weekday,
      startTime: start,
      endTime: end,
      slotMinutes,
      channels,
      place: place.trim(),
    });
    if (!line.ok) return setProblem(firstProblem(line.problems));
    try {
      await saveRules([...lawyer.rules.map(strip), line.value]);
      setAdding(null);
      toast('已保存');
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  const addAway = async () => {
    const away = checkAgainst(availabilityExceptionBody, { date, note: note.trim() || '请假' });
    if (!away.ok) return setProblem(firstProblem(away.problems));
    try {
      await scheduleApi.addException(lawyer.userId, away.value.date, away.value.note);
      await onChanged();
      setAdding(null);
      toast('已登记');
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };

  return (
    <View className="card" data-testid={`schedule-${lawyer.userId}`}>
      <Text className="card__title">
        {lawyer.name}
        {lawyer.isLawyer ? '（律师）' : '（值班）'}
      </Text>
      {lawyer.rules.length === 0 ? <Text className="muted">还没有排班。</Text> : null}
      {lawyer.rules.map((r) => (
        <View key={r.id} className="list-row">
          <Text>
            {WEEKDAYS[r.weekday - 1]} {r.startTime}–{r.endTime} · 每 {r.slotMinutes} 分钟 ·{' '}
            {r.channels.map((c) => CONSULTATION_CHANNEL_LABEL[c]).join('、')}
          </Text>
          {editable ? (
            <Text
              className="link-danger"
              onClick={() => void saveRules(lawyer.rules.filter((x) => x.id !== r.id).map(strip)).catch(showError)}
            >
              删除
            </Text>
          ) : null}
        </View>
      ))}
      {lawyer.exceptions.map((e) => (
        <View key={e.id} className="list-row">
          <Text>
            {dayLabel(e.date)} 不值班：{e.note}
          </Text>
          {editable ? (
            <Text
              className="link-danger"
              onClick={() => void scheduleApi.removeException(lawyer.userId, e.id).then(onChanged).catch(showError)}
            >
              取消
            </Text>
          ) : null}
        </View>
      ))}
      {editable && adding === 'line' ? (
        <View data-testid="schedule-line-form">
          {WEEKDAYS.map((w, i) => (
            <Choice
              key={w}
              title={w}
              selected={weekday === i + 1}
              onSelect={() => setWeekday(i + 1)}
              testId={`schedule-weekday-${i + 1}`}
            />
          ))}
          <Field label="开始" value={start} onChange={setStart} testId="schedule-start" />
          <Field label="结束" value={end} onChange={setEnd} testId="schedule-end" />
          <Text className="field__label">每个时段多长</Text>
          <View className="day-tabs">
            {[15, 20, 30, 45, 60].map((m) => (
              <Text
                key={m}
                className={`day-tab${slotMinutes === m ? ' day-tab--active' : ''}`}
                onClick={() => setSlotMinutes(m)}
                data-testid={`schedule-minutes-${m}`}
              >
                {m} 分钟
              </Text>
            ))}
          </View>
          {CHANNELS.map((c) => (
            <Choice
              key={c}
              title={CONSULTATION_CHANNEL_LABEL[c]}
              selected={channels.includes(c)}
              onSelect={() => setChannels(channels.includes(c) ? channels.filter((x) => x !== c) : [...channels, c])}
              testId={`schedule-channel-${c}`}
            />
          ))}
          <Field label="地点" value={place} onChange={setPlace} testId="schedule-place" />
        </View>
      ) : null}
      {editable && adding === 'away' ? (
        <View data-testid="schedule-away-form">
          <Field label="哪天不值班" value={date} onChange={setDate} testId="schedule-away-date" />
          <Field label="原因" value={note} onChange={setNote} testId="schedule-away-note" />
        </View>
      ) : null}
      {problem ? <Text className="field__error">{problem}</Text> : null}
      {editable ? (
        adding ? (
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            onClick={() => void (adding === 'line' ? addLine() : addAway())}
            data-testid="schedule-save"
          >
            保存
          </Button>
        ) : (
          <>
            <Button
              block
              size="large"
              className="big-button"
              onClick={() => (setProblem(null), setAdding('line'))}
              data-testid={`schedule-add-line-${lawyer.userId}`}
            >
              增加一个值班时段
            </Button>
            <Button
              block
              size="large"
              className="big-button"
              onClick={() => (setProblem(null), setAdding('away'))}
              data-testid={`schedule-add-away-${lawyer.userId}`}
            >
              登记不值班的日子
            </Button>
          </>
        )
      ) : null}
    </View>
  );
}

/** The centre's schedule: every lawyer's weekly pattern and days away; holidays follow the work calendar. */
export default function LegalSchedule() {
  const { data, error, reload } = useLoader(async () => {
    const [me, lawyers] = await Promise.all([meApi.get(), scheduleApi.lawyers()]);
    return { me, lawyers };
  });
  if (!data) return <PageStatus error={error} />;
  const manager = data.me.permissions.includes('legal.schedule.manage');
  return (
    <View className="page" data-testid="legal-schedule">
      <View className="card">
        <Text className="muted">法定节假日不排班，调休上班日按平时排班。改动只影响以后的预约，已预约的不变。</Text>
      </View>
      {data.lawyers.map((l) => (
        <LawyerCard key={l.userId} lawyer={l} editable={manager || l.userId === data.me.id} onChanged={reload} />
      ))}
    </View>
  );
}
