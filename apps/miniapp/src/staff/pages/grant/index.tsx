import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { GrantApplicationAction } from '@union/shared';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { EvidenceList } from '../../../components/EvidenceList';
import { StateTag } from '../../../components/StateTag';
import { Timeline } from '../../../components/Timeline';
import { useLoader } from '../../../hooks/useLoader';
import { casesApi } from '../../../services/api/cases';
import { campaignsApi } from '../../../services/api/hardship';
import { isApiError } from '../../../services/request';
import { showError, toast } from '../../../utils/feedback';
import { deadlineText } from '../../../utils/format';
import { yuan } from '../../../utils/money';
import { numberParam, route } from '../../../utils/nav';
import { PageStatus } from '../../../components/PageStatus';
import { staffNextStep } from '../../../utils/staff-text';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="row">
      <Text className="row__label">{label}</Text>
      <Text className="row__value">{value}</Text>
    </View>
  );
}

/** A 金秋助学 application for the county: the student, the admission proof, and approve or reject. */
export default function StaffGrant() {
  const id = numberParam(useRouter().params.id);
  const [busy, setBusy] = useState(false);
  const { data, error, reload } = useLoader(async () => {
    if (!id) throw new Error('链接不完整，请从工作台打开');
    const grant = await campaignsApi.grant(id);
    return { grant, actions: grant.actions };
  });

  const run = async (input: ActionInput) => {
    if (!data || !id) return;
    setBusy(true);
    try {
      await casesApi.transition(data.grant.caseId, {
        ...input,
        action: input.action as GrantApplicationAction,
        version: data.grant.version,
      });
      toast('已办理');
    } catch (e) {
      // over_budget and the like: say why plainly, then show the case as it is now.
      await showError(e);
      if (!isApiError(e, 'state_conflict') && !isApiError(e, 'action_not_allowed')) return;
    } finally {
      setBusy(false);
      await reload();
    }
  };

  if (error || !data) return <PageStatus error={error} />;
  const { grant, actions } = data;

  return (
    <View className="page" data-testid="staff-grant-page">
      <View className="card">
        <StateTag caseType="grant_application" state={grant.state} label={grant.stateLabel} />
        <Text className="card__title">{grant.campaignTitle}</Text>
        <Text className="next-step">{staffNextStep('grant_application', grant.state, data.actions, grant.stateLabel)}</Text>
        {grant.deadline ? <Text className={grant.deadline.overdue ? 'danger-text' : 'muted'}>{deadlineText(grant.deadline)}</Text> : null}
      </View>
      <View className="card">
        <Text className="card__title">学生</Text>
        <Row label="姓名" value={grant.studentNameMasked} />
        <Row label="身份证号" value={grant.studentIdNumberMasked} />
        <Row label="学段" value={grant.schoolLevelLabel} />
        <Row label="学校" value={grant.schoolName} />
        <Row label="困难档案" value={grant.fileNo} />
        <Row label="助学金" value={yuan(grant.amountFen)} />
      </View>
      <View className="card" data-testid="staff-grant-proof">
        <Text className="card__title">录取通知书</Text>
        <Text className="muted">点一下看大图，核对姓名和学校与上面一致。</Text>
        <EvidenceList uploads={grant.admissionProof} testId="grant-proof" />
      </View>
      <ActionPanel actions={actions} busy={busy} onRun={run} commentHint="请写明原因（申请人会看到）" />
      {grant.aidId ? (
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          onClick={() => void Taro.navigateTo({ url: route('/staff/pages/aid/index', { id: grant.aidId ?? 0 }) })}
          data-testid="staff-grant-open-aid"
        >
          去登记发放
        </Button>
      ) : null}
      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={grant.history} />
      </View>
    </View>
  );
}
