import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  EMPLOYMENT_TYPE_LABEL,
  HARDSHIP_CATEGORY_LABEL,
  type HardshipApplicationAction,
  type HardshipApplicationView,
  type HardshipExclusion,
  stateAllows,
} from '@union/shared';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { EvidenceList } from '../../../components/EvidenceList';
import { Household } from '../../../components/Household';
import { StateTag } from '../../../components/StateTag';
import { Timeline } from '../../../components/Timeline';
import { useLoader } from '../../../hooks/useLoader';
import { casesApi } from '../../../services/api/cases';
import { hardshipApi } from '../../../services/api/hardship';
import { isApiError } from '../../../services/request';
import { showError, toast } from '../../../utils/feedback';
import { deadlineText, formatDate, formatDateTime } from '../../../utils/format';
import { yuan } from '../../../utils/money';
import { numberParam, route } from '../../../utils/nav';
import { DemocraticReviewForm, FilingForm, HomeVisitForm, NoticePanel, ReturnForm } from '../../components/HardshipForms';
import { RevealField } from '../../../components/RevealField';
import { PageStatus } from '../../../components/PageStatus';
import { staffNextStep } from '../../../utils/staff-text';

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

/** A hardship application for staff: masked household with audited reveals, the rules' verdict, evidence, and exactly the allowed steps. */
export default function StaffHardshipCase() {
  const id = numberParam(useRouter().params.id);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState<string | null>(null);

  const { data, error, reload } = useLoader(async () => {
    if (!id) throw new Error('链接不完整，请从工作台打开');
    const [app, ruleSet] = await Promise.all([hardshipApi.get(id), hardshipApi.currentRules().catch(() => null)]);
    return { app, actions: app.actions, exclusions: ruleSet?.rules.exclusions ?? [] };
  });

  const done = async () => {
    setForm(null);
    await reload();
  };

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
      // notice_period_running, objection_open, state_conflict: say why, then show the case as it is now.
      await showError(e);
      if (!isApiError(e, 'state_conflict') && !isApiError(e, 'action_not_allowed')) return;
    } finally {
      setBusy(false);
      await reload();
    }
  };

  if (error || !data) return <PageStatus error={error} />;

  const { app, actions, exclusions } = data;
  const formProps = { app, onDone: done, onCancel: () => setForm(null) };

  return (
    <View className="page" data-testid="staff-hardship-page">
      <View className="card">
        <StateTag caseType="hardship_application" state={app.state} label={app.stateLabel} />
        <Text className="list-item__title">
          {app.applicantNameMasked}家庭 · {app.members.length} 人 · {app.organization.name}
        </Text>
        <Row label="现在由谁办理" value={app.holderName} />
        {app.deadline ? (
          <Text className={app.deadline.overdue ? 'danger-text' : 'paragraph'} data-testid="staff-hs-deadline">
            {deadlineText(app.deadline)}（{formatDate(app.deadline.dueAt)} 到期）
          </Text>
        ) : null}
        <Text className="next-step">{staffNextStep('hardship_application', app.state, data.actions, app.stateLabel)}</Text>
      </View>

      {app.duplicates.length ? (
        <View className="card card--warning" data-testid="staff-hs-duplicates">
          <Text className="card__title">注意：可能重复</Text>
          <Text className="paragraph">这户有人已经在别的申请或困难档案里（一户只能建一个档案），请核实：</Text>
          {app.duplicates.map((d, i) => (
            <Text key={i} className="paragraph">
              · {d.relationLabel} {d.idNumberMasked}：{d.kind === 'file' ? `已建档 ${d.fileNo ?? ''}` : `申请 #${d.applicationId ?? ''}`}（
              {d.organizationName}）
            </Text>
          ))}
        </View>
      ) : null}

      {app.proxy ? (
        <View className="card" data-testid="staff-proxy">
          <Text className="card__title">代办</Text>
          <Text className="paragraph">
            由 {app.proxy.filedByName} 代办；本人同意方式：{app.proxy.consentMethodLabel}。{app.proxy.consentNote}
          </Text>
        </View>
      ) : null}

      {actions.length ? (
        !form ? (
          <View className="card">
            <Text className="card__title">现在要做的</Text>
            <ActionPanel actions={actions} busy={busy} onRun={run} onForm={(a) => setForm(a.form)} />
          </View>
        ) : null
      ) : (
        <Text className="muted">这件事现在不需要您办理。</Text>
      )}
      {form === 'return_for_material' ? <ReturnForm {...formProps} /> : null}
      {form === 'home_visit' ? <HomeVisitForm {...formProps} /> : null}
      {form === 'democratic_review' ? <DemocraticReviewForm {...formProps} /> : null}
      {form === 'filing' ? <FilingForm {...formProps} /> : null}

      {app.publicNotice ? (
        <NoticePanel notice={app.publicNotice} canRegister={stateAllows('hardship_application', app.state, 'objections')} onDone={reload} />
      ) : null}

      <Assessment app={app} exclusions={exclusions} />

      <View className="card">
        <Text className="card__title">家庭成员</Text>
        <Text className="muted">平时只显示部分内容；点“查看”要写明原因，每次都会记录。</Text>
        <Household
          members={app.members}
          renderExtra={(m) => (
            <View>
              <RevealField subject="hardship_member" id={m.id} field="name" label="姓名" />
              <RevealField subject="hardship_member" id={m.id} field="idNumber" label="身份证号码" />
              {m.hasHealthNote ? <RevealField subject="hardship_member" id={m.id} field="healthNote" label="病情说明" /> : null}
            </View>
          )}
        />
      </View>

      <View className="card">
        <Text className="card__title">申请人填写的</Text>
        <Row label="手机号码" value={app.phoneMasked} />
        <RevealField subject="hardship_application" id={app.id} field="phone" label="完整手机号" />
        <Row label="职工类别" value={`${EMPLOYMENT_TYPE_LABEL[app.employmentType]} · 实际工作 ${app.employmentMonths} 个月`} />
        <Row label="困难原因" value={app.causeLabels.join('、')} />
        <RevealField subject="hardship_application" id={app.id} field="situation" label="困难情况（申请人自述）" />
        <Row label="收款银行卡" value={app.bankAccountMasked} />
        <RevealField subject="hardship_application" id={app.id} field="bankAccount" label="完整银行账户" />
        <Row label="提交时间" value={formatDateTime(app.submittedAt)} />
      </View>

      <View className="card">
        <Text className="card__title">证明材料</Text>
        <EvidenceList uploads={app.evidence} />
      </View>

      {app.homeVisit ? (
        <View className="card" data-testid="staff-hs-visit">
          <Text className="card__title">入户调查</Text>
          <Row label="日期" value={app.homeVisit.visitedOn} />
          <Row label="入户人员" value={app.homeVisit.visitors.join('、')} />
          <Row label="与申报" value={app.homeVisit.matchesDeclaration ? '相符' : '不相符'} />
          <Text className="paragraph">{app.homeVisit.findings}</Text>
          {app.homeVisit.photos.length ? <EvidenceList uploads={app.homeVisit.photos} testId="visit-photos" /> : null}
        </View>
      ) : null}

      {app.democraticReview ? (
        <View className="card" data-testid="staff-hs-review">
          <Text className="card__title">民主评议</Text>
          <Row label="日期" value={app.democraticReview.meetingOn} />
          <Row label="参加人员" value={app.democraticReview.attendees.join('、')} />
          <Row
            label="表决"
            value={`同意 ${app.democraticReview.votesFor}，反对 ${app.democraticReview.votesAgainst}，弃权 ${app.democraticReview.abstentions}`}
          />
        </View>
      ) : null}

      {app.fileId ? (
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          onClick={() => void Taro.navigateTo({ url: route('/staff/pages/aid/index', { fileId: app.fileId as number }) })}
          data-testid="staff-open-file"
        >
          打开困难档案（审批、发放帮扶）
        </Button>
      ) : null}

      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={app.history} />
      </View>
    </View>
  );
}

function Assessment({ app, exclusions }: { app: HardshipApplicationView; exclusions: HardshipExclusion[] }) {
  const a = app.assessment;
  const label = (code: string) => exclusions.find((x) => x.code === code)?.label ?? code;
  return (
    <View className="card" data-testid="staff-hs-assessment">
      <Text className="card__title">认定标准的结果</Text>
      <Text className="paragraph" data-testid="staff-hs-category">
        {a.eligible && a.category ? HARDSHIP_CATEGORY_LABEL[a.category] : '不符合条件'}（认定标准第 {app.ruleSetVersion} 版，按提交当天）
      </Text>
      {a.reasons.map((r) => (
        <Text key={r} className="muted">
          {r}
        </Text>
      ))}
      <Row label="全家年收入" value={`${yuan(app.annualIncomeFen)}（其中其他收入 ${yuan(app.otherIncomeFen)}）`} />
      <Row label="必要开支" value={yuan(app.essentialSpendingFen)} />
      <Row label="灾害、意外、重病花费" value={yuan(app.accidentCostsFen)} />
      <Row label="人均月收入（扣除必要开支）" value={yuan(a.perCapitaMonthlyFen)} />
      <Row label="深度困难线 / 相对困难线" value={`${yuan(a.severeLineFen)} / ${yuan(a.relativeLineFen)}`} />
      <Row label="申报的不符合情况" value={app.exclusions.length ? app.exclusions.map(label).join('；') : '都没有'} />
    </View>
  );
}
