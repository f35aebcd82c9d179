import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkAgainst, scoreBody } from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import { useLoader } from '../../../hooks/useLoader';
import { competitionsApi } from '../../../services/api/contest';
import { errorMessage, toast } from '../../../utils/feedback';

/**
 * The judge's phone: competitions they judge; per event, each entry with only their own score; the
 * other judges' scores appear for an entry only after this judge scored it. A conflict is declared
 * before scoring; changing a score needs a reason.
 */
export default function Judging() {
  const [selected, setSelected] = useState<{ competitionId: number; eventId: number } | null>(null);
  const selectedRef = useRef<{ competitionId: number; eventId: number } | null>(null);
  const [points, setPoints] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const competitions = usePaged((after) => competitionsApi.list('judging', after));
  const sheet = useLoader(async () => {
    const current = selectedRef.current;
    return current ? competitionsApi.sheet(current.competitionId, current.eventId) : null;
  });
  if (!competitions.loaded || (competitions.error && !competitions.items.length)) return <PageStatus error={competitions.error} />;

  const choose = (competitionId: number, eventId: number) => {
    setSelected({ competitionId, eventId });
    selectedRef.current = { competitionId, eventId };
    setProblem(null);
    void sheet.reload();
  };
  const score = async (entryId: number, current: number | null) => {
    if (!selected) return;
    // Typed in points (95.5), sent in hundredths (9550): the request's schema says what is allowed.
    const checked = checkAgainst(scoreBody.pick({ points: true }), { points: Math.round(Number(points[entryId]) * 100) });
    if (!checked.ok || checked.value.points === undefined) return setProblem(checked.ok ? null : (checked.problems.points ?? null));
    try {
      await competitionsApi.score(
        selected.competitionId,
        selected.eventId,
        entryId,
        checked.value.points,
        current !== null ? reason.trim() || undefined : undefined,
      );
      toast('已打分');
      setProblem(null);
      await sheet.reload();
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  const conflict = async (entryId: number) => {
    if (!selected) return;
    try {
      await competitionsApi.conflict(selected.competitionId, selected.eventId, entryId, '与参赛者有利害关系，申请回避');
      await sheet.reload();
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };

  return (
    <View className="page" data-testid="judging-page">
      <View className="card">
        <Text className="card__title">我评的比赛</Text>
        {competitions.items.length === 0 ? <Text className="muted">现在没有要打分的比赛。</Text> : null}
        {competitions.items.flatMap((c) =>
          c.events.map((e) => (
            <Choice
              key={`${c.id}-${e.id}`}
              title={`${c.title} · ${e.name}`}
              desc={c.stateLabel}
              selected={selected?.eventId === e.id}
              onSelect={() => choose(c.id, e.id)}
              testId={`judging-event-${e.id}`}
            />
          )),
        )}
        <LoadMore list={competitions} testId="judging-more" />
      </View>
      {selected && sheet.data ? (
        <View className="card" data-testid="judging-sheet">
          <Text className="muted">其他评委的分数在您打完这位选手后才显示。</Text>
          {problem ? (
            <Text className="field__error" data-testid="judging-error">
              {problem}
            </Text>
          ) : null}
          {sheet.data.map((s) => (
            <View key={s.entryId} className="clock" data-testid={`judging-entry-${s.entryId}`}>
              <Text className="card__title">{s.entrantName}</Text>
              {s.conflict ? (
                <Text className="muted">已申请回避，不打分</Text>
              ) : (
                <>
                  <Text className="muted" data-testid={`judging-mine-${s.entryId}`}>
                    {s.myPoints !== null ? `我的分数 ${(s.myPoints / 100).toFixed(2)}` : '还没打分'} · 已有 {s.scoredBy} 位评委打分
                    {s.othersPoints ? `（其他评委：${s.othersPoints.map((p) => (p / 100).toFixed(2)).join('、') || '无'}）` : ''}
                  </Text>
                  <Field
                    label="分数（0–100）"
                    value={points[s.entryId] ?? ''}
                    onChange={(v) => setPoints({ ...points, [s.entryId]: v })}
                    type="digit"
                    testId={`judging-points-${s.entryId}`}
                  />
                  {s.myPoints !== null ? (
                    <Field label="改分原因" value={reason} onChange={setReason} testId={`judging-reason-${s.entryId}`} />
                  ) : null}
                  <Button
                    block
                    size="large"
                    type="primary"
                    className="big-button"
                    onClick={() => void score(s.entryId, s.myPoints)}
                    data-testid={`judging-submit-${s.entryId}`}
                  >
                    {s.myPoints !== null ? '改分' : '提交分数'}
                  </Button>
                  {s.myPoints === null ? (
                    <Button
                      block
                      size="large"
                      className="big-button"
                      onClick={() => void conflict(s.entryId)}
                      data-testid={`judging-conflict-${s.entryId}`}
                    >
                      与其有利害关系，申请回避
                    </Button>
                  ) : null}
                </>
              )}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
