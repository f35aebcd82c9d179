import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  ENTRY_KIND_LABEL,
  TIE_BREAK_LABEL,
  checkAgainst,
  competitionObjectionBody,
  registerEntryBody,
  type CompetitionEventView,
  isTerminalState,
  stateAllows,
} from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { StateTag } from '../../../components/StateTag';
import { useLoader } from '../../../hooks/useLoader';
import { competitionsApi } from '../../../services/api/contest';
import { errorMessage, toast } from '../../../utils/feedback';
import { numberParam, route } from '../../../utils/nav';
import { formatDateTime } from '../../../utils/format';

function scoringText(e: CompetitionEventView): string {
  if (e.scoring.kind === 'direct') return `直接录入成绩（${e.scoring.unit}，${e.scoring.better === 'higher' ? '越高越好' : '越低越好'}）`;
  return e.scoring.dropExtremesFrom > 0
    ? `评委打分，${e.scoring.dropExtremesFrom} 名及以上评委时去掉最高分和最低分后取平均`
    : '评委打分取平均';
}

/** One competition: events and awards, registration, my entries, and the results once out (my rank highlighted). */
export default function CompetitionPage() {
  const id = numberParam(useRouter().params.id);
  const [eventId, setEventId] = useState<number | null>(null);
  const [teamName, setTeamName] = useState('');
  const [members, setMembers] = useState('');
  const [objection, setObjection] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data, error } = useLoader(async () => {
    if (!id) throw new Error('链接不完整');
    // My entries in this competition are few (one per event, and any withdrawn): one page of 50 holds them.
    const [competition, entries] = await Promise.all([
      competitionsApi.get(id),
      competitionsApi.myEntries({ competitionId: id, limit: 50 }),
    ]);
    const results = stateAllows('competition', competition.state, 'public_results')
      ? await competitionsApi.results(id).catch(() => null)
      : null;
    return { competition, mine: entries.items.filter((e) => e.status !== 'withdrawn'), results };
  });
  if (!data || !id) return <PageStatus error={error} />;
  const { competition: c, mine, results } = data;
  const chosen = c.events.find((e) => e.id === eventId) ?? null;
  const myEntryIds = new Set(mine.map((e) => e.id));

  const register = async () => {
    const picked = checkAgainst(registerEntryBody.pick({ eventId: true }), { eventId: chosen?.id });
    if (!picked.ok) return setProblem(picked.problems.eventId ?? null);
    if (!chosen) return;
    const names = members
      .split(/[,，、\s]+/)
      .map((m) => m.trim())
      .filter(Boolean);
    if (chosen.entryKind === 'team' && (!teamName.trim() || names.length < (chosen.teamMin ?? 2))) {
      return setProblem(`请填写队名和 ${chosen.teamMin}–${chosen.teamMax} 名队员（含自己），用逗号隔开`);
    }
    setBusy(true);
    setProblem(null);
    try {
      const entry = await competitionsApi.register(c.id, {
        eventId: chosen.id,
        ...(chosen.entryKind !== 'individual' ? { teamName: teamName.trim(), members: names } : {}),
      });
      await Taro.navigateTo({ url: route('/pages/contest/entry/index', { id: entry.id, registered: 1 }) });
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const sendObjection = async () => {
    const checked = checkAgainst(competitionObjectionBody, { content: objection.trim() });
    if (!checked.ok) return setProblem(checked.problems.content ?? null);
    try {
      await competitionsApi.object(c.id, checked.value.content);
      setObjection('');
      toast('异议已提交，组织者会核实处理');
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };

  return (
    <View className="page" data-testid="competition-page">
      <View className="card">
        <View className="row">
          <Text className="card__title">{c.title}</Text>
          <StateTag caseType="competition" state={c.state} label={c.stateLabel} />
        </View>
        <Text className="muted">
          {c.kindLabel} · {c.organizerName} · 报名截止 {c.registrationClosesOn} · {c.startsOn} 至 {c.endsOn}
        </Text>
        {c.description ? <Text className="paragraph">{c.description}</Text> : null}
      </View>

      {mine.map((e) => (
        <View
          key={e.id}
          className="card card--highlight"
          onClick={() => void Taro.navigateTo({ url: route('/pages/contest/entry/index', { id: e.id }) })}
          data-testid={`my-entry-${e.id}`}
        >
          <Text className="card__title">我已报名：{e.eventName}</Text>
          <Text className="muted">{e.status === 'checked_in' ? '已签到' : '点这里出示签到码'}</Text>
        </View>
      ))}

      {c.events.map((e) => (
        <View key={e.id} className="card">
          <Text className="card__title">
            {e.name}（{ENTRY_KIND_LABEL[e.entryKind]}）
          </Text>
          <Text className="muted">
            {scoringText(e)}；名次相同时{TIE_BREAK_LABEL[e.tieBreak]}。已报 {e.entryCount}
            {e.maxEntries ? ` / ${e.maxEntries}` : ''}。
          </Text>
          {e.awards.map((a) => (
            <Text key={a.title} className="paragraph">
              {a.title}：第 {a.fromRank}
              {a.toRank > a.fromRank ? `–${a.toRank}` : ''} 名{a.prize ? `，${a.prize}` : ''}
            </Text>
          ))}
        </View>
      ))}

      {c.registrationOpen ? (
        <View className="card" data-testid="register-form">
          <Text className="card__title">报名</Text>
          {c.events.map((e) => (
            <Choice
              key={e.id}
              title={e.name}
              desc={`${ENTRY_KIND_LABEL[e.entryKind]}项目${e.maxEntries && e.entryCount >= e.maxEntries ? '（已报满）' : ''}`}
              selected={eventId === e.id}
              onSelect={() => setEventId(e.id)}
              testId={`register-event-${e.id}`}
            />
          ))}
          {chosen && chosen.entryKind !== 'individual' ? (
            <>
              <Field label="队名" value={teamName} onChange={setTeamName} testId="register-team" />
              <Field label="队员姓名（含自己，用逗号隔开）" value={members} onChange={setMembers} testId="register-members" />
            </>
          ) : null}
          {problem ? (
            <Text className="field__error" data-testid="register-error">
              {problem}
            </Text>
          ) : null}
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            loading={busy}
            onClick={() => void register()}
            data-testid="register-submit"
          >
            报名
          </Button>
        </View>
      ) : null}

      {results ? (
        <View className="card" data-testid="results">
          <Text className="card__title">{isTerminalState('competition', c.state) ? '比赛结果' : '成绩公示'}</Text>
          {stateAllows('competition', c.state, 'objections') && c.noticeEndsAt ? (
            <Text className="muted">公示至 {formatDateTime(c.noticeEndsAt)}，对结果有异议可以在下方提出。</Text>
          ) : null}
          {results.events.map((ev) => (
            <View key={ev.eventId}>
              <Text className="section-title">{ev.eventName}</Text>
              {ev.lines.map((l) => (
                <View
                  key={l.entryId}
                  className={`list-row${myEntryIds.has(l.entryId) ? ' list-row--mine' : ''}`}
                  data-testid={`result-${l.entryId}`}
                  data-mine={myEntryIds.has(l.entryId)}
                >
                  <Text>
                    {l.rank ? `第 ${l.rank} 名` : '—'} · {l.entrantName}
                    {myEntryIds.has(l.entryId) ? '（我）' : ''}
                  </Text>
                  <Text className={l.revokedReason ? 'field__error' : 'muted'}>
                    {l.revokedReason
                      ? `已撤销：${l.revokedReason}`
                      : `${l.score ?? ''}${ev.unit ?? ' 分'} ${l.awards.map((a) => a.title).join('、')}`}
                  </Text>
                </View>
              ))}
            </View>
          ))}
        </View>
      ) : null}

      {stateAllows('competition', c.state, 'objections') ? (
        <View className="card" data-testid="objection-form">
          <Text className="field__label">对公示结果有异议</Text>
          <Textarea
            className="field__textarea"
            value={objection}
            maxlength={500}
            onInput={(e) => setObjection(e.detail.value)}
            data-testid="objection-text"
          />
          <Button block size="large" className="big-button" onClick={() => void sendObjection()} data-testid="objection-submit">
            提出异议
          </Button>
        </View>
      ) : null}
    </View>
  );
}
