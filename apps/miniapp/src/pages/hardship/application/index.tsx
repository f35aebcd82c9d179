import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { HardshipApplicationAction, HardshipApplicationView, UploadView } from '@union/shared';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { EvidenceList } from '../../../components/EvidenceList';
import { Household } from '../../../components/Household';
import { StateTag } from '../../../components/StateTag';
import { Timeline } from '../../../components/Timeline';
import { UploadBox } from '../../../components/UploadBox';
import { useLoader } from '../../../hooks/useLoader';
import { casesApi } from '../../../services/api/cases';
import { hardshipApi } from '../../../services/api/hardship';
import { isApiError } from '../../../services/request';
import { showError, toast } from '../../../utils/feedback';
import { deadlineText, formatDate, formatDateTime, ruleSetLabel } from '../../../utils/format';
import { yuan } from '../../../utils/money';
import { go, numberParam, route } from '../../../utils/nav';
import { EVIDENCE_KINDS } from '../evidence';
import { PageStatus } from '../../../components/PageStatus';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="row">
      <Text className="row__label">{label}</Text>
      <Text className="row__value">{value}</Text>
    </View>
  );
}

/** The worker's application: where it is, who has it, until when, and what the worker can do now. */
export default function HardshipApplication() {
  const params = useRouter().params;
  const id = numberParam(params.id);
  const justSubmitted = params.submitted === '1';
  const [busy, setBusy] = useState(false);

  const { data, error, reload } = useLoader(async () => {
    if (!id) throw new Error('链接不完整，请从“我的帮扶申请”里打开');
    const app = await hardshipApi.get(id);
    return { app, actions: app.actions };
  });

  const run = async (input: ActionInput) => {
    if (!data || !id) return;
    setBusy(true);
    try {
      await casesApi.transition(data.app.caseId, {
        ...input,
        action: input.action as HardshipApplicationAction,
        version: data.app.version,
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
  const { app, actions } = data;
  const canResubmit = actions.some((a) => a.action === 'resubmit');

  return (
    <View className="page" data-testid="hs-application-page">
      {justSubmitted && app.state === 'submitted' ? (
        <View className="card" data-testid="hs-submitted-banner">
          <Text className="card__title">
            已提交，{app.holderName || app.organization.name}将在{' '}
            {app.deadline && app.deadline.workingDaysLeft > 0 ? app.deadline.workingDaysLeft : 5} 个工作日内初审
          </Text>
          <Text className="paragraph">
            接下来：初审通过后，工会干部会上门了解情况（入户调查），再由职工代表民主评议并公示；之后报乡镇(行业)工会和县总工会审批。每一步都会在“消息”里告诉您。
          </Text>
        </View>
      ) : null}

      <View className="card">
        <StateTag caseType="hardship_application" state={app.state} label={app.stateLabel} />
        <Row label="现在由谁办理" value={app.holderName} />
        {app.deadline ? (
          <Text className={app.deadline.overdue ? 'danger-text' : 'paragraph'} data-testid="hs-deadline">
            {app.deadline.overdue ? deadlineText(app.deadline) : `这一步${deadlineText(app.deadline)}（${formatDate(app.deadline.dueAt)}）`}
          </Text>
        ) : null}
        <Text className="next-step" data-testid="hs-next-step">
          {app.nextStep}
        </Text>
        {app.lastReviewerComment ? <Text className="paragraph">工会的意见：{app.lastReviewerComment}</Text> : null}
      </View>

      {app.state === 'needs_material' ? (
        <View className="card" data-testid="hs-missing">
          <Text className="card__title">还需要补充这些材料</Text>
          {app.missingItems.map((item) => (
            <Text key={item} className="paragraph">
              · {item}
            </Text>
          ))}
          {canResubmit ? <ResubmitForm app={app} onDone={reload} /> : null}
        </View>
      ) : null}

      {app.publicNotice ? (
        <View className="card" data-testid="hs-notice">
          <Text className="card__title">公示</Text>
          <Text className="paragraph">{app.publicNotice.content}</Text>
          <Text className="muted">
            {app.publicNotice.ended ? '公示期已满。' : `公示到 ${formatDate(app.publicNotice.endsAt)}。`}
            公示中姓名和身份证号码已遮挡，不公开病情。
          </Text>
        </View>
      ) : null}

      <ActionPanel actions={actions.filter((a) => !a.form)} busy={busy} onRun={run} />

      <View className="card">
        <Text className="card__title">家庭成员</Text>
        <Household members={app.members} />
      </View>

      <View className="card">
        <Text className="card__title">申请内容</Text>
        <Row label="受理工会" value={app.organization.name} />
        <Row label="手机号码" value={app.phoneMasked} />
        <Row label="困难原因" value={app.causeLabels.join('、')} />
        <Row label="全家年收入" value={yuan(app.annualIncomeFen)} />
        <Row label="必要开支" value={yuan(app.essentialSpendingFen)} />
        <Row label="灾害、意外、重病花费" value={yuan(app.accidentCostsFen)} />
        <Row label="收款银行卡" value={app.bankAccountMasked} />
        <Row label="提交时间" value={formatDateTime(app.submittedAt)} />
        <Text className="muted">
          按{ruleSetLabel(app.ruleSetVersion)}估算：{app.assessment.reasons[0]}。最终以审核为准。
        </Text>
      </View>

      <View className="card">
        <Text className="card__title">证明材料</Text>
        <EvidenceList uploads={app.evidence} />
      </View>

      {app.fileId ? (
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          onClick={() => void go(route('/pages/hardship/file/index', { id: app.fileId as number }))}
          data-testid="hs-open-file"
        >
          查看我的困难档案
        </Button>
      ) : null}

      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={app.history} />
      </View>
    </View>
  );
}

/** Upload what was missing, add a note, send it back to the grassroots union. */
function ResubmitForm({ app, onDone }: { app: HardshipApplicationView; onDone: () => Promise<void> }) {
  const [uploads, setUploads] = useState<UploadView[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const send = async () => {
    if (uploads.length === 0 && !note.trim()) {
      toast('请上传补充的材料，或写明情况');
      return;
    }
    setBusy(true);
    try {
      await hardshipApi.resubmit(app.id, {
        version: app.version,
        evidenceUploadIds: uploads.map((u) => u.id),
        note: note.trim() || undefined,
      });
      toast('已重新提交');
      await onDone();
    } catch (e) {
      await showError(e);
      if (isApiError(e, 'state_conflict')) await onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View data-testid="hs-resubmit">
      {[...EVIDENCE_KINDS, { purpose: 'other' as const, label: '其他材料', hint: '上面没有的，拍在这里。' }].map((k) => (
        <UploadBox
          key={k.purpose}
          purpose={k.purpose}
          label={k.label}
          hint={k.hint}
          uploads={uploads}
          onAdd={(u) => setUploads((prev) => [...prev, u])}
          onRemove={(uid) => setUploads((prev) => prev.filter((x) => x.id !== uid))}
          testId={`hs-resubmit-${k.purpose}`}
        />
      ))}
      <View className="field">
        <Text className="field__label">补充说明（可以不写）</Text>
        <Textarea
          className="field__textarea"
          value={note}
          maxlength={500}
          placeholder="例如：诊断证明原件已交到工会办公室"
          onInput={(e) => setNote(e.detail.value)}
          data-testid="hs-resubmit-note"
        />
      </View>
      <Text className="next-step">重新提交后，基层工会会再次审核，结果在“消息”里告诉您。</Text>
      <Button
        block
        size="large"
        type="primary"
        className="big-button"
        disabled={busy}
        onClick={() => void send()}
        data-testid="hs-resubmit-send"
      >
        补充好了，重新提交
      </Button>
    </View>
  );
}
