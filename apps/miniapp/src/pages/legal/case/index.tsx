import { useState } from 'react';
import { isTerminalState } from '@union/shared';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { EvidenceList } from '../../../components/EvidenceList';
import { PageStatus } from '../../../components/PageStatus';
import { StateTag } from '../../../components/StateTag';
import { StatutoryClockCard } from '../../../components/StatutoryClock';
import { Timeline } from '../../../components/Timeline';
import { useLoader } from '../../../hooks/useLoader';
import { legalAidApi } from '../../../services/api/legal';
import { showError, toast } from '../../../utils/feedback';
import { deadlineText } from '../../../utils/format';
import { yuan } from '../../../utils/money';
import { numberParam } from '../../../utils/nav';

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

/** The worker's legal-aid case: the decision, the lawyer, the statutory clocks, the stages and the outcome. */
export default function LegalCase() {
  const params = useRouter().params;
  const id = numberParam(params.id);
  const [busy, setBusy] = useState(false);
  const { data, error, reload } = useLoader(async () => {
    if (!id) throw new Error('链接不完整，请从“我的法律服务”里打开');
    return legalAidApi.get(id);
  });
  if (!data || !id) return <PageStatus error={error} />;

  const run = async (input: ActionInput) => {
    if (input.action !== 'withdraw') return;
    setBusy(true);
    try {
      await legalAidApi.withdraw(id, data.version);
      toast('已撤回');
      await reload();
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page" data-testid="legal-case-page">
      {params.submitted === '1' ? (
        <View className="card card--highlight" data-testid="aid-submitted">
          <Text className="card__title">申请已提交</Text>
          <Text className="paragraph">法律援助中心将在 7 个工作日内书面答复，结果会通知您。</Text>
        </View>
      ) : null}
      <View className="card">
        <View className="row">
          <Text className="card__title">{data.disputeTypeLabel}法律援助</Text>
          <StateTag caseType="legal_aid_application" state={data.state} label={data.stateLabel} />
        </View>
        <Text className="paragraph" data-testid="case-next-step">
          {data.nextStep}
          {data.deadline ? `（${deadlineText(data.deadline)}）` : ''}
        </Text>
        <Row label="对方单位" value={data.employer.name} />
        <Row label="争议金额" value={yuan(data.amountClaimedFen)} />
        <Row label="承办律师" value={data.lawyerName ?? '待中心指派'} testId="case-lawyer" />
        <Row label="办理机构" value={data.organizationName} />
      </View>

      {data.state === 'rejected' ? (
        <View className="card" data-testid="case-rejected">
          <Text className="card__title">不予援助的理由</Text>
          <Text className="paragraph">{data.decisionReason}</Text>
          <Text className="card__title">还可以找</Text>
          <Text className="paragraph">{data.otherHelp}</Text>
        </View>
      ) : null}

      {data.state === 'closed' ? (
        <View className="card card--highlight" data-testid="case-outcome">
          <Text className="card__title">办理结果：{data.outcomeLabel}</Text>
          <Row label="追回金额" value={yuan(data.amountRecoveredFen ?? 0)} testId="case-recovered" />
          {data.recoveredOn ? <Row label="到账日期" value={data.recoveredOn} /> : null}
          <Text className="paragraph">{data.closingNote}</Text>
        </View>
      ) : null}

      {!isTerminalState('legal_aid_application', data.state) ? <StatutoryClockCard clock={data.clock} /> : null}

      <View className="card">
        <Text className="card__title">初步审查</Text>
        {data.eligibility.reasons.map((r) => (
          <Text key={r} className="paragraph">
            {r}
          </Text>
        ))}
      </View>

      {data.stages.length ? (
        <View className="card" data-testid="case-stages">
          <Text className="card__title">办理经过</Text>
          {data.stages.map((s, i) => (
            <View key={i} className="clock">
              <Text>
                {s.startedOn} · {s.stageLabel} · {s.recordedByName}
              </Text>
              {s.note ? <Text className="muted">{s.note}</Text> : null}
              {s.documents.length ? <EvidenceList uploads={s.documents} testId={`stage-docs-${i}`} /> : null}
            </View>
          ))}
        </View>
      ) : null}

      {data.evidence.some((e) => e.files.length) ? (
        <View className="card">
          <Text className="card__title">证据材料</Text>
          {data.evidence.map((e) => (
            <View key={e.purpose}>
              <Text className="muted">{e.purposeLabel}</Text>
              <EvidenceList uploads={e.files} testId={`case-evidence-${e.purpose}`} />
            </View>
          ))}
        </View>
      ) : null}

      <ActionPanel actions={data.actions} busy={busy} onRun={run} />
      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={data.history} />
      </View>
    </View>
  );
}
