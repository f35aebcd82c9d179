import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  EMPLOYMENT_TYPE_LABEL,
  firstProblem,
  revealReason,
  type ActionView,
  type HistoryEntryView,
  type MembershipApplicationAction,
  type MembershipApplicationView,
  type MembershipTransferAction,
  type MembershipTransferView,
  type RevealableField,
} from '@union/shared';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { StateTag } from '../../../components/StateTag';
import { Timeline } from '../../../components/Timeline';
import { useLoader } from '../../../hooks/useLoader';
import { casesApi } from '../../../services/api/cases';
import { applicationsApi, transfersApi } from '../../../services/api/membership';
import { piiApi } from '../../../services/api/pii';
import { isApiError } from '../../../services/request';
import { showError, toast } from '../../../utils/feedback';
import { deadlineText, formatDate, formatDateTime } from '../../../utils/format';
import { numberParam } from '../../../utils/nav';
import { PageStatus } from '../../../components/PageStatus';
import { staffNextStep } from '../../../utils/staff-text';

type Loaded =
  | { type: 'membership_application'; record: MembershipApplicationView; actions: ActionView[] }
  | { type: 'membership_transfer'; record: MembershipTransferView; actions: ActionView[] };

async function loadCase(type: string | undefined, id: number | null): Promise<Loaded> {
  if (!id) throw new Error('链接不完整，请从工作台打开');
  if (type === 'membership_transfer') {
    const record = await transfersApi.get(id);
    return { type, record, actions: record.actions };
  }
  const record = await applicationsApi.get(id);
  return { type: 'membership_application', record, actions: record.actions };
}

/** One staff case: details (masked), an audited reveal, history and exactly the allowed buttons. */
export default function CasePage() {
  const params = useRouter().params;
  const id = numberParam(params.id);
  const [busy, setBusy] = useState(false);
  const { data, error, reload } = useLoader(() => loadCase(params.type, id));

  const run = async (input: ActionInput) => {
    if (!data || !id) return;
    setBusy(true);
    try {
      if (data.type === 'membership_application') {
        await casesApi.transition(data.record.caseId, {
          ...input,
          action: input.action as MembershipApplicationAction,
          version: data.record.version,
        });
      } else {
        await casesApi.transition(data.record.caseId, {
          ...input,
          action: input.action as MembershipTransferAction,
          version: data.record.version,
        });
      }
      toast('已办理');
    } catch (e) {
      // On state_conflict someone else acted first: say so, then show the case as it is now.
      await showError(e);
      if (!isApiError(e, 'state_conflict') && !isApiError(e, 'action_not_allowed')) return;
    } finally {
      setBusy(false);
      await reload();
    }
  };

  if (error || !data) return <PageStatus error={error} />;

  const { record } = data;
  const history: HistoryEntryView[] = record.history;
  return (
    <View className="page" data-testid="case-page">
      <View className="card">
        <StateTag caseType={data.type} state={record.state} label={record.stateLabel} />
        <Text className="next-step">{staffNextStep(data.type, record.state, data.actions, record.stateLabel)}</Text>
        {record.deadline ? (
          <Text className={record.deadline.overdue ? 'danger-text' : 'paragraph'} data-testid="case-deadline">
            {deadlineText(record.deadline)}（{formatDate(record.deadline.dueAt)} 到期）
          </Text>
        ) : null}
      </View>
      {data.type === 'membership_application' ? <ApplicationDetails app={data.record} /> : <TransferDetails transfer={data.record} />}
      <ActionPanel actions={data.actions} busy={busy} onRun={run} />
      {data.actions.length === 0 ? <Text className="muted">这件事现在不需要您办理。</Text> : null}
      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={history} />
      </View>
    </View>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className="row">
      <Text className="row__label">{label}</Text>
      <Text className="row__value" data-testid={testId}>
        {value}
      </Text>
    </View>
  );
}

function ApplicationDetails({ app }: { app: MembershipApplicationView }) {
  return (
    <View className="card">
      <Text className="card__title">入会申请</Text>
      <Row label="姓名" value={app.realName} testId="case-name" />
      <Row label="身份证号码" value={app.idNumberMasked} />
      <Row label="手机号码" value={app.phoneMasked} />
      <Row label="工作单位" value={app.employerName} />
      <Row label="职工类别" value={EMPLOYMENT_TYPE_LABEL[app.employmentType] ?? app.employmentType} />
      <Row label="受理工会" value={app.organization.name} />
      <Row label="告诉单位" value={app.hideFromEmployer ? '申请人不希望单位知道' : '可以'} />
      <Row label="提交时间" value={formatDateTime(app.submittedAt)} />
      <Reveal subjectId={app.id} />
    </View>
  );
}

function TransferDetails({ transfer }: { transfer: MembershipTransferView }) {
  return (
    <View className="card">
      <Text className="card__title">会籍接转</Text>
      <Row label="姓名" value={transfer.realName} testId="case-name" />
      <Row label="会员号" value={transfer.memberNo} />
      <Row label="原工会" value={transfer.fromOrganization.name} />
      <Row label="转入工会" value={transfer.toOrganization.name} />
      <Row label="新单位" value={transfer.newEmployerName} />
      {transfer.reason ? <Row label="原因" value={transfer.reason} /> : null}
      <Row label="申请时间" value={formatDateTime(transfer.requestedAt)} />
    </View>
  );
}

/** Full numbers are shown only after the cadre gives a reason; the server audits each reveal. */
function Reveal({ subjectId }: { subjectId: number }) {
  const [open, setOpen] = useState(false);
  const [field, setField] = useState<RevealableField>('idNumber');
  const [reason, setReason] = useState('');
  const [revealed, setRevealed] = useState<Partial<Record<RevealableField, string>>>({});
  const [busy, setBusy] = useState(false);

  const reveal = async () => {
    const problem = firstProblem(revealReason, reason);
    if (problem) {
      toast(problem);
      return;
    }
    setBusy(true);
    try {
      const { value } = await piiApi.reveal({ subject: 'membership_application', id: subjectId, field, reason: reason.trim() });
      setRevealed((r) => ({ ...r, [field]: value }));
      setOpen(false);
      setReason('');
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      {revealed.idNumber ? <Row label="完整身份证号" value={revealed.idNumber} testId="revealed-idNumber" /> : null}
      {revealed.phone ? <Row label="完整手机号" value={revealed.phone} testId="revealed-phone" /> : null}
      {!open ? (
        <Button block size="large" className="big-button" onClick={() => setOpen(true)} data-testid="reveal-start">
          查看完整号码
        </Button>
      ) : (
        <View className="action-form">
          <Text className="paragraph">查看完整号码会被记录。请选择要看的号码，并写明原因。</Text>
          <View
            className={`choice${field === 'idNumber' ? ' choice--selected' : ''}`}
            onClick={() => setField('idNumber')}
            data-testid="reveal-field-idNumber"
          >
            <Text className="choice__title">身份证号码</Text>
          </View>
          <View
            className={`choice${field === 'phone' ? ' choice--selected' : ''}`}
            onClick={() => setField('phone')}
            data-testid="reveal-field-phone"
          >
            <Text className="choice__title">手机号码</Text>
          </View>
          <Text className="field__label" style={{ marginTop: '24px', display: 'block' }}>
            查看原因
          </Text>
          <Input
            className="field__input"
            value={reason}
            placeholder="例如：核对身份信息"
            onInput={(e) => setReason(e.detail.value)}
            data-testid="reveal-reason"
          />
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            disabled={busy}
            onClick={() => void reveal()}
            data-testid="reveal-confirm"
          >
            查看
          </Button>
          <Button block size="large" className="big-button" onClick={() => setOpen(false)}>
            取消
          </Button>
        </View>
      )}
    </View>
  );
}
