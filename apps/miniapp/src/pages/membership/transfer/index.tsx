import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { MembershipTransferAction, OrganizationView } from '@union/shared';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { Field } from '../../../components/Field';
import { OrgPicker } from '../../../components/OrgPicker';
import { StateTag } from '../../../components/StateTag';
import { Timeline } from '../../../components/Timeline';
import { useLoader } from '../../../hooks/useLoader';
import { casesApi } from '../../../services/api/cases';
import { transfersApi } from '../../../services/api/membership';
import { showError, toast } from '../../../utils/feedback';
import { deadlineText, formatDate } from '../../../utils/format';
import { numberParam, route } from '../../../utils/nav';
import { PageStatus } from '../../../components/PageStatus';

/** Without `id`: ask for a transfer. With `id`: follow it. */
export default function Transfer() {
  const id = numberParam(useRouter().params.id);
  return id ? <TransferDetail id={id} /> : <TransferForm />;
}

function TransferForm() {
  const [target, setTarget] = useState<OrganizationView | null>(null);
  const [employer, setEmployer] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!target) return setProblem('请先找到并选择新的工会');
    if (!employer.trim()) return setProblem('请填写新的工作单位');
    setProblem(null);
    setBusy(true);
    try {
      const created = await transfersApi.create({
        toOrganizationId: target.id,
        newEmployerName: employer.trim(),
        reason: reason.trim() || undefined,
      });
      toast('已提交');
      await Taro.redirectTo({ url: route('/pages/membership/transfer/index', { id: created.id }) });
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
    return undefined;
  };

  return (
    <View className="page">
      <View className="card">
        <Text className="card__title">转到哪个工会</Text>
        <Text className="muted">输入新单位或所在乡镇的工会名称，点选一个。</Text>
        <OrgPicker selectedId={target?.id ?? null} onSelect={setTarget} testId="transfer-org-search" />
        {target ? <Text className="paragraph">已选：{target.name}</Text> : null}
      </View>
      <View className="card">
        <Field label="新的工作单位" value={employer} onChange={setEmployer} placeholder="单位全称" testId="transfer-employer" />
        <Text className="field__label">原因（可以不写）</Text>
        <Textarea className="field__textarea" value={reason} maxlength={200} onInput={(e) => setReason(e.detail.value)} />
      </View>
      {problem ? <Text className="field__error">{problem}</Text> : null}
      <Text className="next-step">提交后，新的工会会审核，同意后您的会籍自动转过去，会员号不变。</Text>
      <Button
        block
        size="large"
        type="primary"
        className="big-button"
        disabled={busy}
        onClick={() => void submit()}
        data-testid="transfer-submit"
      >
        提交接转申请
      </Button>
    </View>
  );
}

function TransferDetail({ id }: { id: number }) {
  const [busy, setBusy] = useState(false);
  const { data, error, reload } = useLoader(async () => {
    const transfer = await transfersApi.get(id);
    return { transfer, actions: transfer.actions };
  });

  const run = async (input: ActionInput) => {
    if (!data) return;
    setBusy(true);
    try {
      await casesApi.transition(data.transfer.caseId, {
        ...input,
        action: input.action as MembershipTransferAction,
        version: data.transfer.version,
      });
      toast('已办理');
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
      await reload();
    }
  };

  if (error || !data) return <PageStatus error={error} />;
  const { transfer, actions } = data;
  return (
    <View className="page">
      <View className="card">
        <StateTag caseType="membership_transfer" state={transfer.state} label={transfer.stateLabel} />
        <Text className="next-step">{transfer.nextStep}</Text>
        {transfer.deadline ? (
          <Text className={transfer.deadline.overdue ? 'danger-text' : 'paragraph'}>
            {deadlineText(transfer.deadline)}（{formatDate(transfer.deadline.dueAt)}）
          </Text>
        ) : null}
        <View className="row">
          <Text className="row__label">从</Text>
          <Text className="row__value">{transfer.fromOrganization.name}</Text>
        </View>
        <View className="row">
          <Text className="row__label">转到</Text>
          <Text className="row__value">{transfer.toOrganization.name}</Text>
        </View>
        <View className="row">
          <Text className="row__label">新单位</Text>
          <Text className="row__value">{transfer.newEmployerName}</Text>
        </View>
      </View>
      <ActionPanel actions={actions} busy={busy} onRun={run} />
      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={transfer.history} />
      </View>
    </View>
  );
}
