import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  COMPETITION_KIND_LABEL,
  ENTRY_KIND_LABEL,
  TIE_BREAK_LABEL,
  checkAgainst,
  createCompetitionBody,
  type AwardRule,
  type CompetitionEventInput,
  type CompetitionKind,
  type EntryKind,
  type TieBreak,
} from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { NumberStepper } from '../../../components/NumberStepper';
import { PageStatus } from '../../../components/PageStatus';
import { StateTag } from '../../../components/StateTag';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import { competitionsApi } from '../../../services/api/contest';
import { errorMessage } from '../../../utils/feedback';

import { route } from '../../../utils/nav';
import { chinaToday } from '../../../utils/format';

const KINDS = Object.keys(COMPETITION_KIND_LABEL) as CompetitionKind[];
const ENTRY_KINDS = Object.keys(ENTRY_KIND_LABEL) as EntryKind[];
const TIE_BREAKS = Object.keys(TIE_BREAK_LABEL) as TieBreak[];
const STANDARD_AWARDS: AwardRule[] = [
  { title: '一等奖', fromRank: 1, toRank: 1 },
  { title: '二等奖', fromRank: 2, toRank: 3 },
  { title: '三等奖', fromRank: 4, toRank: 6 },
];

const newEvent = (): CompetitionEventInput => ({
  name: '',
  entryKind: 'individual',
  maxEntries: 0,
  scoring: { kind: 'judges_average', dropExtremesFrom: 5 },
  tieBreak: 'shared',
  awards: STANDARD_AWARDS.map((a) => ({ ...a })),
});

/** One event of the setup form: entry kind, places, scoring, tie-break and awards. */
function EventEditor({
  index,
  event,
  onChange,
  onRemove,
}: {
  index: number;
  event: CompetitionEventInput;
  onChange: (e: CompetitionEventInput) => void;
  onRemove?: () => void;
}) {
  const set = (patch: Partial<CompetitionEventInput>) => onChange({ ...event, ...patch });
  const setAward = (i: number, patch: Partial<AwardRule>) =>
    set({ awards: event.awards.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  return (
    <View className="card" data-testid={`event-editor-${index}`}>
      <Text className="card__title">项目 {index + 1}</Text>
      <Field label="项目名称" value={event.name} onChange={(v) => set({ name: v })} testId={`event-name-${index}`} />
      {ENTRY_KINDS.map((k) => (
        <Choice
          key={k}
          title={`${ENTRY_KIND_LABEL[k]}参赛`}
          selected={event.entryKind === k}
          onSelect={() => set({ entryKind: k, ...(k === 'team' ? { teamMin: 3, teamMax: 6 } : {}) })}
          testId={`event-entry-${index}-${k}`}
        />
      ))}
      <Field
        label="名额（0 表示不限）"
        value={String(event.maxEntries)}
        onChange={(v) => set({ maxEntries: Number(v) || 0 })}
        type="number"
        testId={`event-max-${index}`}
      />
      {event.entryKind === 'team' ? (
        <>
          <Text className="field__label">每队人数</Text>
          <NumberStepper
            value={event.teamMin ?? 3}
            min={2}
            max={50}
            unit="人起"
            onChange={(n) => set({ teamMin: n })}
            testId={`event-team-min-${index}`}
          />
          <NumberStepper
            value={event.teamMax ?? 6}
            min={2}
            max={50}
            unit="人止"
            onChange={(n) => set({ teamMax: n })}
            testId={`event-team-max-${index}`}
          />
        </>
      ) : null}
      <Choice
        title="评委打分"
        selected={event.scoring.kind === 'judges_average'}
        onSelect={() => set({ scoring: { kind: 'judges_average', dropExtremesFrom: 5 } })}
        testId={`event-judged-${index}`}
      />
      <Choice
        title="直接录入成绩（用时、个数）"
        selected={event.scoring.kind === 'direct'}
        onSelect={() => set({ scoring: { kind: 'direct', better: 'lower', unit: '秒' } })}
        testId={`event-direct-${index}`}
      />
      {event.scoring.kind === 'judges_average' ? (
        <>
          <Text className="field__label">评委达到几人时去掉最高分和最低分（0 表示不去掉）</Text>
          <NumberStepper
            value={event.scoring.dropExtremesFrom}
            min={0}
            max={30}
            unit="人"
            onChange={(n) => set({ scoring: { kind: 'judges_average', dropExtremesFrom: n } })}
            testId={`event-drop-${index}`}
          />
        </>
      ) : (
        <>
          <Field
            label="成绩单位"
            value={event.scoring.unit}
            onChange={(v) =>
              set({ scoring: { ...(event.scoring as { kind: 'direct'; better: 'higher' | 'lower'; unit: string }), unit: v } })
            }
            testId={`event-unit-${index}`}
          />
          <Choice
            title="越少越好（如用时）"
            selected={event.scoring.better === 'lower'}
            onSelect={() => set({ scoring: { kind: 'direct', better: 'lower', unit: (event.scoring as { unit: string }).unit } })}
            testId={`event-lower-${index}`}
          />
          <Choice
            title="越多越好（如个数）"
            selected={event.scoring.better === 'higher'}
            onSelect={() => set({ scoring: { kind: 'direct', better: 'higher', unit: (event.scoring as { unit: string }).unit } })}
            testId={`event-higher-${index}`}
          />
        </>
      )}
      <Text className="field__label">成绩相同时</Text>
      {TIE_BREAKS.map((t) => (
        <Choice
          key={t}
          title={TIE_BREAK_LABEL[t]}
          selected={event.tieBreak === t}
          onSelect={() => set({ tieBreak: t })}
          testId={`event-tie-${index}-${t}`}
        />
      ))}
      <Text className="field__label">奖项</Text>
      {event.awards.map((a, i) => (
        <View key={i} className="list-row">
          <Field label="名称" value={a.title} onChange={(v) => setAward(i, { title: v })} testId={`award-title-${index}-${i}`} />
          <Field
            label="从第几名"
            value={String(a.fromRank)}
            onChange={(v) => setAward(i, { fromRank: Number(v) || 0 })}
            type="number"
            testId={`award-from-${index}-${i}`}
          />
          <Field
            label="到第几名"
            value={String(a.toRank)}
            onChange={(v) => setAward(i, { toRank: Number(v) || 0 })}
            type="number"
            testId={`award-to-${index}-${i}`}
          />
          <Text className="link-danger" onClick={() => set({ awards: event.awards.filter((_, j) => j !== i) })}>
            删除
          </Text>
        </View>
      ))}
      <Button
        block
        size="large"
        className="big-button"
        onClick={() => set({ awards: [...event.awards, { title: '技术能手', fromRank: 1, toRank: 3 }] })}
        data-testid={`award-add-${index}`}
      >
        加一个奖项（如技术能手、岗位标兵）
      </Button>
      {onRemove ? (
        <Button block size="large" className="big-button" onClick={onRemove}>
          删除这个项目
        </Button>
      ) : null}
    </View>
  );
}

/**
 * The organiser's competitions, and a new one: kind, title, dates, the notice length, and each
 * event with its entry kind, places, scoring, tie-break and awards (checked here and on the server).
 */
export default function Contests() {
  const editId = Number(useRouter().params.edit) || null;
  const list = usePaged((after) => competitionsApi.list('all', after));
  const [adding, setAdding] = useState(!!editId);
  const [editVersion, setEditVersion] = useState<number | null>(null);
  const [kind, setKind] = useState<CompetitionKind>('skills');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [closes, setCloses] = useState(chinaToday(14));
  const [starts, setStarts] = useState(chinaToday(15));
  const [ends, setEnds] = useState(chinaToday(15));
  const [noticeDays, setNoticeDays] = useState(5);
  const [events, setEvents] = useState<CompetitionEventInput[]>([newEvent()]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Editing a draft: the form starts from what was saved.
  useEffect(() => {
    if (!editId) return;
    void competitionsApi.get(editId).then((c) => {
      setKind(c.kind);
      setTitle(c.title);
      setDescription(c.description);
      setCloses(c.registrationClosesOn);
      setStarts(c.startsOn);
      setEnds(c.endsOn);
      setNoticeDays(c.noticeDays);
      setEvents(c.events.map(({ id: _id, entryCount: _n, judges: _j, ...e }) => e));
      setEditVersion(c.version);
    });
  }, [editId]);

  const create = async () => {
    // The request's own schema checks the setup (the server's rules, in its words); an event's problem names the event.
    const checked = checkAgainst(createCompetitionBody, {
      kind,
      title: title.trim(),
      description: description.trim(),
      registrationClosesOn: closes,
      startsOn: starts,
      endsOn: ends,
      noticeDays,
      events: events.map((e) => ({ ...e, name: e.name.trim(), awards: e.awards.map((a) => ({ ...a, title: a.title.trim() })) })),
    });
    if (!checked.ok) {
      const [field = '', message = null] = Object.entries(checked.problems)[0] ?? [];
      const event = /^events\.(\d+)\./.exec(field);
      return setProblem(event ? `项目 ${Number(event[1]) + 1}：${message}` : message);
    }
    const body = checked.value;
    setBusy(true);
    setProblem(null);
    try {
      if (editId && editVersion !== null) {
        await competitionsApi.update(editId, { ...body, version: editVersion });
        await Taro.navigateBack();
        return;
      }
      const created = await competitionsApi.create(body);
      setAdding(false);
      await Taro.navigateTo({ url: route('/staff/pages/contest/index', { id: created.id }) });
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
          <Text className="field__label">说明（可不填）</Text>
          <Textarea
            className="field__textarea"
            value={description}
            maxlength={2000}
            onInput={(e) => setDescription(e.detail.value)}
            data-testid="contest-description"
          />
          <Field label="报名截止" value={closes} onChange={setCloses} testId="contest-closes" />
          <Field label="开始" value={starts} onChange={setStarts} testId="contest-starts" />
          <Field label="结束" value={ends} onChange={setEnds} testId="contest-ends" />
          <Text className="field__label">成绩公示天数</Text>
          <NumberStepper value={noticeDays} min={1} max={30} unit="天" onChange={setNoticeDays} testId="contest-notice-days" />
        </View>
        {events.map((e, i) => (
          <EventEditor
            key={i}
            index={i}
            event={e}
            onChange={(next) => setEvents(events.map((x, j) => (j === i ? next : x)))}
            onRemove={events.length > 1 ? () => setEvents(events.filter((_, j) => j !== i)) : undefined}
          />
        ))}
        <View className="card">
          <Button block size="large" className="big-button" onClick={() => setEvents([...events, newEvent()])} data-testid="event-add">
            再加一个项目
          </Button>
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
            {editId ? '保存修改' : '创建比赛'}
          </Button>
          <Button block size="large" className="big-button" onClick={() => setAdding(false)}>
            取消
          </Button>
        </View>
      </View>
    );
  }
  if (!list.loaded || (list.error && !list.items.length)) return <PageStatus error={list.error} />;
  return (
    <View className="page" data-testid="contests-admin">
      <Button block size="large" type="primary" className="big-button" onClick={() => setAdding(true)} data-testid="contest-add">
        组织新比赛
      </Button>
      {list.items
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
              <StateTag caseType="competition" state={c.state} label={c.stateLabel} />
            </View>
            <Text className="muted">
              {c.kindLabel} · {c.events.map((e) => `${e.name} ${e.entryCount} 人/队`).join('，')}
            </Text>
          </View>
        ))}
      <LoadMore list={list} testId="contests-more" />
    </View>
  );
}
