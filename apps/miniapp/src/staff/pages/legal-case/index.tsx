import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  acceptLegalAidBody,
  checkAgainst,
  closeLegalAidBody,
  LEGAL_AID_OUTCOME_LABEL,
  legalAidDatesBody,
  legalAidStageBody,
  rejectLegalAidBody,
  type ActionView,
  type LegalAidApplicationView,
  type LegalAidCaseDates,
  type LegalAidOutcome,
  type LegalAidStageRequest,
  type UploadView,
  isTerminalState,
} from '@union/shared';
import { ActionPanel } from '../../../components/ActionPanel';
import { Choice } from '../../../components/Choice';
import { EvidenceList } from '../../../components/EvidenceList';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { RevealField } from '../../../components/RevealField';
import { StateTag } from '../../../components/StateTag';
import { StatutoryClockCard } from '../../../components/StatutoryClock';
import { Timeline } from '../../../components/Timeline';
import { UploadBox } from '../../../components/UploadBox';
import { useLoader } from '../../../hooks/useLoader';
import { legalAidApi, scheduleApi } from '../../../services/api/legal';
import { errorMessage, toast } from '../../../utils/feedback';
import { chinaToday, deadlineText, formatDate, ruleSetLabel } from '../../../utils/format';

import { amountProblem, yuan, yuanToFen } from '../../../utils/money';
import { numberParam } from '../../../utils/nav';
import { DateField } from '../../../components/DateField';

type DateKey = Exclude<keyof LegalAidCaseDates, 'awardExtended'>;
const DATE_LABEL: Record<DateKey, string> = {
  mediationStartedOn: '申请调解日期',
  mediationEndedOn: '调解结束日期',
  arbitrationAppliedOn: '申请仲裁日期',
  arbitrationAcceptedOn: '仲裁受理日期',
  awardReceivedOn: '收到裁决书日期',
  lawsuitFiledOn: '起诉日期',
};
/** The dates each stage starts with. */
const STAGE_DATES: Record<LegalAidStageRequest['action'], DateKey[]> = {
  start_negotiation: [],
  start_mediation: ['mediationStartedOn'],
  start_arbitration: ['arbitrationAppliedOn', 'arbitrationAcceptedOn'],
  start_litigation: ['lawsuitFiledOn'],
};
const OUTCOMES = Object.keys(LEGAL_AID_OUTCOME_LABEL) as LegalAidOutcome[];

/** The first problem a request schema finds, in its words (the server says the same). */
const firstProblem = (problems: Record<string, string>): string | null => Object.values(problems)[0] ?? null;

/** The dates form: each date a field; empty means unknown. */
function DateFields({
  keys,
  values,
  onChange,
}: {
  keys: DateKey[];
  values: Partial<Record<DateKey, string>>;
  onChange: (k: DateKey, v: string) => void;
}) {
  return (
    <>
      {keys.map((k) => (
        <Field
          key={k}
          label={DATE_LABEL[k]}
          value={values[k] ?? ''}
          onChange={(v) => onChange(k, v)}
          placeholder="2026-11-20"
          testId={`case-date-${k}`}
        />
      ))}
    </>
  );
}

/**
 * A legal-aid case for the centre: the decision (accept with a lawyer, or refuse with a reason
 * and other help), the stages with their dates and documents, dates learned later, and closing.
 * Only the forms the server allows now are shown.
 */
export default function StaffLegalCase() {
  const id = numberParam(useRouter().params.id);
  const [form, setForm] = useState<ActionView | 'dates' | null>(null);
  const [lawyerId, setLawyerId] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [otherHelp, setOtherHelp] = useState('');
  const [startedOn, setStartedOn] = useState(chinaToday());
  const [dates, setDates] = useState<Partial<Record<DateKey, string>>>({});
  const [docs, setDocs] = useState<UploadView[]>([]);
  const [outcome, setOutcome] = useState<LegalAidOutcome | null>(null);
  const [claimed, setClaimed] = useState('');
  const [recovered, setRecovered] = useState('');
  const [recoveredOn, setRecoveredOn] = useState(chinaToday());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data, error, reload } = useLoader(async () => {
    if (!id) throw new Error('链接不完整');
    const [app, lawyers] = await Promise.all([legalAidApi.get(id), scheduleApi.lawyers().catch(() => [])]);
    // Only lawyers of the centre handling the case can see it once it is theirs.
    return { app, lawyers: lawyers.filter((l) => l.isLawyer && l.organizationName === app.organizationName) };
  });
  if (!data || !id) return <PageStatus error={error} />;
  const app = data.app;

  const open = (a: ActionView | 'dates') => {
    setForm(a);
    setProblem(null);
    setText('');
    setDocs([]);
    // Dates already recorded are shown, so a stage form never loses them.
    setDates(
      Object.fromEntries(Object.keys(DATE_LABEL).map((k) => [k, app.dates[k as DateKey] ?? ''])) as Partial<Record<DateKey, string>>,
    );
    setClaimed(String(app.amountClaimedFen / 100));
  };

  const send = async (work: () => Promise<LegalAidApplicationView>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      setForm(null);
      toast('已办理');
      await reload();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  /** The dates of the form (empty: unknown), checked by the request schema where they are sent. */
  const datesPayload = (keys: DateKey[]) => {
    const out: Partial<Record<DateKey, string | null>> = {};
    for (const k of keys) out[k] = (dates[k] ?? '').trim() || null;
    return out;
  };

  const submit = () => {
    if (!form) return;
    try {
      if (form === 'dates') {
        const checked = checkAgainst(legalAidDatesBody, {
          version: app.version,
          ...datesPayload(Object.keys(DATE_LABEL) as DateKey[]),
          note: text.trim() || undefined,
          uploadIds: docs.map((d) => d.id),
        });
        if (!checked.ok) return setProblem(firstProblem(checked.problems));
        return void send(() => legalAidApi.dates(id, checked.value));
      }
      switch (form.form) {
        case 'legal_aid_accept': {
          const checked = checkAgainst(acceptLegalAidBody, {
            version: app.version,
            lawyerUserId: lawyerId ?? undefined,
            comment: text.trim() || undefined,
          });
          if (!checked.ok) return setProblem(firstProblem(checked.problems));
          return void send(() => legalAidApi.accept(id, checked.value));
        }
        case 'legal_aid_reject': {
          const checked = checkAgainst(rejectLegalAidBody, {
            version: app.version,
            reason: text.trim(),
            otherHelp: otherHelp.trim() || undefined,
          });
          if (!checked.ok) return setProblem(firstProblem(checked.problems));
          return void send(() => legalAidApi.reject(id, checked.value));
        }
        case 'legal_aid_stage': {
          const action = form.action as LegalAidStageRequest['action'];
          const checked = checkAgainst(legalAidStageBody, {
            version: app.version,
            action,
            startedOn,
            ...datesPayload(STAGE_DATES[action]),
            note: text.trim() || undefined,
            uploadIds: docs.map((d) => d.id),
          });
          if (!checked.ok) return setProblem(firstProblem(checked.problems));
          return void send(() => legalAidApi.stage(id, checked.value));
        }
        case 'legal_aid_close': {
          const chosen = checkAgainst(closeLegalAidBody.pick({ outcome: true }), { outcome: outcome ?? undefined });
          if (!chosen.ok) return setProblem(firstProblem(chosen.problems));
          // The amounts are typed in yuan: read them, then the request is checked whole.
          const p = amountProblem(claimed, '请求金额') ?? amountProblem(recovered, '追回金额');
          if (p) return setProblem(p);
          const recoveredFen = yuanToFen(recovered) ?? 0;
          const checked = checkAgainst(closeLegalAidBody, {
            version: app.version,
            outcome: chosen.value.outcome,
            amountClaimedFen: yuanToFen(claimed) ?? 0,
            amountRecoveredFen: recoveredFen,
            recoveredOn: recoveredFen > 0 ? recoveredOn : null,
            note: text.trim(),
            uploadIds: docs.map((d) => d.id),
          });
          if (!checked.ok) return setProblem(firstProblem(checked.problems));
          return void send(() => legalAidApi.close(id, checked.value));
        }
      }
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };

  const handling = app.actions.some((a) => a.action === 'close');
  const formKind = form === 'dates' ? 'dates' : form?.form;

  return (
    <View className="page" data-testid="staff-legal-case">
      <View className="card">
        <View className="row">
          <Text className="card__title">
            {app.applicantName} · {app.disputeTypeLabel}
          </Text>
          <StateTag caseType="legal_aid_application" state={app.state} label={app.stateLabel} />
        </View>
        {app.deadline ? (
          <Text className={app.deadline.overdue ? 'field__error' : 'muted'}>书面答复期限：{deadlineText(app.deadline)}</Text>
        ) : null}
        <Text className="paragraph">{app.claims}</Text>
        <Text className="muted">
          对方：{app.employer.name}
          {app.employer.creditCode ? `（${app.employer.creditCode}）` : ''} · 争议金额 {yuan(app.amountClaimedFen)} · 电话 {app.phoneMasked}
        </Text>
        <RevealField
          subject="legal_aid_application"
          id={app.id}
          field="phone"
          label="申请人完整手机号（联系当事人用）"
          reveal={(reason) => legalAidApi.revealPhone(app.id, reason)}
        />
        <Text className="muted">
          {app.employmentStartedOn} 入职 · {app.employmentEndedOn ? `${app.employmentEndedOn} 离职` : '仍在职'} · {app.learnedOn}{' '}
          知道权益受侵害 · {app.isMigrantWorker ? '农民工' : '非农民工'} · 提交于 {formatDate(app.submittedAt)}
        </Text>
        <Text className="muted">承办律师：{app.lawyerName ?? '未指派'}</Text>
      </View>

      {app.conflicts.length ? (
        <View className="card card--highlight" data-testid="case-conflicts">
          <Text className="card__title">注意：中心还有 {app.conflicts.length} 件案件的对方是这家单位</Text>
          {app.conflicts.map((c) => (
            <Text key={c.caseId} className="muted">
              案件 {c.caseId} · {c.stateLabel} · {c.lawyerName ?? '未指派'} · {formatDate(c.submittedAt)}
            </Text>
          ))}
        </View>
      ) : null}

      <View className="card">
        <Text className="card__title">初步审查（{ruleSetLabel(app.ruleSetVersion)}）</Text>
        {app.eligibility.reasons.map((r) => (
          <Text key={r} className="paragraph">
            {r}
          </Text>
        ))}
      </View>

      {!isTerminalState('legal_aid_application', app.state) ? <StatutoryClockCard clock={app.clock} /> : null}

      {app.evidence.length ? (
        <View className="card">
          <Text className="card__title">证据</Text>
          {app.evidence.map((e) => (
            <View key={e.purpose}>
              <Text className="muted">{e.purposeLabel}</Text>
              <EvidenceList uploads={e.files} testId={`staff-evidence-${e.purpose}`} />
            </View>
          ))}
        </View>
      ) : null}

      {app.stages.length ? (
        <View className="card">
          <Text className="card__title">办理经过</Text>
          {app.stages.map((s, i) => (
            <View key={i} className="clock">
              <Text>
                {s.startedOn} · {s.stageLabel} · {s.recordedByName}
              </Text>
              {s.note ? <Text className="muted">{s.note}</Text> : null}
              {s.documents.length ? <EvidenceList uploads={s.documents} testId={`staff-stage-docs-${i}`} /> : null}
            </View>
          ))}
        </View>
      ) : null}

      {form ? (
        <View className="card" data-testid={`case-form-${formKind}`}>
          <Text className="card__title">{form === 'dates' ? '登记日期' : form.label}</Text>
          {formKind === 'legal_aid_accept'
            ? data.lawyers.map((l) => (
                <Choice
                  key={l.userId}
                  title={l.name}
                  desc={l.organizationName}
                  selected={lawyerId === l.userId}
                  onSelect={() => setLawyerId(l.userId)}
                  testId={`case-lawyer-${l.userId}`}
                />
              ))
            : null}
          {formKind === 'legal_aid_stage' ? (
            <>
              <DateField label="开始日期" value={startedOn} onChange={setStartedOn} testId="case-stage-started" />
              <DateFields
                keys={STAGE_DATES[(form as ActionView).action as LegalAidStageRequest['action']]}
                values={dates}
                onChange={(k, v) => setDates({ ...dates, [k]: v })}
              />
            </>
          ) : null}
          {formKind === 'dates' ? (
            <DateFields keys={Object.keys(DATE_LABEL) as DateKey[]} values={dates} onChange={(k, v) => setDates({ ...dates, [k]: v })} />
          ) : null}
          {formKind === 'legal_aid_close' ? (
            <>
              {OUTCOMES.map((o) => (
                <Choice
                  key={o}
                  title={LEGAL_AID_OUTCOME_LABEL[o]}
                  selected={outcome === o}
                  onSelect={() => setOutcome(o)}
                  testId={`case-outcome-${o}`}
                />
              ))}
              <Field label="请求金额（元）" value={claimed} onChange={setClaimed} type="digit" testId="case-claimed" />
              <Field label="追回金额（元）" value={recovered} onChange={setRecovered} type="digit" testId="case-recovered-input" />
              <DateField label="到账日期" value={recoveredOn} onChange={setRecoveredOn} testId="case-recovered-on" />
            </>
          ) : null}
          <Text className="field__label">{formKind === 'legal_aid_reject' ? '不予援助的理由（职工能看到）' : '说明'}</Text>
          <Textarea
            className="field__textarea"
            value={text}
            maxlength={500}
            onInput={(e) => setText(e.detail.value)}
            data-testid="case-form-text"
          />
          {formKind === 'legal_aid_reject' ? (
            <Field label="其他求助渠道（不填用中心的默认说明）" value={otherHelp} onChange={setOtherHelp} testId="case-other-help" />
          ) : null}
          {['legal_aid_stage', 'legal_aid_close', 'dates'].includes(formKind ?? '') ? (
            <UploadBox
              purpose="legal_document"
              label="文书（协议书、裁决书、判决书等，可不传）"
              uploads={docs}
              onAdd={(u) => setDocs((l) => [...l, u])}
              onRemove={(d) => setDocs((l) => l.filter((u) => u.id !== d))}
              testId="case-docs"
            />
          ) : null}
          {problem ? (
            <Text className="field__error" data-testid="case-form-error">
              {problem}
            </Text>
          ) : null}
          <Button block size="large" type="primary" className="big-button" loading={busy} onClick={submit} data-testid="case-form-submit">
            确定
          </Button>
          <Button block size="large" className="big-button" onClick={() => setForm(null)}>
            取消
          </Button>
        </View>
      ) : (
        <>
          <ActionPanel actions={app.actions} busy={busy} onRun={() => undefined} onForm={open} />
          {handling ? (
            <Button block size="large" className="big-button" onClick={() => open('dates')} data-testid="case-open-dates">
              登记日期（调解结束、仲裁受理、收到裁决书……）
            </Button>
          ) : null}
        </>
      )}
      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={app.history} />
      </View>
    </View>
  );
}
