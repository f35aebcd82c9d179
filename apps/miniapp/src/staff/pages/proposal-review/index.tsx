import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  PROPOSAL_GRADE_LABEL,
  checkAgainst,
  decideBody,
  evaluateBody,
  implementBody,
  opinionBody,
  registerProposalBody,
  type ActionView,
  type ProposalGrade,
} from '@union/shared';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { Choice } from '../../../components/Choice';
import { EvidenceList } from '../../../components/EvidenceList';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { StateTag } from '../../../components/StateTag';
import { Timeline } from '../../../components/Timeline';
import { useLoader } from '../../../hooks/useLoader';
import { casesApi } from '../../../services/api/cases';
import { proposalsApi } from '../../../services/api/contest';
import { errorMessage, toast } from '../../../utils/feedback';

import { amountProblem, yuan, yuanToFen } from '../../../utils/money';
import { numberParam } from '../../../utils/nav';
import { chinaToday } from '../../../utils/format';
import { DateField } from '../../../components/DateField';

const GRADES = Object.keys(PROPOSAL_GRADE_LABEL) as ProposalGrade[];

/** The first problem of a check against a request's schema (the words the server uses too). */
const firstProblem = (problems: Record<string, string>): string | null => Object.values(problems)[0] ?? null;

/** A proposal for the union's staff (register, decide, implement, evaluate, publish) and its experts (opinion). */
export default function ProposalReview() {
  const id = numberParam(useRouter().params.id);
  const [form, setForm] = useState<string | null>(null);
  const [experts, setExperts] = useState<{ userId: number; name: string }[]>([]);
  const [picked, setPicked] = useState<number[]>([]);
  const [text, setText] = useState('');
  const [recommend, setRecommend] = useState<'adopt' | 'reject'>('adopt');
  const [day, setDay] = useState(chinaToday());
  const [benefit, setBenefit] = useState('');
  const [grade, setGrade] = useState<ProposalGrade | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data, error, reload } = useLoader(async () => {
    if (!id) throw new Error('链接不完整');
    return proposalsApi.get(id);
  });
  if (!data || !id) return <PageStatus error={error} />;

  const send = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      setForm(null);
      setText('');
      toast('已办理');
      await reload();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const open = async (a: ActionView) => {
    setForm(a.action);
    setProblem(null);
    if (a.form === 'proposal_register') setExperts(await proposalsApi.experts());
  };
  const submit = () => {
    switch (form) {
      case 'register': {
        const checked = checkAgainst(registerProposalBody, { version: data.version, expertUserIds: picked });
        if (!checked.ok) return setProblem(firstProblem(checked.problems));
        return void send(() => proposalsApi.register(id, checked.value.version, checked.value.expertUserIds));
      }
      case 'adopt':
        return void send(() => proposalsApi.decide(id, data.version, true));
      case 'reject': {
        const checked = checkAgainst(decideBody, { version: data.version, adopt: false, reason: text.trim() });
        if (!checked.ok) return setProblem(firstProblem(checked.problems));
        return void send(() => proposalsApi.decide(id, checked.value.version, false, checked.value.reason));
      }
      case 'implement': {
        const checked = checkAgainst(implementBody, { version: data.version, implementedOn: day, note: text.trim() });
        if (!checked.ok) return setProblem(firstProblem(checked.problems));
        return void send(() => proposalsApi.implement(id, checked.value.version, checked.value.implementedOn, checked.value.note));
      }
      case 'evaluate': {
        // The amount is typed in yuan: read as an amount first, then the request's schema.
        const p = amountProblem(benefit, '效益');
        if (p) return setProblem(p);
        const checked = checkAgainst(evaluateBody, {
          version: data.version,
          benefitFen: yuanToFen(benefit) ?? 0,
          grade: grade ?? undefined,
        });
        if (!checked.ok) return setProblem(firstProblem(checked.problems));
        return void send(() => proposalsApi.evaluate(id, checked.value.version, checked.value.benefitFen, checked.value.grade));
      }
      case 'opinion': {
        const checked = checkAgainst(opinionBody, { recommend, opinion: text.trim() });
        if (!checked.ok) return setProblem(firstProblem(checked.problems));
        return void send(() => proposalsApi.opinion(id, checked.value.recommend, checked.value.opinion));
      }
    }
  };
  const run = (input: ActionInput) => send(() => casesApi.transition(data.caseId, { ...input, version: data.version } as never));

  return (
    <View className="page" data-testid="proposal-review">
      <View className="card">
        <View className="row">
          <Text className="card__title">{data.title}</Text>
          <StateTag caseType="proposal" state={data.state} label={data.stateLabel} />
        </View>
        <Text className="muted">
          {data.registeredNo ?? '未登记'} · {data.submitterName} · {data.organizationName}
        </Text>
        <Text className="muted">问题</Text>
        <Text className="paragraph">{data.problem}</Text>
        <Text className="muted">建议</Text>
        <Text className="paragraph">{data.suggestion}</Text>
        <Text className="muted">预计好处：{data.expectedBenefit}</Text>
        {data.attachments.length ? <EvidenceList uploads={data.attachments} testId="proposal-attachments-list" /> : null}
      </View>
      {data.opinions.length ? (
        <View className="card" data-testid="proposal-opinions">
          <Text className="card__title">专家意见</Text>
          {data.opinions.map((o) => (
            <Text key={o.expertName} className="paragraph">
              {o.expertName}（{o.recommend === 'adopt' ? '建议采纳' : '建议不采纳'}）：{o.opinion}
            </Text>
          ))}
        </View>
      ) : null}
      {data.gradeLabel ? (
        <View className="card">
          <Text className="paragraph">
            {data.gradeLabel} · 效益 {yuan(data.benefitFen ?? 0)}
          </Text>
        </View>
      ) : null}
      {form ? (
        <View className="card" data-testid={`proposal-form-${form}`}>
          {form === 'register'
            ? experts.map((e) => (
                <Choice
                  key={e.userId}
                  title={e.name}
                  selected={picked.includes(e.userId)}
                  onSelect={() => setPicked(picked.includes(e.userId) ? picked.filter((x) => x !== e.userId) : [...picked, e.userId])}
                  testId={`proposal-expert-${e.userId}`}
                />
              ))
            : null}
          {form === 'opinion' ? (
            <>
              <Choice title="建议采纳" selected={recommend === 'adopt'} onSelect={() => setRecommend('adopt')} testId="opinion-adopt" />
              <Choice
                title="建议不采纳"
                selected={recommend === 'reject'}
                onSelect={() => setRecommend('reject')}
                testId="opinion-reject"
              />
            </>
          ) : null}
          {form === 'implement' ? <DateField label="实施日期" value={day} onChange={setDay} testId="proposal-implemented-on" /> : null}
          {form === 'evaluate' ? (
            <>
              <Field label="评估效益（元）" value={benefit} onChange={setBenefit} type="digit" testId="proposal-benefit-input" />
              {GRADES.map((g) => (
                <Choice
                  key={g}
                  title={PROPOSAL_GRADE_LABEL[g]}
                  selected={grade === g}
                  onSelect={() => setGrade(g)}
                  testId={`proposal-grade-${g}`}
                />
              ))}
            </>
          ) : null}
          {['reject', 'implement', 'opinion'].includes(form) ? (
            <Textarea
              className="field__textarea"
              value={text}
              maxlength={1000}
              onInput={(e) => setText(e.detail.value)}
              data-testid="proposal-form-text"
            />
          ) : null}
          {problem ? <Text className="field__error">{problem}</Text> : null}
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            loading={busy}
            onClick={submit}
            data-testid="proposal-form-submit"
          >
            确定
          </Button>
          <Button block size="large" className="big-button" onClick={() => setForm(null)}>
            取消
          </Button>
        </View>
      ) : (
        <>
          {data.awaitingMyOpinion ? (
            <Button
              block
              size="large"
              type="primary"
              className="big-button"
              onClick={() => setForm('opinion')}
              data-testid="proposal-give-opinion"
            >
              写评审意见
            </Button>
          ) : null}
          <ActionPanel actions={data.actions} busy={busy} onRun={run} onForm={(a) => void open(a)} />
        </>
      )}
      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={data.history} />
      </View>
    </View>
  );
}
