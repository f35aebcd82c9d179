import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  CAMPAIGN_KIND_LABEL,
  DEFAULT_GRANT_AMOUNTS,
  SCHOOL_LEVEL_LABEL,
  checkAgainst,
  createCampaignBody,
  type CampaignAmountsRequest,
  type CampaignKind,
  type CreateCampaignRequest,
} from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { isApiError } from '../../../services/request';
import { campaignsApi } from '../../../services/api/hardship';
import { errorMessage } from '../../../utils/feedback';
import { amountProblem, yuanToFen } from '../../../utils/money';
import { route } from '../../../utils/nav';
import { chinaToday } from '../../../utils/format';
import { DateField } from '../../../components/DateField';

const KINDS: CampaignKind[] = ['winter_warmth', 'autumn_school_grant'];

const yuanText = (fen: number) => String(fen / 100);

type Key =
  'kind' | 'title' | 'budget' | 'startsOn' | 'endsOn' | 'eligibility' | 'fundSource' | 'perHousehold' | 'university' | 'highSchool';

/** The county starts a 送温暖 or 金秋助学 campaign: budget in yuan, period, who may receive and how much. */
export default function NewCampaign() {
  const [kind, setKind] = useState<CampaignKind | ''>('');
  const [title, setTitle] = useState('');
  const [budget, setBudget] = useState('');
  const [startsOn, setStartsOn] = useState(chinaToday());
  const [endsOn, setEndsOn] = useState(chinaToday(30));
  const [eligibility, setEligibility] = useState('在档困难职工家庭');
  const [fundSource, setFundSource] = useState('县总工会帮扶资金');
  const [perHousehold, setPerHousehold] = useState('');
  const [university, setUniversity] = useState(yuanText(DEFAULT_GRANT_AMOUNTS.university));
  const [highSchool, setHighSchool] = useState(yuanText(DEFAULT_GRANT_AMOUNTS.high_school));
  const [problems, setProblems] = useState<Partial<Record<Key | 'server', string>>>({});
  const [busy, setBusy] = useState(false);

  const check = (): CreateCampaignRequest | null => {
    let amounts: CampaignAmountsRequest = {};
    if (kind === 'winter_warmth') amounts = { perHouseholdFen: yuanToFen(perHousehold) ?? 0 };
    else if (kind === 'autumn_school_grant')
      amounts = { perStudentFen: { university: yuanToFen(university) ?? 0, high_school: yuanToFen(highSchool) ?? 0 } };
    // What a campaign needs, as the shared schema of the request says it; its messages are the ones shown.
    const checked = checkAgainst(createCampaignBody, {
      kind: kind || undefined,
      title: title.trim(),
      budgetFen: yuanToFen(budget) ?? 0,
      startsOn,
      endsOn,
      eligibility: eligibility.trim(),
      fundSource: fundSource.trim(),
      amounts,
    });
    const p: Partial<Record<Key, string>> = {};
    if (!checked.ok) {
      const names: Record<string, Key> = {
        budgetFen: 'budget',
        'amounts.perHouseholdFen': 'perHousehold',
        'amounts.perStudentFen.university': 'university',
        'amounts.perStudentFen.high_school': 'highSchool',
      };
      for (const [field, message] of Object.entries(checked.problems)) p[names[field] ?? (field as Key)] = message;
    }
    // How yuan are typed is the page's to say; that a campaign ends after it starts is the server's rule too.
    const typed = (text: string, what: string) => amountProblem(text, what) ?? undefined;
    p.budget = typed(budget, '预算') ?? p.budget;
    if (!p.endsOn && !p.startsOn && endsOn < startsOn) p.endsOn = '结束日期不能早于开始日期';
    if (kind === 'winter_warmth') p.perHousehold = typed(perHousehold, '每户金额') ?? p.perHousehold;
    if (kind === 'autumn_school_grant') {
      p.university = typed(university, '大学每人金额') ?? p.university;
      p.highSchool = typed(highSchool, '高中每人金额') ?? p.highSchool;
    }
    const found = Object.fromEntries(Object.entries(p).filter(([, v]) => v)) as typeof p;
    setProblems(found);
    if (Object.keys(found).length > 0 || !checked.ok) return null;
    return checked.value;
  };

  const submit = async () => {
    const body = check();
    if (!body) return;
    setBusy(true);
    try {
      const created = await campaignsApi.create(body);
      await Taro.redirectTo({ url: route('/staff/pages/campaign/index', { id: created.id }) });
    } catch (e) {
      const field = isApiError(e) ? e.details?.[0]?.field : undefined;
      setProblems(field === 'endsOn' ? { endsOn: errorMessage(e) } : { server: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page" data-testid="campaign-new-page">
      <View className="card">
        <Text className="card__title">活动类型</Text>
        {KINDS.map((k) => (
          <Choice
            key={k}
            title={CAMPAIGN_KIND_LABEL[k]}
            desc={k === 'winter_warmth' ? '工会从在档家庭中选定，每户同样金额' : '在档家庭的职工为在读学生申请，按学段定金额'}
            selected={kind === k}
            onSelect={() => setKind(k)}
            testId={`campaign-kind-${k}`}
          />
        ))}
        {problems.kind ? <Text className="field__error">{problems.kind}</Text> : null}
      </View>
      <View className="card">
        <Field
          label="活动名称"
          value={title}
          onChange={setTitle}
          placeholder="例如：2027年春节送温暖"
          maxlength={60}
          error={problems.title}
          testId="campaign-title"
        />
        <Field label="预算（元）" value={budget} onChange={setBudget} type="digit" error={problems.budget} testId="campaign-budget-input" />
        <DateField
          label="开始日期"
          end="2099-12-31"
          value={startsOn}
          onChange={setStartsOn}
          hint="按 2027-01-15 这样填"
          error={problems.startsOn}
          testId="campaign-starts"
        />
        <DateField label="结束日期" end="2099-12-31" value={endsOn} onChange={setEndsOn} error={problems.endsOn} testId="campaign-ends" />
        {kind === 'winter_warmth' ? (
          <Field
            label="每户金额（元）"
            value={perHousehold}
            onChange={setPerHousehold}
            type="digit"
            error={problems.perHousehold}
            testId="campaign-per-household"
          />
        ) : null}
        {kind === 'autumn_school_grant' ? (
          <View>
            <Field
              label={`${SCHOOL_LEVEL_LABEL.university}每人（元）`}
              value={university}
              onChange={setUniversity}
              type="digit"
              error={problems.university}
              testId="campaign-university"
            />
            <Field
              label={`${SCHOOL_LEVEL_LABEL.high_school}每人（元）`}
              value={highSchool}
              onChange={setHighSchool}
              type="digit"
              error={problems.highSchool}
              testId="campaign-high-school"
            />
          </View>
        ) : null}
        <Field
          label="资金来源"
          value={fundSource}
          onChange={setFundSource}
          maxlength={60}
          error={problems.fundSource}
          testId="campaign-fund"
        />
        <View className="field">
          <Text className="field__label">帮扶对象（职工能看到）</Text>
          <Text className="field__hint">系统只允许在档困难家庭领取；这里用大白话写清楚谁可以领。</Text>
          <Textarea
            className="field__textarea"
            value={eligibility}
            maxlength={300}
            onInput={(e) => setEligibility(e.detail.value)}
            data-testid="campaign-eligibility"
          />
          {problems.eligibility ? <Text className="field__error">{problems.eligibility}</Text> : null}
        </View>
        {problems.server ? (
          <Text className="field__error" data-testid="campaign-new-problem">
            {problems.server}
          </Text>
        ) : null}
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          disabled={busy}
          onClick={() => void submit()}
          data-testid="campaign-create"
        >
          {busy ? '正在发起…' : '发起活动'}
        </Button>
      </View>
    </View>
  );
}
