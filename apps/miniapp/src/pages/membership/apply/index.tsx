import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ConsentCheck } from '../../../components/ConsentCheck';
import {
  EMPLOYMENT_TYPE_LABEL,
  normalizeIdNumber,
  type EmploymentType,
  type OrganizationRouteSuggestion,
  type OrganizationView,
  checkAgainst,
  createMembershipApplicationBody,
} from '@union/shared';
import { Field } from '../../../components/Field';
import { LoginPrompt } from '../../../components/LoginPrompt';
import { OrgPicker } from '../../../components/OrgPicker';
import { applicationsApi } from '../../../services/api/membership';
import { meApi } from '../../../services/api/me';
import { organizationsApi } from '../../../services/api/organizations';
import { clearDraft, loadDraft, saveDraft, type MembershipDraft } from '../../../services/draft';
import { isApiError } from '../../../services/request';
import { errorMessage, showError } from '../../../utils/feedback';
import { idNumberProblem, phoneProblem } from '../../../utils/idNumber';
import { route } from '../../../utils/nav';
import { useLoggedIn } from '../../../hooks/useLoggedIn';

const STEPS = ['您是谁', '在哪里工作', '加入哪个工会', '要不要告诉单位', '核对并提交'];
const EMPLOYMENT_TYPES = Object.keys(EMPLOYMENT_TYPE_LABEL) as EmploymentType[];

type Errors = Partial<Record<'realName' | 'idNumber' | 'phone' | 'employerName' | 'employmentType' | 'organization', string>>;

const STEP_OF_FIELD: Record<keyof Errors, number> = {
  realName: 0,
  idNumber: 0,
  phone: 0,
  employerName: 1,
  employmentType: 1,
  organization: 2,
};

/** What each step asks for, as the shared schema of the request says it; its messages are the ones shown. */
const STEP_SCHEMA = [
  createMembershipApplicationBody.pick({ realName: true }),
  createMembershipApplicationBody.pick({ employerName: true, employmentType: true }),
  createMembershipApplicationBody.pick({ organizationId: true }),
];

function problemsOfStep(step: number, draft: MembershipDraft, idNumber: string): Errors {
  const errors: Errors = {};
  const schema = STEP_SCHEMA[step];
  if (schema) {
    const values: Record<string, unknown> = {
      realName: draft.realName.trim(),
      employerName: draft.employerName,
      employmentType: draft.employmentType || undefined,
      organizationId: draft.organizationId ?? undefined,
    };
    const asked = Object.fromEntries(Object.keys(schema.shape).map((field) => [field, values[field]]));
    const checked = checkAgainst(schema, asked);
    if (!checked.ok) {
      for (const [field, message] of Object.entries(checked.problems)) {
        errors[field === 'organizationId' ? 'organization' : (field as keyof Errors)] = message;
      }
    }
  }
  if (step === 0) {
    // The check digit and the number's form are the shared pii rules the server applies too.
    const idProblem = idNumberProblem(idNumber);
    if (idProblem) errors.idNumber = idProblem;
    const phone = phoneProblem(draft.phone);
    if (phone) errors.phone = phone;
  }
  return errors;
}

export default function Apply() {
  const [ready, setReady] = useState(false);
  const [draft, setDraft] = useState<MembershipDraft>(() => ({ ...loadDraft(), step: 0 }));
  // Kept in memory only: the ID number is sensitive and never goes into the local draft.
  const [idNumber, setIdNumber] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [suggestion, setSuggestion] = useState<OrganizationRouteSuggestion | null>(null);
  const [suggestionNote, setSuggestionNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loggedIn = useLoggedIn();

  useEffect(() => {
    if (!loggedIn) return;
    meApi
      .get()
      .then(async (me) => {
        if (me.isMember) {
          await Taro.redirectTo({ url: '/pages/membership/card/index' });
        } else if (!me.consentsCurrent) {
          await Taro.redirectTo({ url: '/pages/membership/consent/index' });
        } else {
          setReady(true);
        }
      })
      .catch((e: unknown) => void showError(e));
  }, [loggedIn]);

  useEffect(() => {
    saveDraft(draft);
  }, [draft]);

  const update = (patch: Partial<MembershipDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const loadSuggestion = async (employerName: string) => {
    setSuggestionNote('正在查找可以受理的工会…');
    try {
      const s = await organizationsApi.route(employerName.trim());
      setSuggestion(s);
      setSuggestionNote(null);
      const first = s.employerUnion ?? s.alternatives[0];
      if (first && !draft.organizationId) update({ organizationId: first.id, organizationName: first.name });
    } catch (e) {
      setSuggestionNote(errorMessage(e));
    }
  };

  const goStep = (step: number) => {
    update({ step });
    setErrors({});
    if (step === 2 && !suggestion) void loadSuggestion(draft.employerName);
  };

  const next = () => {
    const problems = problemsOfStep(draft.step, draft, idNumber);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    goStep(draft.step + 1);
  };

  const pick = (org: OrganizationView) => update({ organizationId: org.id, organizationName: org.name });

  const submit = async () => {
    for (let step = 0; step < 3; step += 1) {
      const problems = problemsOfStep(step, draft, idNumber);
      if (Object.keys(problems).length) {
        update({ step });
        setErrors(problems);
        return;
      }
    }
    setBusy(true);
    try {
      const created = await applicationsApi.create({
        realName: draft.realName.trim(),
        idNumber: normalizeIdNumber(idNumber),
        phone: draft.phone.trim(),
        employerName: draft.employerName.trim(),
        employmentType: draft.employmentType as EmploymentType,
        organizationId: draft.organizationId as number,
        hideFromEmployer: draft.hideFromEmployer,
      });
      clearDraft();
      await Taro.redirectTo({
        url: route('/pages/membership/application/index', { id: created.id, submitted: 1 }),
      });
    } catch (e) {
      if (isApiError(e, 'consent_required')) {
        await Taro.redirectTo({ url: '/pages/membership/consent/index' });
      } else if (isApiError(e, 'invalid_id_number')) {
        update({ step: 0 });
        setErrors({ idNumber: e.message });
      } else if (isApiError(e, 'invalid_phone')) {
        update({ step: 0 });
        setErrors({ phone: e.message });
      } else if (isApiError(e, 'validation_failed') && e.details?.length) {
        const found: Errors = {};
        for (const d of e.details) {
          const key = (d.field === 'organizationId' ? 'organization' : d.field) as keyof Errors;
          if (key in STEP_OF_FIELD) found[key] = d.message;
        }
        const steps = Object.keys(found).map((k) => STEP_OF_FIELD[k as keyof Errors]);
        if (steps.length) update({ step: Math.min(...steps) });
        setErrors(found);
        await showError(e);
      } else if (isApiError(e, 'duplicate_application') || isApiError(e, 'already_member')) {
        clearDraft();
        await showError(e);
        await Taro.switchTab({ url: '/pages/mine/index' });
      } else {
        await showError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  if (!loggedIn)
    return (
      <View className="page">
        <LoginPrompt text="申请入会前请先登录。" />
      </View>
    );
  if (!ready)
    return (
      <View className="page">
        <Text className="muted">正在打开…</Text>
      </View>
    );

  const step = draft.step;
  const orgChoices: OrganizationView[] = suggestion
    ? [...(suggestion.employerUnion ? [suggestion.employerUnion] : []), ...suggestion.alternatives]
    : [];

  return (
    <View className="page" data-testid={`apply-step-${step}`}>
      <View className="steps">
        {STEPS.map((s, i) => (
          <View key={s} className={`steps__item${i <= step ? ' steps__item--done' : ''}`} />
        ))}
      </View>
      <Text className="muted">
        第 {step + 1} 步，共 {STEPS.length} 步
      </Text>
      <View className="card">
        <Text className="card__title">{STEPS[step]}</Text>

        {step === 0 ? (
          <View>
            <Field
              label="姓名"
              value={draft.realName}
              onChange={(v) => update({ realName: v })}
              placeholder="和身份证上一致"
              error={errors.realName}
              testId="apply-real-name"
            />
            <Field
              label="身份证号码"
              value={idNumber}
              onChange={setIdNumber}
              type="idcard"
              maxlength={18}
              placeholder="18 位，最后一位可能是 X"
              hint="为了您的安全，身份证号码不会保存在手机上。"
              error={errors.idNumber}
              testId="apply-id-number"
            />
            <Field
              label="手机号码"
              value={draft.phone}
              onChange={(v) => update({ phone: v })}
              type="number"
              maxlength={11}
              placeholder="11 位手机号"
              hint="工会有事会打这个电话联系您。"
              error={errors.phone}
              testId="apply-phone"
            />
          </View>
        ) : null}

        {step === 1 ? (
          <View>
            <Field
              label="工作单位"
              value={draft.employerName}
              onChange={(v) => {
                update({ employerName: v, organizationId: null, organizationName: '' });
                setSuggestion(null);
              }}
              placeholder="单位全称，例如：县城建筑公司"
              hint="没有固定单位的，写平台或“无固定单位”。"
              error={errors.employerName}
              testId="apply-employer"
            />
            <Text className="field__label">您是哪类职工</Text>
            {EMPLOYMENT_TYPES.map((t) => (
              <View
                key={t}
                className={`choice${draft.employmentType === t ? ' choice--selected' : ''}`}
                onClick={() => update({ employmentType: t })}
                data-testid={`employment-${t}`}
              >
                <Text className="choice__title">{EMPLOYMENT_TYPE_LABEL[t]}</Text>
              </View>
            ))}
            {errors.employmentType ? <Text className="field__error">{errors.employmentType}</Text> : null}
          </View>
        ) : null}

        {step === 2 ? (
          <View>
            {suggestionNote ? <Text className="paragraph">{suggestionNote}</Text> : null}
            {suggestion ? (
              <Text className="paragraph">
                {suggestion.employerUnion
                  ? '您的单位有自己的工会，建议加入它；也可以选下面的其他工会。'
                  : '没有找到您单位的工会。下面这些工会可以接收您入会，选一个离您近的：'}
              </Text>
            ) : null}
            {orgChoices.map((org, i) => (
              <View
                key={org.id}
                className={`choice${draft.organizationId === org.id ? ' choice--selected' : ''}`}
                onClick={() => pick(org)}
                data-testid={i === 0 ? 'org-suggested' : `org-choice-${org.id}`}
              >
                <Text className="choice__title">{org.name}</Text>
                <Text className="choice__desc">
                  {org.kindLabel}
                  {i === 0 ? ' · 推荐' : ''}
                </Text>
              </View>
            ))}
            <Text className="field__label" style={{ marginTop: '32px', display: 'block' }}>
              不在上面？按名称找一找
            </Text>
            <OrgPicker selectedId={draft.organizationId} onSelect={pick} testId="apply-org-search" />
            {draft.organizationName ? <Text className="paragraph">已选：{draft.organizationName}</Text> : null}
            {errors.organization ? <Text className="field__error">{errors.organization}</Text> : null}
          </View>
        ) : null}

        {step === 3 ? (
          <View>
            <View data-testid="apply-hide-switch">
              <ConsentCheck
                checked={draft.hideFromEmployer}
                onChange={(v) => update({ hideFromEmployer: v })}
                label="不告诉单位（由上一级工会直接办理）"
              />
            </View>
            <Text className="paragraph">
              {draft.hideFromEmployer
                ? '已打开：您单位的工会看不到这份申请，由上一级工会直接办理。'
                : '没打开：申请会交给您选的工会办理，单位工会的工作人员能看到。'}
            </Text>
            <Text className="muted">担心单位知道后对您不利，就打开它。办理结果一样。</Text>
          </View>
        ) : null}

        {step === 4 ? (
          <View data-testid="apply-review">
            <View className="row">
              <Text className="row__label">姓名</Text>
              <Text className="row__value">{draft.realName}</Text>
            </View>
            <View className="row">
              <Text className="row__label">身份证号码</Text>
              <Text className="row__value">{normalizeIdNumber(idNumber)}</Text>
            </View>
            <View className="row">
              <Text className="row__label">手机号码</Text>
              <Text className="row__value">{draft.phone}</Text>
            </View>
            <View className="row">
              <Text className="row__label">工作单位</Text>
              <Text className="row__value">{draft.employerName}</Text>
            </View>
            <View className="row">
              <Text className="row__label">职工类别</Text>
              <Text className="row__value">{draft.employmentType ? EMPLOYMENT_TYPE_LABEL[draft.employmentType] : ''}</Text>
            </View>
            <View className="row">
              <Text className="row__label">加入工会</Text>
              <Text className="row__value">{draft.organizationName}</Text>
            </View>
            <View className="row">
              <Text className="row__label">告诉单位</Text>
              <Text className="row__value">{draft.hideFromEmployer ? '不告诉' : '可以'}</Text>
            </View>
            <Text className="next-step">
              提交后，{draft.organizationName || '工会'}会审核您的申请，一般 15 个工作日内答复，结果会发到“消息”里。
            </Text>
          </View>
        ) : null}
      </View>

      {step < 4 ? (
        <Button block size="large" type="primary" className="big-button" onClick={next} data-testid="apply-next">
          下一步
        </Button>
      ) : (
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          disabled={busy}
          onClick={() => void submit()}
          data-testid="apply-submit"
        >
          确认提交
        </Button>
      )}
      {step > 0 ? (
        <Button block size="large" className="big-button" onClick={() => goStep(step - 1)} data-testid="apply-back">
          上一步
        </Button>
      ) : null}
    </View>
  );
}
