import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { calendarDayBody, checkAgainst } from '@union/shared';
import { Choice } from '../../../components/Choice';
import { DateField } from '../../../components/DateField';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { useLoader } from '../../../hooks/useLoader';
import { calendarApi } from '../../../services/api/calendar';
import { meApi } from '../../../services/api/me';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { chinaToday } from '../../../utils/format';

/**
 * The county's own days over the national calendar: a local holiday (县庆, a festival the county
 * observes) or a working day. Every deadline of the county's cases counts with them from the
 * moment they are saved; the county's administrator sets them, its staff read them.
 */
export default function CountyCalendar() {
  const me = useLoader(() => meApi.get());
  const days = useLoader(() => calendarApi.days());
  const [date, setDate] = useState(chinaToday(1));
  const [working, setWorking] = useState(false);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = !!me.data?.permissions.includes('organization.manage') && me.data.organization?.kind === 'county_federation';

  if (!days.data) return <PageStatus error={days.error} />;

  const save = async () => {
    const body = checkAgainst(calendarDayBody, { working, name: name.trim() });
    if (!body.ok) return setProblem(Object.values(body.problems)[0] ?? null);
    setBusy(true);
    try {
      await calendarApi.set(date, body.value);
      setProblem(null);
      setName('');
      await days.reload();
      toast('已保存，新的期限按它计算');
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (day: string) => {
    try {
      await calendarApi.remove(day);
      await days.reload();
      toast('已取消，这天按全国的日历');
    } catch (e) {
      await showError(e);
    }
  };
  const today = chinaToday();

  return (
    <View className="page">
      <View className="card">
        <Text className="card__title">本县自己的放假和上班日</Text>
        <Text className="muted">
          全国的节假日和调休已经算进去了。这里只登记本县另外放假或调休上班的日子；保存后，本县新办件的期限、律师的可约日都按它算，已经定下的期限不变。
        </Text>
      </View>
      <View className="card" data-testid="calendar-days">
        {days.data.length === 0 ? <Text className="muted">还没有登记本县自己的日子。</Text> : null}
        {days.data.map((d) => (
          <View key={d.date} className="list-item" data-testid={`calendar-day-${d.date}`}>
            <Text className="list-item__title">
              {d.date} {d.working ? '上班' : '放假'}：{d.name}
            </Text>
            <Text className="muted">{d.createdByName} 登记</Text>
            {editable && d.date >= today ? (
              <Button size="small" onClick={() => void remove(d.date)} data-testid={`calendar-remove-${d.date}`}>
                取消
              </Button>
            ) : null}
          </View>
        ))}
      </View>
      {editable ? (
        <View className="card" data-testid="calendar-new">
          <Text className="card__title">登记一天</Text>
          <DateField label="日期" value={date} onChange={setDate} end={chinaToday(730)} testId="calendar-date" />
          <Choice title="这天放假" selected={!working} onSelect={() => setWorking(false)} testId="calendar-off" />
          <Choice title="这天上班（调休）" selected={working} onSelect={() => setWorking(true)} testId="calendar-working" />
          <Field label="名称" value={name} onChange={setName} placeholder="例如：县庆、调休上班" maxlength={40} testId="calendar-name" />
          {problem ? (
            <Text className="field__error" data-testid="calendar-error">
              {problem}
            </Text>
          ) : null}
          <Button
            block
            type="primary"
            size="large"
            className="big-button"
            loading={busy}
            onClick={() => void save()}
            data-testid="calendar-save"
          >
            保存
          </Button>
        </View>
      ) : null}
    </View>
  );
}
