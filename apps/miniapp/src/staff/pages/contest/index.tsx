import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { type CompetitionAction, type CompetitionView, stateAllows } from '@union/shared';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { StateTag } from '../../../components/StateTag';
import { Timeline } from '../../../components/Timeline';
import { LoadMore } from '../../../components/LoadMore';
import { useLoader } from '../../../hooks/useLoader';
import { usePaged } from '../../../hooks/usePaged';
import { casesApi } from '../../../services/api/cases';
import { competitionsApi } from '../../../services/api/contest';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { numberParam, route } from '../../../utils/nav';
import { formatDateTime } from '../../../utils/format';

/**
 * The organiser's page of a competition: the steps the server allows now, judges per event,
 * entries and check-in, the computed results with exclusions, objections, and revocation.
 */
export default function ContestManage() {
  const id = numberParam(useRouter().params.id);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState('');
  const [picking, setPicking] = useState<number | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [answer, setAnswer] = useState('');
  const [revoking, setRevoking] = useState<number | null>(null);
  const [revokeReason, setRevokeReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { data, error, reload } = useLoader(async () => {
    if (!id) throw new Error('链接不完整');
    const c = await competitionsApi.get(id);
    const [judges, results, objections] = await Promise.all([
      competitionsApi.judges(),
      stateAllows('competition', c.state, 'results') ? competitionsApi.results(id) : Promise.resolve(null),
      stateAllows('competition', c.state, 'public_results') ? competitionsApi.objections(id) : Promise.resolve([]),
    ]);
    return { c, judges, results, objections };
  });
  // Entries come a page at a time (a county contest can have thousands).
  const entries = usePaged((after) => competitionsApi.entries(id ?? 0, { after }), !!id);
  if (!data || !id) return <PageStatus error={error} />;
  const { c, judges, results, objections } = data;

  const act = async (work: () => Promise<unknown>, done = '已办理') => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      toast(done);
      await Promise.all([reload(), entries.reload()]);
    } catch (e) {
      setProblem(errorMessage(e));
      await showError(e);
    } finally {
      setBusy(false);
    }
  };
  const run = (input: ActionInput) =>
    act(() => casesApi.transition(c.caseId, { ...input, action: input.action as CompetitionAction, version: c.version }));
  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true });
      await act(() => competitionsApi.checkIn(id, res.result), '签到成功');
    } catch {
      toast('这里不能扫码，请输入签到码');
    }
  };

  return (
    <View className="page" data-testid="contest-manage">
      <View className="card">
        <View className="row">
          <Text className="card__title">{c.title}</Text>
          <StateTag caseType="competition" state={c.state} label={c.stateLabel} />
        </View>
        <Text className="muted">
          报名截止 {c.registrationClosesOn} · {c.startsOn} 至 {c.endsOn}
          {c.noticeEndsAt ? ` · 公示至 ${formatDateTime(c.noticeEndsAt)}` : ''}
          {c.openObjections ? ` · ${c.openObjections} 条异议待处理` : ''}
        </Text>
      </View>
      {problem ? <Text className="field__error">{problem}</Text> : null}
      {c.state === 'draft' && c.actions.length ? (
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => void Taro.navigateTo({ url: route('/staff/pages/contests/index', { edit: c.id }) })}
          data-testid="contest-edit"
        >
          修改比赛设置
        </Button>
      ) : null}
      <ActionPanel actions={c.actions} busy={busy} onRun={run} commentHint="请写明原因" />

      {c.events.map((e) => (
        <View key={e.id} className="card" data-testid={`manage-event-${e.id}`}>
          <Text className="card__title">
            {e.name}（{e.entryCount} 人/队）
          </Text>
          <Text className="muted">评委：{e.judges.map((j) => j.name).join('、') || '未指定'}</Text>
          {picking === e.id ? (
            <>
              {judges.map((j) => (
                <Choice
                  key={j.userId}
                  title={j.name}
                  selected={picked.includes(j.userId)}
                  onSelect={() => setPicked(picked.includes(j.userId) ? picked.filter((x) => x !== j.userId) : [...picked, j.userId])}
                  testId={`pick-judge-${j.userId}`}
                />
              ))}
              <Button
                block
                size="large"
                type="primary"
                className="big-button"
                onClick={() => void act(() => competitionsApi.setJudges(id, e.id, picked), '评委已保存').then(() => setPicking(null))}
                data-testid="judges-save"
              >
                保存评委
              </Button>
            </>
          ) : stateAllows('competition', c.state, 'judge_changes') ? (
            <Button
              block
              size="large"
              className="big-button"
              onClick={() => (setPicking(e.id), setPicked(e.judges.map((j) => j.userId)))}
              data-testid={`judges-edit-${e.id}`}
            >
              指定评委
            </Button>
          ) : null}
        </View>
      ))}

      {stateAllows('competition', c.state, 'check_in') ? (
        <View className="card" data-testid="checkin-card">
          <Text className="card__title">现场签到</Text>
          <Button block size="large" type="primary" className="big-button" onClick={() => void scan()} data-testid="checkin-scan">
            扫参赛者的签到码
          </Button>
          <Field label="或输入签到码" value={code} onChange={setCode} testId="checkin-code" />
          <Button
            block
            size="large"
            className="big-button"
            onClick={() => void act(() => competitionsApi.checkIn(id, code.trim()), '签到成功')}
            data-testid="checkin-submit"
          >
            签到
          </Button>
        </View>
      ) : null}

      {stateAllows('competition', c.state, 'scoring')
        ? c.events
            .filter((e) => e.scoring.kind === 'direct')
            .map((e) => <DirectResults key={e.id} competition={c} event={e} busy={busy} act={act} />)
        : null}

      <View className="card" data-testid="entries-card">
        <Text className="card__title">报名（{c.events.reduce((n, e) => n + e.entryCount, 0)}）</Text>
        {entries.items.map((e) => (
          <View key={e.id} className="list-row">
            <Text>
              {e.eventName} · {e.entrantName} · {e.employerName}
            </Text>
            <Text className="muted">{e.status === 'checked_in' ? '已签到' : e.status === 'withdrawn' ? '已退出' : '已报名'}</Text>
          </View>
        ))}
        <LoadMore list={entries} testId="entries-more" />
      </View>

      {results ? (
        <View className="card" data-testid="manage-results">
          <Text className="card__title">成绩和名次</Text>
          {results.events.map((ev) => (
            <View key={ev.eventId}>
              <Text className="section-title">{ev.eventName}</Text>
              {ev.lines.map((l) => (
                <View key={l.entryId} className="clock" data-testid={`manage-line-${l.entryId}`}>
                  <Text>
                    {l.rank ? `第 ${l.rank} 名` : '不排名'} · {l.entrantName} · {l.score ?? '—'} {l.awards.map((a) => a.title).join('、')}
                  </Text>
                  {l.excludedReason ? <Text className="field__error">不参加评奖：{l.excludedReason}</Text> : null}
                  {l.revokedReason ? <Text className="field__error">已撤销：{l.revokedReason}</Text> : null}
                  {c.state === 'published' && !l.revokedReason && l.awards.length ? (
                    revoking === l.entryId ? (
                      <>
                        <Field
                          label="撤销原因（会公开显示）"
                          value={revokeReason}
                          onChange={setRevokeReason}
                          testId={`revoke-reason-${l.entryId}`}
                        />
                        <Button
                          block
                          size="large"
                          className="big-button"
                          onClick={() =>
                            void act(() => competitionsApi.revoke(l.entryId, revokeReason.trim()), '已撤销').then(() => setRevoking(null))
                          }
                          data-testid={`revoke-submit-${l.entryId}`}
                        >
                          确定撤销
                        </Button>
                      </>
                    ) : (
                      <Text
                        className="link-danger"
                        onClick={() => (setRevoking(l.entryId), setRevokeReason(''))}
                        data-testid={`revoke-${l.entryId}`}
                      >
                        撤销获奖
                      </Text>
                    )
                  ) : null}
                </View>
              ))}
            </View>
          ))}
        </View>
      ) : null}

      {objections.length ? (
        <View className="card" data-testid="manage-objections">
          <Text className="card__title">公示异议</Text>
          {objections.map((o) => (
            <View key={o.id} className="clock">
              <Text>{o.content}</Text>
              {o.resolution ? (
                <Text className="muted">处理：{o.resolution}</Text>
              ) : (
                <>
                  <Field label="处理结果" value={answer} onChange={setAnswer} testId={`objection-answer-${o.id}`} />
                  <Button
                    block
                    size="large"
                    className="big-button"
                    onClick={() => void act(() => competitionsApi.resolveObjection(id, o.id, answer.trim()), '已处理')}
                    data-testid={`objection-resolve-${o.id}`}
                  >
                    处理完毕
                  </Button>
                </>
              )}
            </View>
          ))}
        </View>
      ) : null}

      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={c.history} />
      </View>
    </View>
  );
}

/** Results entered directly for one event (timed or measured), its entries a page at a time. */
function DirectResults({
  competition: c,
  event: e,
  busy,
  act,
}: {
  competition: CompetitionView;
  event: CompetitionView['events'][number];
  busy: boolean;
  act: (work: () => Promise<unknown>, done?: string) => Promise<void>;
}) {
  const [values, setValues] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');
  const entries = usePaged((after) => competitionsApi.entries(c.id, { eventId: e.id, after }));
  return (
    <View className="card" data-testid={`direct-results-${e.id}`}>
      <Text className="card__title">录入成绩：{e.name}</Text>
      <Text className="muted">单位：{e.scoring.kind === 'direct' ? e.scoring.unit : ''}（整数；改成绩要写原因，会留痕）</Text>
      {entries.items
        .filter((x) => x.status !== 'withdrawn')
        .map((x) => (
          <View key={x.id}>
            <Field
              label={x.entrantName}
              value={values[x.id] ?? ''}
              onChange={(v) => setValues({ ...values, [x.id]: v })}
              type="number"
              testId={`direct-value-${x.id}`}
            />
            <Button
              block
              size="large"
              className="big-button"
              disabled={busy}
              onClick={() =>
                void act(
                  () => competitionsApi.directResult(c.id, e.id, x.id, Number(values[x.id]), reason.trim() || undefined),
                  '成绩已录入',
                )
              }
              data-testid={`direct-save-${x.id}`}
            >
              保存
            </Button>
          </View>
        ))}
      <LoadMore list={entries} testId={`direct-more-${e.id}`} />
      <Field label="改成绩的原因（第一次录入不用填）" value={reason} onChange={setReason} testId="direct-reason" />
    </View>
  );
}
