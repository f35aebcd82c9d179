import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  AID_TYPE_LABEL,
  type AidType,
  type AssistanceActionView,
  type AssistanceRecordAction,
  type AssistanceRecordView,
  type HardshipFileView,
  type UploadView,
  createAssistanceRecordBody,
  firstProblem,
  payAssistanceBody,
  signedFormBody,
} from '@union/shared';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { Household } from '../../../components/Household';
import { StateTag } from '../../../components/StateTag';
import { Timeline } from '../../../components/Timeline';
import { UploadBox } from '../../../components/UploadBox';
import { useLoader } from '../../../hooks/useLoader';
import { casesApi } from '../../../services/api/cases';
import { hardshipFilesApi } from '../../../services/api/hardship';
import { meApi } from '../../../services/api/me';
import { isApiError } from '../../../services/request';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { formatDate, formatDateTime, ruleSetLabel } from '../../../utils/format';
import { yuan, yuanToFen } from '../../../utils/money';
import { numberParam } from '../../../utils/nav';
import { FileEvents, RecheckForm } from '../../components/RecheckForm';
import { PageStatus } from '../../../components/PageStatus';

interface Loaded {
  file: HardshipFileView;
  actions: Record<number, AssistanceActionView[]>;
  canApprove: boolean;
  canRecheck: boolean;
}

async function load(fileId: number | null, aidId: number | null): Promise<Loaded> {
  const id = fileId ?? (aidId ? (await hardshipFilesApi.aid(aidId)).fileId : null);
  if (!id) throw new Error('链接不完整，请从工作台打开');
  const file: HardshipFileView = await hardshipFilesApi.get(id);
  const me = await meApi.get();
  const actions: Record<number, AssistanceActionView[]> = {};
  for (const a of file.aid) actions[a.id] = a.actions;
  return {
    file,
    actions,
    canApprove: me.permissions.includes('hardship.aid.pay'),
    canRecheck: file.actions.length > 0,
  };
}

/** A filed household for staff: aid this year against the ceilings, each record's allowed steps, and a new approval. */
export default function StaffAid() {
  const params = useRouter().params;
  const fileId = numberParam(params.fileId);
  const aidId = numberParam(params.id);
  // Opened from the re-check lists: the re-check is this visit's job, so it comes first.
  const recheckFirst = params.recheck === '1';
  const [creating, setCreating] = useState(false);
  const { data, error, reload } = useLoader(() => load(fileId, aidId));

  if (error || !data) return <PageStatus error={error} />;
  const { file, actions, canApprove, canRecheck } = data;

  return (
    <View className="page" data-testid="staff-aid-page">
      <View className="card">
        <Text className="card__title">困难档案 {file.fileNo}</Text>
        <Text className="paragraph">
          {file.applicantNameMasked}家庭 · {file.categoryLabel} ·{' '}
          {file.status === 'active' ? file.stateLabel : `${file.stateLabel}（${file.closeReasonLabel ?? ''}）`}
        </Text>
        <Text className="muted">
          {file.organization.name} · {formatDate(file.filedAt)} 建档 · {ruleSetLabel(file.ruleSetVersion)}
          {file.recheckDueAt ? ` · ${formatDate(file.recheckDueAt)} 前复核` : ''}
        </Text>
      </View>

      {canRecheck && recheckFirst ? <RecheckForm file={file} onDone={reload} /> : null}

      <View className="card" data-testid="staff-this-year">
        <Text className="card__title">今年已批准 / 上限</Text>
        {file.thisYear.map((y) => (
          <View className="row" key={y.aidType}>
            <Text className="row__label">{y.aidTypeLabel}</Text>
            <Text className="row__value">
              {yuan(y.usedFen)} / {yuan(y.ceilingFen)}
            </Text>
          </View>
        ))}
        {canApprove && file.status === 'active' && !creating ? (
          <Button block size="large" type="primary" className="big-button" onClick={() => setCreating(true)} data-testid="aid-create">
            审批一笔帮扶
          </Button>
        ) : null}
        {creating ? (
          <CreateAidForm
            file={file}
            onCancel={() => setCreating(false)}
            onDone={async () => {
              setCreating(false);
              await reload();
            }}
          />
        ) : null}
      </View>

      <View className="card">
        <Text className="card__title">帮扶记录</Text>
        {file.aid.length === 0 ? <Text className="muted">还没有帮扶记录。</Text> : null}
      </View>
      {file.aid.map((a) => (
        <AidRecord key={a.id} aid={a} actions={actions[a.id] ?? []} highlighted={a.id === aidId} onDone={reload} />
      ))}

      {canRecheck && !recheckFirst ? <RecheckForm file={file} onDone={reload} /> : null}
      <FileEvents file={file} />

      <View className="card">
        <Text className="card__title">家庭成员</Text>
        <Household members={file.members} />
      </View>
    </View>
  );
}

const AID_TYPES = Object.keys(AID_TYPE_LABEL) as AidType[];

function CreateAidForm({ file, onDone, onCancel }: { file: HardshipFileView; onDone: () => Promise<void>; onCancel: () => void }) {
  const [aidType, setAidType] = useState<AidType | null>(null);
  const [amount, setAmount] = useState('');
  const [fundSource, setFundSource] = useState('县总工会帮扶资金');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const room = (t: AidType) => {
    const y = file.thisYear.find((x) => x.aidType === t);
    return y ? Math.max(0, y.ceilingFen - y.usedFen) : 0;
  };

  const submit = async () => {
    const fen = yuanToFen(amount);
    // The form of each field is the request schema's; the ceiling of this year is the file's own.
    const body = { aidType: aidType ?? undefined, amountFen: fen || undefined, fundSource: fundSource.trim() };
    const p = firstProblem(createAssistanceRecordBody, body);
    if (p || !aidType || !fen) return setProblem(p ?? '请填写金额（元），例如 2000');
    if (fen > room(aidType)) return setProblem(`超过今年的上限，最多还能批 ${yuan(room(aidType))}`);
    setBusy(true);
    try {
      await hardshipFilesApi.createAid(file.id, { aidType, amountFen: fen, fundSource: body.fundSource });
      toast('已批准');
      await onDone();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="action-form" data-testid="aid-create-form">
      <Text className="field__label">帮扶类型</Text>
      {AID_TYPES.map((t) => (
        <Choice
          key={t}
          title={AID_TYPE_LABEL[t]}
          desc={`今年还能批 ${yuan(room(t))}`}
          selected={aidType === t}
          onSelect={() => setAidType(t)}
          testId={`aid-type-${t}`}
        />
      ))}
      <Field label="金额（元）" value={amount} onChange={setAmount} type="digit" placeholder="例如 2000" testId="aid-amount" />
      <Field label="资金来源" value={fundSource} onChange={setFundSource} testId="aid-fund" />
      <Text className="next-step">批准后进入“待发放”，按实名打到申请人的银行卡后在这里登记发放，申请人再签收。</Text>
      {problem ? <Text className="field__error">{problem}</Text> : null}
      <Button
        block
        size="large"
        type="primary"
        className="big-button"
        disabled={busy}
        onClick={() => void submit()}
        data-testid="aid-create-submit"
      >
        批准这笔帮扶
      </Button>
      <Button block size="large" className="big-button" onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}

interface AidRecordProps {
  aid: AssistanceRecordView;
  actions: AssistanceActionView[];
  highlighted: boolean;
  onDone: () => Promise<void>;
}

function AidRecord({ aid, actions, highlighted, onDone }: AidRecordProps) {
  const [form, setForm] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const formDone = async () => {
    setForm(null);
    await onDone();
  };

  const run = async (input: ActionInput) => {
    setBusy(true);
    try {
      await casesApi.transition(aid.caseId, { ...input, action: input.action as AssistanceRecordAction, version: aid.version });
      toast('已办理');
    } catch (e) {
      await showError(e);
      if (!isApiError(e, 'state_conflict') && !isApiError(e, 'action_not_allowed')) return;
    } finally {
      setBusy(false);
      await onDone();
    }
  };

  return (
    <View className={`card${highlighted ? ' card--highlight' : ''}`} data-testid={`aid-record-${aid.id}`}>
      <StateTag caseType="assistance_record" state={aid.state} label={aid.stateLabel} />
      <Text className="list-item__title">
        {aid.aidTypeLabel} {yuan(aid.amountFen)}
      </Text>
      <Text className="muted">
        {aid.fundSource} · {aid.approvedByName} {formatDateTime(aid.approvedAt)} 批准
      </Text>
      {aid.paidAt ? (
        <Text className="muted">
          {formatDateTime(aid.paidAt)} 发放 · 凭证号 {aid.paymentReference}
        </Text>
      ) : null}
      {aid.signedAt ? (
        <Text className="muted">
          {formatDateTime(aid.signedAt)} {aid.signMethod === 'paper_form' ? '纸质签收单已登记' : '本人在小程序签收'}
        </Text>
      ) : null}
      {!form ? (
        <ActionPanel
          actions={actions}
          busy={busy}
          onRun={run}
          onForm={(a) => setForm(a.form)}
          commentHint="请写明撤销的原因（申请人会看到）"
        />
      ) : null}
      {form === 'payment' ? <PayForm aid={aid} onCancel={() => setForm(null)} onDone={formDone} /> : null}
      {form === 'signed_form' ? <SignedForm aid={aid} onCancel={() => setForm(null)} onDone={formDone} /> : null}
      <Timeline entries={aid.history} />
    </View>
  );
}

function PayForm({ aid, onDone, onCancel }: { aid: AssistanceRecordView; onDone: () => Promise<void>; onCancel: () => void }) {
  const [reference, setReference] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const p = firstProblem(payAssistanceBody, { version: aid.version, paymentReference: reference.trim() });
    if (p) return setProblem(p);
    setBusy(true);
    try {
      await hardshipFilesApi.pay(aid.id, { version: aid.version, paymentReference: reference.trim() });
      toast('已登记发放');
      await onDone();
    } catch (e) {
      setProblem(errorMessage(e));
      if (isApiError(e, 'state_conflict')) await onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="action-form" data-testid="aid-pay-form">
      <Text className="paragraph">已按实名转账 {yuan(aid.amountFen)} 到申请人的银行卡后，填写银行流水号或转账凭证号。</Text>
      <Field label="凭证号" value={reference} onChange={setReference} placeholder="例如 NX202611240001" testId="aid-pay-reference" />
      <Text className="next-step">登记后申请人会收到通知，核对到账后在小程序里签收。</Text>
      {problem ? <Text className="field__error">{problem}</Text> : null}
      <Button
        block
        size="large"
        type="primary"
        className="big-button"
        disabled={busy}
        onClick={() => void submit()}
        data-testid="aid-pay-submit"
      >
        登记发放
      </Button>
      <Button block size="large" className="big-button" onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}

function SignedForm({ aid, onDone, onCancel }: { aid: AssistanceRecordView; onDone: () => Promise<void>; onCancel: () => void }) {
  const [uploads, setUploads] = useState<UploadView[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const body = { version: aid.version, uploadId: uploads[0]?.id };
    const p = firstProblem(signedFormBody, body);
    if (p || !body.uploadId) return setProblem(p);
    setBusy(true);
    try {
      await hardshipFilesApi.signedForm(aid.id, { version: aid.version, uploadId: body.uploadId });
      toast('签收单已登记');
      await onDone();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="action-form" data-testid="aid-signed-form">
      <Text className="paragraph">申请人不会用小程序的，可以签纸质签收单，拍照上传后视同签收。</Text>
      <UploadBox
        purpose="aid_receipt"
        label="签收单照片"
        uploads={uploads}
        onAdd={(u) => setUploads([u])}
        onRemove={() => setUploads([])}
        testId="aid-receipt"
      />
      {problem ? <Text className="field__error">{problem}</Text> : null}
      <Button
        block
        size="large"
        type="primary"
        className="big-button"
        disabled={busy}
        onClick={() => void submit()}
        data-testid="aid-signed-submit"
      >
        登记签收单
      </Button>
      <Button block size="large" className="big-button" onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}
