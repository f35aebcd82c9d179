import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { checkAgainst, createProposalBody, type UploadView } from '@union/shared';
import { EvidenceList } from '../../../components/EvidenceList';
import { Field } from '../../../components/Field';
import { UploadBox } from '../../../components/UploadBox';
import { PageStatus } from '../../../components/PageStatus';
import { StateTag } from '../../../components/StateTag';
import { Timeline } from '../../../components/Timeline';
import { useLoader } from '../../../hooks/useLoader';
import { casesApi } from '../../../services/api/cases';
import { proposalsApi } from '../../../services/api/contest';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { deadlineText } from '../../../utils/format';
import { yuan } from '../../../utils/money';
import { numberParam, route } from '../../../utils/nav';

function NewProposal() {
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState('');
  const [suggestion, setSuggestion] = useState('');
  const [benefit, setBenefit] = useState('');
  const [attachments, setAttachments] = useState<UploadView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    // The request's own schema: its messages (the server's too) are the ones shown.
    const checked = checkAgainst(createProposalBody, {
      title: title.trim(),
      problem: problem.trim(),
      suggestion: suggestion.trim(),
      expectedBenefit: benefit.trim(),
    });
    if (!checked.ok) return setError(Object.values(checked.problems)[0] ?? null);
    setBusy(true);
    setError(null);
    try {
      const created = await proposalsApi.submit(checked.value);
      await Taro.redirectTo({ url: route('/pages/contest/proposal/index', { id: created.id }) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="page" data-testid="proposal-form">
      <View className="card">
        <Field label="标题" value={title} onChange={setTitle} placeholder="例如：钢筋下料改用套裁表" testId="proposal-title" />
        <Text className="field__label">现在有什么问题</Text>
        <Textarea
          className="field__textarea"
          value={problem}
          maxlength={2000}
          onInput={(e) => setProblem(e.detail.value)}
          data-testid="proposal-problem"
        />
        <Text className="field__label">建议怎么做</Text>
        <Textarea
          className="field__textarea"
          value={suggestion}
          maxlength={2000}
          onInput={(e) => setSuggestion(e.detail.value)}
          data-testid="proposal-suggestion"
        />
        <Field label="预计好处" value={benefit} onChange={setBenefit} placeholder="例如：每月少损耗钢材约 2 吨" testId="proposal-benefit" />
        <UploadBox
          purpose="other"
          label="附件（图纸、照片，可不传）"
          uploads={attachments}
          onAdd={(u) => setAttachments((l) => [...l, u])}
          onRemove={(id) => setAttachments((l) => l.filter((u) => u.id !== id))}
          testId="proposal-attachments"
        />
        {error ? <Text className="field__error">{error}</Text> : null}
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          loading={busy}
          onClick={() => void submit()}
          data-testid="proposal-submit"
        >
          提交给我的工会
        </Button>
      </View>
    </View>
  );
}

/** A proposal: new (no id), or its progress for the author, with every step and the result. */
export default function ProposalPage() {
  const id = numberParam(useRouter().params.id);
  const [busy, setBusy] = useState(false);
  const { data, error, reload } = useLoader(async () => (id ? proposalsApi.get(id) : null));
  if (!id) return <NewProposal />;
  if (!data) return <PageStatus error={error} />;
  const run = async (input: ActionInput) => {
    setBusy(true);
    try {
      await casesApi.transition(data.caseId, { ...input, version: data.version } as never);
      toast('已办理');
      await reload();
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="page" data-testid="proposal-page">
      <View className="card">
        <View className="row">
          <Text className="card__title">{data.title}</Text>
          <StateTag caseType="proposal" state={data.state} label={data.stateLabel} />
        </View>
        <Text className="paragraph" data-testid="proposal-next">
          {data.nextStep}
          {data.deadline ? `（${deadlineText(data.deadline)}）` : ''}
        </Text>
        <Text className="muted">
          {data.registeredNo ? `编号 ${data.registeredNo} · ` : ''}
          {data.organizationName}
        </Text>
      </View>
      <View className="card">
        <Text className="muted">问题</Text>
        <Text className="paragraph">{data.problem}</Text>
        <Text className="muted">建议</Text>
        <Text className="paragraph">{data.suggestion}</Text>
        <Text className="muted">预计好处：{data.expectedBenefit}</Text>
        {data.attachments.length ? <EvidenceList uploads={data.attachments} testId="proposal-attachments-list" /> : null}
      </View>
      {data.decisionReason ? (
        <View className="card">
          <Text className="card__title">未采纳的原因</Text>
          <Text className="paragraph">{data.decisionReason}</Text>
        </View>
      ) : null}
      {data.gradeLabel ? (
        <View className="card card--highlight" data-testid="proposal-grade">
          <Text className="card__title">评为{data.gradeLabel}</Text>
          <Text className="paragraph">评估效益 {yuan(data.benefitFen ?? 0)}</Text>
          {data.implementedOn ? (
            <Text className="muted">
              {data.implementedOn} 实施：{data.implementationNote}
            </Text>
          ) : null}
        </View>
      ) : null}
      <ActionPanel actions={data.actions.filter((a) => !a.form)} busy={busy} onRun={run} />
      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={data.history} />
      </View>
    </View>
  );
}
