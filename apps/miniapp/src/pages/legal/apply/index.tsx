import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  checkAgainst,
  createLegalAidBody,
  DISPUTE_TYPE_LABEL,
  employerBody,
  LEGAL_CONSENT_VERSION,
  type DisputeType,
  type EvidenceChecklistItem,
  type LegalAidEligibility,
  type UploadView,
  type z,
} from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { NoticeNeeded } from '../../../components/NoticeNeeded';
import { NumberStepper } from '../../../components/NumberStepper';
import { UploadBox } from '../../../components/UploadBox';
import { useLocalDraft } from '../../../hooks/useLocalDraft';
import { legalAidApi } from '../../../services/api/legal';
import { isApiError } from '../../../services/request';
import { errorMessage } from '../../../utils/feedback';

import { amountProblem, yuan, yuanToFen } from '../../../utils/money';
import { numberParam, route } from '../../../utils/nav';
import { chinaToday } from '../../../utils/format';
import { DateField } from '../../../components/DateField';

const DISPUTES = Object.keys(DISPUTE_TYPE_LABEL) as DisputeType[];

/** The first problem the request schema finds, in its words (the server says the same). */
function schemaProblem(schema: z.ZodType, value: unknown): string | null {
  const checked = checkAgainst(schema, value);
  return checked.ok ? null : (Object.values(checked.problems)[0] ?? null);
}
const DISPUTE_FIELDS = createLegalAidBody.pick({ disputeType: true, isMigrantWorker: true });
const DATE_FIELDS = createLegalAidBody.pick({ employmentStartedOn: true, employmentEndedOn: true, learnedOn: true });
const CLAIMS_FIELDS = createLegalAidBody.pick({ claims: true });
const CONTACT_FIELDS = createLegalAidBody.pick({ phone: true, witnesses: true });
const STEPS = ['consent', 'dispute', 'employer', 'dates', 'claims', 'household', 'evidence', 'contact', 'review'] as const;
type Step = (typeof STEPS)[number];

interface LegalAidDraft {
  step: Step;
  consent: boolean;
  disputeType: DisputeType | null;
  migrant: boolean | null;
  employerName: string;
  creditCode: string;
  employerAddress: string;
  startedOn: string;
  stillEmployed: boolean | null;
  endedOn: string;
  learnedOn: string;
  claims: string;
  amount: string;
  income: string;
  size: number;
  illness: boolean;
  unionStaff: boolean;
  eligibility: LegalAidEligibility | null;
  uploads: UploadView[];
}

/**
 * The legal-aid application, one topic per screen: consent, the dispute, the employer, the dates
 * the statutory clocks run from, what is claimed, the household (with the preliminary check and its
 * reasons), evidence by the checklist of the dispute type, contact, then one final submit.
 */
export default function ApplyLegalAid() {
  const params = useRouter().params;
  const fromConsultation = numberParam(params.fromConsultation);
  // The answers are kept on the phone as they are typed (not the phone number), so the nine
  // screens survive a closed app or a lost connection; cleared once the application is in.
  const [draft, patch, clearDraft, restoredDraft] = useLocalDraft<LegalAidDraft>(`union.draft.legal-aid.${fromConsultation ?? 'new'}`, {
    step: 'consent',
    consent: false,
    disputeType: (params.topic as DisputeType) ?? null,
    migrant: null,
    employerName: '',
    creditCode: '',
    employerAddress: '',
    startedOn: '',
    stillEmployed: null,
    endedOn: '',
    learnedOn: '',
    claims: '',
    amount: '',
    income: '',
    size: 1,
    illness: false,
    unionStaff: false,
    eligibility: null,
    uploads: [],
  });
  const {
    step,
    consent,
    disputeType,
    migrant,
    employerName,
    creditCode,
    employerAddress,
    startedOn,
    stillEmployed,
    endedOn,
    learnedOn,
    claims,
    amount,
    income,
    size,
    illness,
    unionStaff,
    eligibility,
    uploads,
  } = draft;
  const setStep = (step: Step) => patch({ step });
  const setConsent = (consent: boolean) => patch({ consent });
  const setDisputeType = (disputeType: DisputeType | null) => patch({ disputeType });
  const setMigrant = (migrant: boolean | null) => patch({ migrant });
  const setEmployerName = (employerName: string) => patch({ employerName });
  const setCreditCode = (creditCode: string) => patch({ creditCode });
  const setEmployerAddress = (employerAddress: string) => patch({ employerAddress });
  const setStartedOn = (startedOn: string) => patch({ startedOn });
  const setStillEmployed = (stillEmployed: boolean | null) => patch({ stillEmployed });
  const setEndedOn = (endedOn: string) => patch({ endedOn });
  const setLearnedOn = (learnedOn: string) => patch({ learnedOn });
  const setClaims = (claims: string) => patch({ claims });
  const setAmount = (amount: string) => patch({ amount });
  const setIncome = (income: string) => patch({ income });
  const setSize = (size: number) => patch({ size });
  const setIllness = (illness: boolean) => patch({ illness });
  const setUnionStaff = (unionStaff: boolean) => patch({ unionStaff });
  const setEligibility = (eligibility: LegalAidEligibility | null) => patch({ eligibility });
  const [checklist, setChecklist] = useState<EvidenceChecklistItem[]>([]);
  const [phone, setPhone] = useState('');
  const [witnesses, setWitnesses] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [needsNotice, setNeedsNotice] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (disputeType)
      void legalAidApi
        .checklist(disputeType)
        .then(setChecklist)
        .catch(() => setChecklist([]));
  }, [disputeType]);

  const household = () => ({
    disputeType: disputeType as DisputeType,
    isMigrantWorker: !!migrant,
    amountClaimedFen: yuanToFen(amount) ?? 0,
    householdMonthlyIncomeFen: yuanToFen(income) ?? 0,
    householdSize: size,
    seriousIllnessOrDisaster: illness,
    unionStaffHarmedForDuty: unionStaff,
  });

  const employer = () => ({
    name: employerName.trim(),
    creditCode: creditCode ? creditCode.toUpperCase() : null,
    address: employerAddress.trim() || null,
  });

  /**
   * What is wrong on this screen, or null: the rules of the request schema in its words, then the
   * ones that depend on today and on each other (the server checks them the same way).
   */
  const check = (s: Step): string | null => {
    const today = chinaToday();
    switch (s) {
      case 'consent':
        return consent ? null : '请先阅读并勾选同意';
      case 'dispute':
        return schemaProblem(DISPUTE_FIELDS, { disputeType: disputeType ?? undefined, isMigrantWorker: migrant ?? undefined });
      case 'employer':
        return schemaProblem(employerBody, employer());
      case 'dates': {
        const checked = checkAgainst(DATE_FIELDS, {
          employmentStartedOn: startedOn,
          employmentEndedOn: stillEmployed === false ? endedOn : null,
          learnedOn,
        });
        const p: Record<string, string | undefined> = checked.ok ? {} : checked.problems;
        if (p.employmentStartedOn) return p.employmentStartedOn;
        if (startedOn > today) return '入职日期不能晚于今天';
        if (stillEmployed === null) return '请回答现在是否还在这家单位干';
        if (p.employmentEndedOn) return p.employmentEndedOn;
        if (!stillEmployed && endedOn < startedOn) return '离职日期不能早于入职日期';
        if (!stillEmployed && endedOn > today) return '离职日期不能晚于今天';
        return p.learnedOn ?? (learnedOn > today ? '知道权益受侵害的日期不能晚于今天' : null);
      }
      case 'claims':
        return schemaProblem(CLAIMS_FIELDS, { claims: claims.trim() }) ?? amountProblem(amount, '争议金额');
      case 'household':
        return amountProblem(income, '家庭每月总收入');
      case 'contact':
        return schemaProblem(CONTACT_FIELDS, { phone, witnesses: witnesses.trim() || undefined });
      default:
        return null;
    }
  };

  const next = async () => {
    const p = check(step);
    setProblem(p);
    if (p) return;
    if (step === 'household') {
      setBusy(true);
      try {
        setEligibility(await legalAidApi.eligibility(household()));
      } catch (e) {
        setProblem(errorMessage(e));
        return;
      } finally {
        setBusy(false);
      }
    }
    setStep(STEPS[STEPS.indexOf(step) + 1]);
  };

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const byPurpose = new Map<string, number[]>();
      for (const u of uploads) byPurpose.set(u.purpose, [...(byPurpose.get(u.purpose) ?? []), u.id]);
      const created = await legalAidApi.apply({
        ...household(),
        fromConsultationId: fromConsultation ?? undefined,
        employer: employer(),
        claims: claims.trim(),
        phone,
        employmentStartedOn: startedOn,
        employmentEndedOn: stillEmployed ? null : endedOn,
        learnedOn,
        evidence: [...byPurpose.entries()].map(([purpose, uploadIds]) => ({ purpose: purpose as UploadView['purpose'], uploadIds })),
        witnesses: witnesses.trim() || undefined,
        consentVersion: LEGAL_CONSENT_VERSION,
      });
      clearDraft();
      await Taro.redirectTo({ url: route('/pages/legal/case/index', { id: created.id, submitted: 1 }) });
    } catch (e) {
      if (isApiError(e, 'consent_required')) setNeedsNotice(true);
      const field = isApiError(e) ? e.details?.[0]?.field : undefined;
      setProblem(field ? `${errorMessage(e)}（${field}）` : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const nav = (
    <View className="card">
      {needsNotice ? <NoticeNeeded testId="aid-open-notice" /> : null}
      {problem ? (
        <Text className="field__error" data-testid="aid-error">
          {problem}
        </Text>
      ) : null}
      {step === 'review' ? (
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          loading={busy}
          onClick={() => void submit()}
          data-testid="aid-submit"
        >
          提交申请
        </Button>
      ) : (
        <Button block size="large" type="primary" className="big-button" loading={busy} onClick={() => void next()} data-testid="aid-next">
          下一步
        </Button>
      )}
      {step !== 'consent' ? (
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => (setProblem(null), setStep(STEPS[STEPS.indexOf(step) - 1]))}
          data-testid="aid-back"
        >
          上一步
        </Button>
      ) : null}
      <Text className="muted center">
        第 {STEPS.indexOf(step) + 1} 步，共 {STEPS.length} 步
      </Text>
    </View>
  );

  return (
    <View className="page" data-testid={`aid-step-${step}`}>
      {restoredDraft && step !== 'consent' ? (
        <Text className="muted" data-testid="aid-draft-restored">
          已接着上次没填完的地方继续（内容保存在这部手机上，手机号需要重新填写）。
        </Text>
      ) : null}
      {step === 'consent' ? (
        <View className="card">
          <Text className="card__title">申请前请阅读</Text>
          <Text className="paragraph">
            为审查和办理您的法律援助申请，县总工会职工法律援助中心需要收集您的联系电话、工作经历、家庭收入和证据材料，其中健康、收入等属于敏感个人信息。这些信息加密保存，只有中心工作人员和承办律师能看到，只用于办理您的案件，办结后按档案规定保存。
          </Text>
          <Choice
            title="我已阅读，同意中心为办理法律援助处理以上信息"
            selected={consent}
            onSelect={() => setConsent(!consent)}
            testId="aid-consent"
          />
        </View>
      ) : null}
      {step === 'dispute' ? (
        <View className="card">
          <Text className="card__title">遇到了什么问题？</Text>
          {DISPUTES.map((d) => (
            <Choice
              key={d}
              title={DISPUTE_TYPE_LABEL[d]}
              selected={disputeType === d}
              onSelect={() => setDisputeType(d)}
              testId={`aid-dispute-${d}`}
            />
          ))}
          <Text className="card__title">您是农民工吗？</Text>
          <Text className="muted">农民工讨要工资或工伤赔偿，不审查家庭经济状况。</Text>
          <Choice title="是，农民工" selected={migrant === true} onSelect={() => setMigrant(true)} testId="aid-migrant-yes" />
          <Choice title="不是" selected={migrant === false} onSelect={() => setMigrant(false)} testId="aid-migrant-no" />
        </View>
      ) : null}
      {step === 'employer' ? (
        <View className="card">
          <Text className="card__title">和哪家单位（或老板）有纠纷？</Text>
          <Field label="单位名称或老板姓名" value={employerName} onChange={setEmployerName} testId="aid-employer" />
          <Field
            label="统一社会信用代码（不知道可不填）"
            value={creditCode}
            onChange={setCreditCode}
            maxlength={18}
            testId="aid-credit-code"
          />
          <Field label="单位地址（可不填）" value={employerAddress} onChange={setEmployerAddress} testId="aid-employer-address" />
        </View>
      ) : null}
      {step === 'dates' ? (
        <View className="card">
          <Text className="card__title">几个日子</Text>
          <Text className="muted">申请仲裁有时效，这些日子决定还剩多少天，请尽量填准。</Text>
          <DateField label="哪天开始在这里干" value={startedOn} onChange={setStartedOn} placeholder="2025-03-01" testId="aid-started" />
          <Text className="field__label">现在还在这里干吗？</Text>
          <Choice title="还在干" selected={stillEmployed === true} onSelect={() => setStillEmployed(true)} testId="aid-employed-yes" />
          <Choice title="已经不干了" selected={stillEmployed === false} onSelect={() => setStillEmployed(false)} testId="aid-employed-no" />
          {stillEmployed === false ? (
            <DateField label="哪天离开的" value={endedOn} onChange={setEndedOn} placeholder="2026-09-30" testId="aid-ended" />
          ) : null}
          <DateField
            label="哪天知道自己权益受侵害"
            value={learnedOn}
            onChange={setLearnedOn}
            placeholder="2026-10-15"
            hint="例如该发工资的日子没发、被通知辞退的那天"
            testId="aid-learned"
          />
        </View>
      ) : null}
      {step === 'claims' ? (
        <View className="card">
          <Text className="card__title">要求单位做什么？</Text>
          <Textarea
            className="field__textarea"
            value={claims}
            maxlength={1000}
            placeholder="例如：支付拖欠的 2026 年 8、9 月工资 8600 元"
            onInput={(e) => setClaims(e.detail.value)}
            data-testid="aid-claims"
          />
          <Field label="一共涉及多少钱（元）" value={amount} onChange={setAmount} type="digit" testId="aid-amount" />
        </View>
      ) : null}
      {step === 'household' ? (
        <View className="card">
          <Text className="card__title">家里的收入</Text>
          <Field
            label="全家每月总收入（元）"
            value={income}
            onChange={setIncome}
            type="digit"
            hint="包括工资、养老金、经营收入等"
            testId="aid-income"
          />
          <Text className="field__label">家里几口人</Text>
          <NumberStepper value={size} min={1} max={20} unit="人" onChange={setSize} testId="aid-size" />
          <Choice title="家里有人患重大疾病或遭受灾害" selected={illness} onSelect={() => setIllness(!illness)} testId="aid-illness" />
          <Choice
            title="我是工会干部，因履行职责受到侵害"
            selected={unionStaff}
            onSelect={() => setUnionStaff(!unionStaff)}
            testId="aid-union-staff"
          />
        </View>
      ) : null}
      {step === 'evidence' ? (
        <View className="card">
          {eligibility ? (
            <View className={`card ${eligibility.eligible ? 'card--highlight' : ''}`} data-testid="aid-eligibility">
              <Text className="card__title">{eligibility.eligible ? '初步看，符合法律援助条件' : '初步看，可能不符合法律援助条件'}</Text>
              {eligibility.reasons.map((r) => (
                <Text key={r} className="paragraph">
                  {r}
                </Text>
              ))}
              <Text className="muted">以中心的书面决定为准；不符合也可以提交，中心会告诉您其他求助渠道。</Text>
            </View>
          ) : null}
          <Text className="card__title">证据材料</Text>
          <Text className="muted">有什么传什么，没有的可以先不传，律师会帮您想办法。</Text>
          {checklist.map((item) => (
            <UploadBox
              key={item.purpose}
              purpose={item.purpose}
              label={item.label}
              hint={item.hint}
              uploads={uploads}
              onAdd={(u) => patch((d) => ({ uploads: [...d.uploads, u] }))}
              onRemove={(id) => patch((d) => ({ uploads: d.uploads.filter((x) => x.id !== id) }))}
              testId={`aid-evidence-${item.purpose}`}
            />
          ))}
        </View>
      ) : null}
      {step === 'contact' ? (
        <View className="card">
          <Field
            label="手机号"
            value={phone}
            onChange={setPhone}
            type="number"
            maxlength={11}
            hint="律师会打这个电话联系您"
            testId="aid-phone"
          />
          <Text className="field__label">能作证的工友（可不填）</Text>
          <Textarea
            className="field__textarea"
            value={witnesses}
            maxlength={300}
            placeholder="姓名和电话"
            onInput={(e) => setWitnesses(e.detail.value)}
            data-testid="aid-witnesses"
          />
        </View>
      ) : null}
      {step === 'review' ? (
        <View className="card" data-testid="aid-review">
          <Text className="card__title">请核对后提交</Text>
          <Text className="paragraph">
            {disputeType ? DISPUTE_TYPE_LABEL[disputeType] : ''} · {employerName} · {yuan(yuanToFen(amount) ?? 0)}
          </Text>
          <Text className="paragraph">{claims}</Text>
          <Text className="muted">
            {startedOn} 入职，{stillEmployed ? '仍在职' : `${endedOn} 离职`}，{learnedOn} 知道权益受侵害。证据 {uploads.length} 份。
          </Text>
          <Text className="muted">提交后，中心在 7 个工作日内书面答复。</Text>
        </View>
      ) : null}
      {nav}
    </View>
  );
}
