import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { checkAgainst, LEGAL_AID_EXEMPTION_LABEL, legalRuleSetBody, type LegalAidExemptionCode, type LegalAidRules } from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { NewRuleVersion } from '../../../components/NewRuleVersion';
import { NumberStepper } from '../../../components/NumberStepper';
import { PageStatus } from '../../../components/PageStatus';
import { useLoader } from '../../../hooks/useLoader';
import { isApiError } from '../../../services/request';
import { legalAidApi } from '../../../services/api/legal';
import { errorMessage, toast } from '../../../utils/feedback';

import { amountProblem, yuan, yuanToFen } from '../../../utils/money';
import { chinaToday, ruleSetLabel } from '../../../utils/format';

const EXEMPTIONS = Object.keys(LEGAL_AID_EXEMPTION_LABEL) as LegalAidExemptionCode[];

/** The county's legal-aid rules: saving makes a new version from a day on; applications keep the version that judged them. */
export default function LegalRulesPage() {
  const { data, error } = useLoader(() => legalAidApi.rules());
  const [rules, setRules] = useState<LegalAidRules | null>(null);
  const [wage, setWage] = useState('');
  const [threshold, setThreshold] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(chinaToday(1));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (data && !rules) {
      setRules({ ...data.rules });
      setWage(String(data.rules.minimumWageFen / 100));
      setThreshold(String(data.rules.amountThresholdFen / 100));
    }
  }, [data, rules]);
  if (!data || !rules) return <PageStatus error={error} />;
  const set = (patch: Partial<LegalAidRules>) => setRules({ ...rules, ...patch });

  const save = async () => {
    const found: Record<string, string> = {};
    const w = amountProblem(wage, '最低工资标准');
    const t = amountProblem(threshold, '争议金额标准');
    if (w) found.minimumWageFen = w;
    if (t) found.amountThresholdFen = t;
    const next = { ...rules, minimumWageFen: yuanToFen(wage) ?? 0, amountThresholdFen: yuanToFen(threshold) ?? 0 };
    // The rule set's schema, in its words (rules.otherHelp is shown under otherHelp).
    const checked = checkAgainst(legalRuleSetBody, { effectiveFrom, rules: next });
    if (!checked.ok) {
      for (const [field, message] of Object.entries(checked.problems)) found[field.replace(/^rules\./, '').split('.')[0]] ??= message;
    }
    if (!found.effectiveFrom && effectiveFrom < chinaToday()) found.effectiveFrom = '新版本只能从今天或以后开始执行';
    setProblems(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const created = await legalAidApi.createRules({ effectiveFrom, rules: next });
      toast(`已保存为第 ${created.version} 版`);
      await Taro.navigateBack();
    } catch (e) {
      const field = isApiError(e) ? e.details?.[0]?.field : undefined;
      setProblems({ [field ?? 'server']: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page" data-testid="legal-rules-page">
      <View className="card">
        <Text className="card__title">现行：{ruleSetLabel(data.version)}</Text>
        <Text className="muted">
          {data.version === 0 ? '县里还没有保存自己的标准，按默认标准执行' : `${data.effectiveFrom} 起执行 · ${data.createdByName} 制定`} ·
          最低工资 {yuan(data.rules.minimumWageFen)}/月
        </Text>
      </View>
      <View className="card">
        <Field
          label="当地最低工资标准（元/月）"
          value={wage}
          onChange={setWage}
          type="digit"
          error={problems.minimumWageFen}
          testId="legal-rules-wage"
        />
        <Field
          label="争议金额不低于（元）"
          value={threshold}
          onChange={setThreshold}
          type="digit"
          error={problems.amountThresholdFen}
          testId="legal-rules-threshold"
        />
        <Text className="field__label">免审经济状况的情形</Text>
        {EXEMPTIONS.map((e) => (
          <Choice
            key={e}
            title={LEGAL_AID_EXEMPTION_LABEL[e]}
            selected={rules.exemptions.includes(e)}
            onSelect={() =>
              set({ exemptions: rules.exemptions.includes(e) ? rules.exemptions.filter((x) => x !== e) : [...rules.exemptions, e] })
            }
            testId={`legal-rules-exemption-${e}`}
          />
        ))}
        <Text className="field__label">书面决定期限</Text>
        <NumberStepper
          value={rules.decisionWorkingDays}
          min={1}
          max={30}
          unit="个工作日"
          onChange={(n) => set({ decisionWorkingDays: n })}
          testId="legal-rules-decision"
        />
        <Text className="field__label">在线咨询答复期限</Text>
        <NumberStepper
          value={rules.threadResponseWorkingDays}
          min={1}
          max={10}
          unit="个工作日"
          onChange={(n) => set({ threadResponseWorkingDays: n })}
          testId="legal-rules-thread"
        />
        <Text className="field__label">开始前多久不能再取消或改约</Text>
        <NumberStepper
          value={rules.bookingChangeHours}
          min={0}
          max={72}
          unit="小时"
          onChange={(n) => set({ bookingChangeHours: n })}
          testId="legal-rules-change"
        />
        <Text className="field__label">每人同时最多几个预约</Text>
        <NumberStepper
          value={rules.maxOpenBookings}
          min={1}
          max={10}
          unit="个"
          onChange={(n) => set({ maxOpenBookings: n })}
          testId="legal-rules-max"
        />
        <Field
          label="不予援助时告诉职工的其他渠道"
          value={rules.otherHelp}
          onChange={(v) => set({ otherHelp: v })}
          error={problems.otherHelp}
          testId="legal-rules-other-help"
        />
        <NewRuleVersion
          effectiveFrom={effectiveFrom}
          onEffectiveFrom={setEffectiveFrom}
          problems={problems}
          busy={busy}
          onSave={() => void save()}
          testId="legal-rules"
        />
      </View>
    </View>
  );
}
