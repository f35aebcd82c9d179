import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  EMPLOYMENT_TYPE_LABEL,
  HARDSHIP_CATEGORY_LABEL,
  checkAgainst,
  householdFactsBody,
  type HardshipEmploymentType,
  type HardshipExclusion,
  type HardshipSelfTestResult,
} from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { NumberStepper } from '../../../components/NumberStepper';
import { hardshipApi } from '../../../services/api/hardship';
import { saveSelfTestIntoDraft, type SelfTestAnswers } from '../../../services/hardshipDraft';
import { errorMessage, showError } from '../../../utils/feedback';
import { amountProblem, yuan, yuanToFen } from '../../../utils/money';
import { ruleSetLabel } from '../../../utils/format';

const QUESTIONS = ['家里几口人', '全家一年收入', '必要的开支', '看病和意外的花费', '您的工作', '有没有下面的情况'];
const EMPLOYMENT_TYPES = Object.keys(EMPLOYMENT_TYPE_LABEL) as HardshipEmploymentType[];

interface Answers {
  householdSize: number;
  income: string;
  spending: string;
  accident: string;
  employmentType: HardshipEmploymentType | '';
  months: string;
  exclusions: string[];
  none: boolean;
}

const START: Answers = {
  householdSize: 1,
  income: '',
  spending: '',
  accident: '',
  employmentType: '',
  months: '',
  exclusions: [],
  none: false,
};

/** The amount questions, by step: what the request calls the answer, and how the page names it. */
interface AmountQuestion {
  field: 'annualIncomeFen' | 'essentialSpendingFen' | 'accidentCostsFen';
  answer: (a: Answers) => string;
  what: string;
}
const AMOUNTS: Partial<Record<number, AmountQuestion>> = {
  1: { field: 'annualIncomeFen', answer: (a) => a.income, what: '全家一年的收入' },
  2: { field: 'essentialSpendingFen', answer: (a) => a.spending, what: '必要开支' },
  3: { field: 'accidentCostsFen', answer: (a) => a.accident, what: '这笔花费' },
};

/** What the amount and work questions ask, as the shared schema of the self-test says it; its messages are the ones shown. */
const AMOUNT_SCHEMA = householdFactsBody.pick({ annualIncomeFen: true, essentialSpendingFen: true, accidentCostsFen: true });
const WORK_SCHEMA = householdFactsBody.pick({ employmentType: true, employmentMonths: true });

const typedAmounts = (a: Answers) => ({
  annualIncomeFen: yuanToFen(a.income) ?? undefined,
  essentialSpendingFen: yuanToFen(a.spending) ?? undefined,
  accidentCostsFen: yuanToFen(a.accident) ?? undefined,
});

/** A whole number as typed ("24"), or nothing when it is not one. */
const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);

function problemOf(step: number, a: Answers): string | null {
  const amount = AMOUNTS[step];
  if (amount) {
    // How yuan are typed is the page's to say; the amount itself is the schema's.
    const typed = amountProblem(amount.answer(a), amount.what);
    if (typed) return typed;
    const checked = checkAgainst(AMOUNT_SCHEMA, typedAmounts(a));
    return checked.ok ? null : (checked.problems[amount.field] ?? null);
  }
  if (step === 4) {
    const checked = checkAgainst(WORK_SCHEMA, { employmentType: a.employmentType || undefined, employmentMonths: wholeNumber(a.months) });
    if (!checked.ok) return checked.problems.employmentType ?? checked.problems.employmentMonths ?? null;
  }
  if (step === 5 && !a.none && a.exclusions.length === 0) return '请勾选符合的情况；都没有就选“都没有”';
  return null;
}

/** No login needed: one question per screen, then the likely category and why, in plain words. */
export default function SelfTest() {
  const [step, setStep] = useState(0);
  const [a, setA] = useState<Answers>(START);
  const [problem, setProblem] = useState<string | null>(null);
  const [exclusions, setExclusions] = useState<HardshipExclusion[] | null>(null);
  const [rulesError, setRulesError] = useState<string | null>(null);
  const [result, setResult] = useState<HardshipSelfTestResult | null>(null);
  const [busy, setBusy] = useState(false);

  const [rulesTry, setRulesTry] = useState(0);

  // The exclusions are the county's own list, from the rule set in force.
  useEffect(() => {
    setRulesError(null);
    hardshipApi
      .currentRules()
      .then((r) => setExclusions(r.rules.exclusions))
      .catch((e: unknown) => setRulesError(errorMessage(e)));
  }, [rulesTry]);

  const update = (patch: Partial<Answers>) => {
    setA((prev) => ({ ...prev, ...patch }));
    setProblem(null);
  };

  const toggleExclusion = (code: string) =>
    update({
      none: false,
      exclusions: a.exclusions.includes(code) ? a.exclusions.filter((c) => c !== code) : [...a.exclusions, code],
    });

  const answersForDraft = (): SelfTestAnswers => ({
    householdSize: a.householdSize,
    annualIncomeYuan: a.income.trim(),
    essentialSpendingYuan: a.spending.trim(),
    accidentCostsYuan: a.accident.trim(),
    employmentType: a.employmentType as HardshipEmploymentType,
    employmentMonths: a.months.trim(),
    exclusions: a.none ? [] : a.exclusions,
  });

  const check = async () => {
    setBusy(true);
    try {
      const res = await hardshipApi.selfTest({
        householdSize: a.householdSize,
        annualIncomeFen: yuanToFen(a.income) ?? 0,
        essentialSpendingFen: yuanToFen(a.spending) ?? 0,
        accidentCostsFen: yuanToFen(a.accident) ?? 0,
        employmentType: a.employmentType as HardshipEmploymentType,
        employmentMonths: Number(a.months.trim()),
        exclusions: a.none ? [] : a.exclusions,
      });
      setResult(res);
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };

  const next = () => {
    const p = problemOf(step, a);
    setProblem(p);
    if (p) return;
    if (step < QUESTIONS.length - 1) setStep(step + 1);
    else void check();
  };

  const startApplication = async () => {
    saveSelfTestIntoDraft(answersForDraft());
    await Taro.redirectTo({ url: '/pages/hardship/apply/index' });
  };

  if (result) {
    return (
      <View className="page" data-testid="selftest-result">
        <View className="card">
          <Text className="card__title" data-testid="selftest-category" data-category={result.category ?? 'none'}>
            {result.eligible && result.category ? `可能属于：${HARDSHIP_CATEGORY_LABEL[result.category]}` : '按您的回答，暂不符合条件'}
          </Text>
          {result.reasons.map((r) => (
            <Text key={r} className="paragraph">
              {r}
            </Text>
          ))}
          <Text className="muted">
            当地低保标准每人每月 {yuan(result.minimumLivingFen)}（{ruleSetLabel(result.ruleSetVersion)}）。
          </Text>
          <Text className="next-step">{result.nextStep}。这只是估算，不会通知任何人；点下面的按钮，回答才会填进申请表。</Text>
        </View>
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          onClick={() => void startApplication()}
          data-testid="selftest-start"
        >
          按这些回答开始申请
        </Button>
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => {
            setResult(null);
            setStep(0);
          }}
          data-testid="selftest-again"
        >
          重新测一测
        </Button>
      </View>
    );
  }

  return (
    <View className="page" data-testid={`selftest-step-${step}`}>
      <View className="steps">
        {QUESTIONS.map((q, i) => (
          <View key={q} className={`steps__item${i <= step ? ' steps__item--done' : ''}`} />
        ))}
      </View>
      <Text className="muted">
        第 {step + 1} 题，共 {QUESTIONS.length} 题。不用登录，回答不会保存。
      </Text>
      <View className="card">
        {step === 0 ? (
          <View>
            <Text className="card__title">您家里一共几口人？</Text>
            <Text className="paragraph">算上您自己，住在一起、共同生活的家人。</Text>
            <NumberStepper
              value={a.householdSize}
              min={1}
              max={20}
              unit="人"
              onChange={(n) => update({ householdSize: n })}
              label="家庭人口"
              testId="selftest-size"
            />
          </View>
        ) : null}
        {step === 1 ? (
          <Field
            label="全家一年的收入加起来大约多少元？"
            value={a.income}
            onChange={(v) => update({ income: v })}
            type="digit"
            placeholder="例如 36000"
            hint="工资、养老金、做生意和打零工的钱都算上。"
            error={problem}
            testId="selftest-income"
          />
        ) : null}
        {step === 2 ? (
          <Field
            label="一年里必须花的钱大约多少元？"
            value={a.spending}
            onChange={(v) => update({ spending: v })}
            type="digit"
            placeholder="没有就填 0"
            hint="例如长期看病吃药、孩子上学的费用。"
            error={problem}
            testId="selftest-spending"
          />
        ) : null}
        {step === 3 ? (
          <Field
            label="今年因为灾害、意外或重病花了多少元？"
            value={a.accident}
            onChange={(v) => update({ accident: v })}
            type="digit"
            placeholder="没有就填 0"
            hint="例如房子被水冲毁、车祸、大病住院自己付的钱。"
            error={problem}
            testId="selftest-accident"
          />
        ) : null}
        {step === 4 ? (
          <View>
            <Text className="card__title">您是哪类职工？</Text>
            {EMPLOYMENT_TYPES.map((t) => (
              <Choice
                key={t}
                title={EMPLOYMENT_TYPE_LABEL[t]}
                selected={a.employmentType === t}
                onSelect={() => update({ employmentType: t })}
                testId={`selftest-employment-${t}`}
              />
            ))}
            <View style={{ marginTop: '32px' }}>
              <Field
                label="这份工作实际干了几个月？"
                value={a.months}
                onChange={(v) => update({ months: v })}
                type="number"
                maxlength={3}
                placeholder="例如 24"
                hint="农民工需要实际务工满一定月数。"
                testId="selftest-months"
              />
            </View>
          </View>
        ) : null}
        {step === 5 ? (
          <View>
            <Text className="card__title">您家有没有下面的情况？</Text>
            <Text className="paragraph">有的请勾选，可以选多项。</Text>
            {rulesError ? (
              <View>
                <Text className="field__error">{rulesError}</Text>
                <Button block size="large" className="big-button" onClick={() => setRulesTry((n) => n + 1)}>
                  重新读取
                </Button>
              </View>
            ) : null}
            {!exclusions && !rulesError ? <Text className="muted">正在读取…</Text> : null}
            {(exclusions ?? []).map((x) => (
              <Choice
                key={x.code}
                title={x.label}
                selected={a.exclusions.includes(x.code)}
                onSelect={() => toggleExclusion(x.code)}
                testId={`selftest-exclusion-${x.code}`}
              />
            ))}
            {exclusions ? (
              <Choice title="都没有" selected={a.none} onSelect={() => update({ none: !a.none, exclusions: [] })} testId="selftest-none" />
            ) : null}
          </View>
        ) : null}
        {problem && step !== 1 && step !== 2 && step !== 3 ? <Text className="field__error">{problem}</Text> : null}
      </View>
      <Button block size="large" type="primary" className="big-button" disabled={busy} onClick={next} data-testid="selftest-next">
        {step < QUESTIONS.length - 1 ? '下一题' : busy ? '正在计算…' : '看结果'}
      </Button>
      {step > 0 ? (
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => {
            setProblem(null);
            setStep(step - 1);
          }}
          data-testid="selftest-back"
        >
          上一题
        </Button>
      ) : null}
    </View>
  );
}
