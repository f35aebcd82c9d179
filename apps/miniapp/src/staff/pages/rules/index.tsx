import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import {
  AID_TYPE_LABEL,
  HARDSHIP_CATEGORY_LABEL,
  checkAgainst,
  createHardshipRuleSetBody,
  validateHardshipRules,
  type AidType,
  type HardshipCategory,
  type HardshipDeadlines,
  type HardshipRules,
} from '@union/shared';
import { Field } from '../../../components/Field';
import { NewRuleVersion } from '../../../components/NewRuleVersion';
import { NumberStepper } from '../../../components/NumberStepper';
import { PageStatus } from '../../../components/PageStatus';
import { useLoader } from '../../../hooks/useLoader';
import { isApiError } from '../../../services/request';
import { hardshipApi } from '../../../services/api/hardship';
import { errorMessage, toast } from '../../../utils/feedback';
import { amountProblem, yuan, yuanToFen } from '../../../utils/money';
import { chinaToday } from '../../../utils/format';

const CATEGORIES = Object.keys(HARDSHIP_CATEGORY_LABEL) as HardshipCategory[];
const AID_TYPES = Object.keys(AID_TYPE_LABEL) as AidType[];

const DEADLINE_LABEL: Record<keyof HardshipDeadlines, string> = {
  grassrootsReview: '基层工会初审',
  homeVisit: '入户核实',
  democraticReview: '民主评议',
  townReview: '乡镇（产业）工会审核',
  countyApproval: '县总工会审批',
  aidPayment: '帮扶资金发放',
  grantReview: '助学申请审核',
};

/**
 * The county's rules for hardship assistance (低保, multipliers, ceilings, deadlines). Saving
 * makes a new version from a chosen day; older versions stay and keep judging the cases they
 * judged. The server checks the whole rule set again.
 */
export default function RulesPage() {
  const { data, error } = useLoader(() => hardshipApi.ruleSets());
  const current = data?.[0] ?? null;
  const [rules, setRules] = useState<HardshipRules | null>(null);
  const [minimumLiving, setMinimumLiving] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(chinaToday(1));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (current && !rules) {
      setRules(structuredClone(current.rules));
      setMinimumLiving(String(current.rules.minimumLivingFen / 100));
    }
  }, [current, rules]);

  if (!data || !rules) return <PageStatus error={error} />;
  const set = (patch: Partial<HardshipRules>) => setRules({ ...rules, ...patch });
  const setCeiling = (c: HardshipCategory, a: AidType, text: string) => {
    const months = Number(text);
    set({ ceilingMonths: { ...rules.ceilingMonths, [c]: { ...rules.ceilingMonths[c], [a]: Number.isFinite(months) ? months : -1 } } });
  };

  const save = async () => {
    const found: Record<string, string> = {};
    const livingProblem = amountProblem(minimumLiving, '低保标准');
    if (livingProblem) found.minimumLivingFen = livingProblem;
    const next: HardshipRules = { ...rules, minimumLivingFen: yuanToFen(minimumLiving) ?? 0 };
    // The rules and the day are checked by the request's shared schema (validateHardshipRules runs over it).
    for (const p of validateHardshipRules(next)) found[p.field] ??= p.message;
    const year = Number(effectiveFrom.slice(0, 4));
    const dated = checkAgainst(createHardshipRuleSetBody.pick({ year: true, effectiveFrom: true }), { year, effectiveFrom });
    if (!dated.ok) found.effectiveFrom = dated.problems.effectiveFrom ?? dated.problems.year;
    else if (effectiveFrom < chinaToday()) found.effectiveFrom = '新版本只能从今天或以后开始执行';
    setProblems(found);
    if (Object.keys(found).length > 0) {
      toast('有几项需要改一下');
      return;
    }
    // The toast of an earlier try would lie over the dialog's text.
    await Taro.hideToast();
    const ok = await Taro.showModal({
      title: '保存为新版本',
      content: `从 ${effectiveFrom} 起，新的申请按这一版规则审核；已受理的申请仍按原来的版本。`,
    });
    if (!ok.confirm) return;
    setBusy(true);
    try {
      const created = await hardshipApi.createRuleSet({ year, effectiveFrom, rules: next });
      toast(`已保存为第 ${created.version} 版`);
      await Taro.navigateBack();
    } catch (e) {
      const field = isApiError(e) ? e.details?.[0]?.field : undefined;
      setProblems({ [field ?? 'server']: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const problem = (field: string) =>
    problems[field] ? (
      <Text className="field__error" data-testid={`rules-error-${field}`}>
        {problems[field]}
      </Text>
    ) : null;

  return (
    <View className="page" data-testid="rules-page">
      <View className="card">
        <Text className="card__title">最新：第 {current?.version} 版</Text>
        <Text className="muted">
          {current?.effectiveFrom} 起执行 · {current?.createdByName} 制定 · 低保 {yuan(current?.rules.minimumLivingFen ?? 0)}/人·月
        </Text>
        {data.length > 1 ? (
          <Text className="muted">
            以前的版本：
            {data
              .slice(1)
              .map((v) => `第 ${v.version} 版（${v.effectiveFrom} 起）`)
              .join('、')}
          </Text>
        ) : null}
      </View>

      <View className="card">
        <Text className="card__title">认定标准</Text>
        <Field
          label="城乡低保标准（元/人·月）"
          value={minimumLiving}
          onChange={setMinimumLiving}
          type="digit"
          error={problems.minimumLivingFen}
          testId="rules-minimum-living"
        />
        <Text className="field__label">深度困难：人均收入低于低保的几倍（×10）</Text>
        <NumberStepper
          value={Math.round(rules.severeMultiplier * 10)}
          min={1}
          max={99}
          unit={`= ${rules.severeMultiplier} 倍`}
          onChange={(n) => set({ severeMultiplier: n / 10 })}
          testId="rules-severe"
        />
        <Text className="field__label">相对困难：人均收入低于低保的几倍（×10）</Text>
        <NumberStepper
          value={Math.round(rules.relativeMultiplier * 10)}
          min={1}
          max={99}
          unit={`= ${rules.relativeMultiplier} 倍`}
          onChange={(n) => set({ relativeMultiplier: n / 10 })}
          testId="rules-relative"
        />
        {problem('relativeMultiplier')}
        <Text className="field__label">意外致困：当年刚性支出超过家庭收入的百分之几</Text>
        <NumberStepper
          value={Math.round(rules.accidentCostShare * 100)}
          min={1}
          max={99}
          unit="%"
          onChange={(n) => set({ accidentCostShare: n / 100 })}
          testId="rules-accident"
        />
        <Text className="field__label">农民工至少实际务工</Text>
        <NumberStepper
          value={rules.migrantMinEmploymentMonths}
          min={1}
          max={99}
          unit="个月"
          onChange={(n) => set({ migrantMinEmploymentMonths: n })}
          testId="rules-migrant-months"
        />
      </View>

      <View className="card">
        <Text className="card__title">办理期限（工作日）</Text>
        {(Object.keys(DEADLINE_LABEL) as (keyof HardshipDeadlines)[]).map((key) => (
          <View key={key}>
            <Text className="field__label">{DEADLINE_LABEL[key]}</Text>
            <NumberStepper
              value={rules.deadlines[key]}
              min={1}
              max={60}
              unit="个工作日"
              onChange={(n) => set({ deadlines: { ...rules.deadlines, [key]: n } })}
              testId={`rules-deadline-${key}`}
            />
          </View>
        ))}
        <Text className="field__label">公示天数</Text>
        <NumberStepper
          value={rules.publicNoticeDays}
          min={1}
          max={30}
          unit="天"
          onChange={(n) => set({ publicNoticeDays: n })}
          testId="rules-notice-days"
        />
        <Text className="field__label">建档后多久复核一次</Text>
        <NumberStepper
          value={rules.recheckMonths}
          min={1}
          max={36}
          unit="个月"
          onChange={(n) => set({ recheckMonths: n })}
          testId="rules-recheck"
        />
        <Text className="field__label">退档后多久回访</Text>
        <NumberStepper
          value={rules.followUpMonths}
          min={1}
          max={24}
          unit="个月"
          onChange={(n) => set({ followUpMonths: n })}
          testId="rules-follow-up"
        />
      </View>

      <View className="card">
        <Text className="card__title">每户每年帮扶上限（按几个月低保计）</Text>
        {CATEGORIES.map((c) => (
          <View key={c} className="ceiling-row">
            <Text className="field__label">{HARDSHIP_CATEGORY_LABEL[c]}</Text>
            {AID_TYPES.map((a) => (
              <View key={a} className="ceiling-cell">
                <Text className="muted">{AID_TYPE_LABEL[a]}</Text>
                <Input
                  className="field__input"
                  type="digit"
                  maxlength={4}
                  value={String(rules.ceilingMonths[c][a])}
                  onInput={(e) => setCeiling(c, a, e.detail.value)}
                  data-testid={`rules-ceiling-${c}-${a}`}
                />
                {problem(`ceilingMonths.${c}.${a}`)}
              </View>
            ))}
          </View>
        ))}
      </View>

      <View className="card">
        <Text className="card__title">排除情形</Text>
        <Text className="muted">申请人勾选其中任何一项，就不能认定为困难职工。</Text>
        {rules.exclusions.map((e, i) => (
          <View key={e.code} className="list-row">
            <Text className="paragraph">{e.label}</Text>
            <Text
              className="link"
              onClick={() => set({ exclusions: rules.exclusions.filter((_, j) => j !== i) })}
              data-testid={`rules-exclusion-remove-${e.code}`}
            >
              删除
            </Text>
          </View>
        ))}
      </View>

      <View className="card">
        <NewRuleVersion
          effectiveFrom={effectiveFrom}
          onEffectiveFrom={setEffectiveFrom}
          problems={problems}
          busy={busy}
          onSave={() => void save()}
          hint="已受理的申请仍按原来的版本审核"
          testId="rules"
        />
      </View>
    </View>
  );
}
