import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { COMPETITION_KIND_LABEL, ENTRY_KIND_LABEL, type CompetitionKind, type EntryKind } from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { StateTag } from '../../../components/StateTag';
import { useLoader } from '../../../hooks/useLoader';
import { competitionsApi } from '../../../services/api/contest';
import { errorMessage } from '../../../utils/feedback';
import { chinaToday, isDay } from '../../../utils/legal';
import { route } from '../../../utils/nav';

const KINDS = Object.keys(COMPETITION_KIND_LABEL) as CompetitionKind[];
const ENTRY_KINDS = Object.keys(ENTRY_KIND_LABEL) as EntryKind[];

/**
 * The organiser's competitions, and a new one: kind, title, dates, one or more events (each scored
 * by judges, highest and lowest dropped from 5 judges, or entered directly), standard awards.
 */
export default function Contests() {
  const { data, error } = useLoader(() => competitionsApi.list('all'));
  const [adding, setAdding] = useState(false);
  const [kind, setKind] = useState<CompetitionKind>('skills');
  const [title, setTitle] = useState('');
  const [closes, setCloses] = useState(chinaToday(14));
  const [starts, setStarts] = useState(chinaToday(15));
  const [ends, setEnds] = useState(chinaToday(15));
  const [eventName, setEventName] = useState('');
  const [entryKind, setEntryKind] = useState<EntryKind>('individual');
  const [direct, setDirect] = useState(false);
  const [unit, setUnit] = useState('秒');
  const [maxEntries, setMaxEntries] = useState('0');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    if (title.trim().length < 2 || eventName.trim().length < 2) return setProblem('请填写比赛名称和项目名称');
    if (![closes, starts, ends].every(isDay)) return setProblem('日期按 2026-12-01 这样填');
    setBusy(true);
    setProblem(null);
    try {
      const created = await competitionsApi.create({
        kind,
        title: title.trim(),
        description: '',
        registrationClosesOn: closes,
        startsOn: starts,
        endsOn: ends,
        noticeDays: 5,
        events: [
          {
            name: eventName.trim(),
            entryKind,
            maxEntries: Number(maxEntries) || 0,
            ...(entryKind === 'team' ? { teamMin: 3, teamMax: 6 } : {}),
            scoring: direct
              ? { kind: 'direct', better: unit === '秒' ? 'lower' : 'higher', unit }
              : { kind: 'judges_average', dropExtremesFrom: 5 },
            tieBreak: 'shared',
            awards: [
              { title: '一等奖', fromRank: 1, toRank: 1 },
              { title: '二等奖', fromRank: 2, toRank: 3 },
              { title: '三等奖', fromRank: 4, toRank: 6 },
            ],
          },
        ],
      });
      await Taro.navigateTo({ url: route('/staff/pages/contest/index', { id: created.id }) });
      setAdding(false);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (adding) {
    return (
      <View className="page" data-testid="contest-new">
        <View className="card">
          {KINDS.map((k) => (
            <Choice
              key={k}
              title={COMPETITION_KIND_LABEL[k]}
              selected={kind === k}
              onSelect={() => setKind(k)}
              testId={`contest-kind-${k}`}
            />
          ))}
          <Field label="比赛名称" value={title} onChange={setTitle} testId="contest-title" />
          <Field label="报名截止" value={closes} onChange={setCloses} testId="contest-closes" />
          <Field label="开始" value={starts} onChange={setStarts} testId="contest-starts" />
          <Field label="结束" value={ends} onChange={setEnds} testId="contest-ends" />
          <Field label="项目名称" value={eventName} onChange={setEventName} testId="contest-event" />
          {ENTRY_KINDS.map((k) => (
            <Choice
              key={k}
              title={`${ENTRY_KIND_LABEL[k]}参赛`}
              selected={entryKind === k}
              onSelect={() => setEntryKind(k)}
              testId={`contest-entry-${k}`}
            />
          ))}
          <Field label="名额（0 表示不限）" value={maxEntries} onChange={setMaxEntries} type="number" testId="contest-max" />
          <Choice
            title="评委打分（5 名及以上评委时去掉最高分和最低分）"
            selected={!direct}
            onSelect={() => setDirect(false)}
            testId="contest-judged"
          />
          <Choice title="直接录入成绩（用时、个数）" selected={direct} onSelect={() => setDirect(true)} testId="contest-direct" />
          {direct ? <Field label="成绩单位（秒：越少越好；其他：越多越好）" value={unit} onChange={setUnit} testId="contest-unit" /> : null}
          <Text className="muted">奖项默认：一等奖第 1 名，二等奖第 2–3 名，三等奖第 4–6 名；成绩公示 5 天。</Text>
          {problem ? <Text className="field__error">{problem}</Text> : null}
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            loading={busy}
            onClick={() => void create()}
            data-testid="contest-create"
          >
            创建比赛
          </Button>
          <Button block size="large" className="big-button" onClick={() => setAdding(false)}>
            取消
          </Button>
        </View>
      </View>
    );
  }
  if (!data) return <PageStatus error={error} />;
  return (
    <View className="page" data-testid="contests-admin">
      <Button block size="large" type="primary" className="big-button" onClick={() => setAdding(true)} data-testid="contest-add">
        组织新比赛
      </Button>
      {data
        .filter((c) => c.actions.length > 0 || c.history.length > 0)
        .map((c) => (
          <View
            key={c.id}
            className="list-item"
            onClick={() => void Taro.navigateTo({ url: route('/staff/pages/contest/index', { id: c.id }) })}
            data-testid={`admin-contest-${c.id}`}
          >
            <View className="row">
              <Text className="list-item__title">{c.title}</Text>
              <StateTag state={c.state} label={c.stateLabel} />
            </View>
            <Text className="muted">
              {c.kindLabel} · {c.events.map((e) => `${e.name} ${e.entryCount} 人/队`).join('，')}
            </Text>
          </View>
        ))}
    </View>
  );
}
