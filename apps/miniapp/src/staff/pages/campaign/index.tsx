import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  SCHOOL_LEVEL_LABEL,
  checkAgainst,
  selectHouseholdsBody,
  type CampaignView,
  type HardshipFileSummary,
  type SchoolLevel,
} from '@union/shared';
import { Choice } from '../../../components/Choice';
import { useLoader } from '../../../hooks/useLoader';
import { campaignsApi, hardshipFilesApi } from '../../../services/api/hardship';
import { errorMessage, toast } from '../../../utils/feedback';
import { formatDate } from '../../../utils/format';
import { yuan } from '../../../utils/money';
import { numberParam } from '../../../utils/nav';
import { PageStatus } from '../../../components/PageStatus';

/** 送温暖: choose filed households page by page, then add them to the campaign in one go. */
function SelectHouseholds({ campaign, onDone }: { campaign: CampaignView; onDone: (c: CampaignView) => void }) {
  const [files, setFiles] = useState<HardshipFileSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [chosen, setChosen] = useState<number[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const perHousehold = campaign.amounts.perHouseholdFen ?? 0;

  const load = async (after: string | null) => {
    try {
      const page = await hardshipFilesApi.list(after, 20, 'active');
      setFiles((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setLoaded(true);
    }
  };
  useEffect(() => {
    void load(null);
  }, [campaign.id]);

  const toggle = (id: number) => setChosen((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id]));

  const submit = async () => {
    // How many may be chosen at once is the request schema's, in its words.
    const checked = checkAgainst(selectHouseholdsBody, { fileIds: chosen });
    if (!checked.ok) {
      setProblem(checked.problems.fileIds ?? Object.values(checked.problems)[0] ?? null);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const updated = await campaignsApi.select(campaign.id, checked.value);
      toast(`已加入 ${chosen.length} 户`);
      setChosen([]);
      onDone(updated);
    } catch (e) {
      // over_budget, already chosen, outside the period: the server's words, as they are.
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" data-testid="campaign-select">
      <Text className="card__title">选择帮扶家庭</Text>
      <Text className="muted">只列出在档、还没在本次名单里的困难家庭。勾选后点下面的按钮，每户 {yuan(perHousehold)}，批准后进入发放。</Text>
      {loaded && files.length === 0 ? <Text className="muted">没有在档的家庭。</Text> : null}
      {files
        .filter((f) => !campaign.selectedFileIds.includes(f.id))
        .map((f) => (
          <Choice
            key={f.id}
            title={`${f.applicantNameMasked}家庭 · ${f.categoryLabel}`}
            desc={`${f.fileNo} · ${f.organizationName}`}
            selected={chosen.includes(f.id)}
            onSelect={() => toggle(f.id)}
            testId={`campaign-file-${f.id}`}
          />
        ))}
      {cursor ? (
        <Button block size="large" className="big-button" disabled={busy} onClick={() => void load(cursor)}>
          加载更多家庭
        </Button>
      ) : null}
      {chosen.length ? (
        <Text className="paragraph" data-testid="campaign-select-total">
          已选 {chosen.length} 户，共 {yuan(perHousehold * chosen.length)}
        </Text>
      ) : null}
      {problem ? (
        <View className="card card--warning" data-testid="campaign-select-problem">
          <Text className="paragraph">{problem}</Text>
        </View>
      ) : null}
      <Button
        block
        size="large"
        type="primary"
        className="big-button"
        disabled={busy}
        onClick={() => void submit()}
        data-testid="campaign-select-submit"
      >
        {chosen.length ? `加入活动：${chosen.length} 户` : '加入活动'}
      </Button>
    </View>
  );
}

/** One campaign for the county: budget used, households reached, who has not signed yet; for 送温暖 the household selection. */
export default function CampaignPage() {
  const id = numberParam(useRouter().params.id);
  const [override, setOverride] = useState<CampaignView | null>(null);
  const { data, error, reload } = useLoader(async () => {
    if (!id) throw new Error('链接不完整，请从活动列表打开');
    setOverride(null);
    return campaignsApi.get(id);
  });
  const c = override ?? data;

  if (error || !c) return <PageStatus error={error} />;
  const left = c.budgetFen - c.usedFen;

  return (
    <View className="page" data-testid="campaign-page">
      <View className="card">
        <Text className="card__title">
          {c.kindLabel} · {c.title}
        </Text>
        <Text className="muted">
          {c.startsOn} 至 {c.endsOn} · {c.open ? '进行中' : '不在活动时间内'} · {c.createdByName} 发起
        </Text>
        <View className="row">
          <Text className="row__label">已用 / 预算</Text>
          <Text className="row__value" data-testid="campaign-budget">
            {yuan(c.usedFen)} / {yuan(c.budgetFen)}
          </Text>
        </View>
        <View className="row">
          <Text className="row__label">还剩</Text>
          <Text className={`row__value${left <= 0 ? ' danger-text' : ''}`}>{yuan(left)}</Text>
        </View>
        <View className="row">
          <Text className="row__label">已帮扶</Text>
          <Text className="row__value" data-testid="campaign-households">
            {c.householdsReached} 户
          </Text>
        </View>
        <View className="row">
          <Text className="row__label">资金来源</Text>
          <Text className="row__value">{c.fundSource}</Text>
        </View>
        {c.amounts.perHouseholdFen ? (
          <View className="row">
            <Text className="row__label">每户</Text>
            <Text className="row__value">{yuan(c.amounts.perHouseholdFen)}</Text>
          </View>
        ) : null}
        {c.amounts.perStudentFen
          ? (Object.keys(c.amounts.perStudentFen) as SchoolLevel[]).map((l) => (
              <View className="row" key={l}>
                <Text className="row__label">{SCHOOL_LEVEL_LABEL[l]}每人</Text>
                <Text className="row__value">{yuan(c.amounts.perStudentFen?.[l] ?? 0)}</Text>
              </View>
            ))
          : null}
        <Text className="muted">对象：{c.eligibility}</Text>
      </View>

      <View className="card" data-testid="campaign-unsigned">
        <Text className="card__title">已发放、还没签收（{c.unsigned.length} 户）</Text>
        {c.unsigned.length === 0 ? <Text className="muted">没有。</Text> : null}
        {c.unsigned.map((u) => (
          <View className="row" key={u.aidId}>
            <Text className="row__label">
              {u.applicantNameMasked} · {u.fileNo}
            </Text>
            <Text className="row__value">
              {yuan(u.amountFen)}
              {u.paidAt ? ` · ${formatDate(u.paidAt)} 发放` : ''}
            </Text>
          </View>
        ))}
      </View>

      {c.kind === 'winter_warmth' && c.open ? <SelectHouseholds campaign={c} onDone={setOverride} /> : null}
      {c.kind === 'autumn_school_grant' ? (
        <View className="card">
          <Text className="muted">金秋助学由在档家庭的职工按学生申请，申请会出现在工作台的待办里。</Text>
          <Button block size="large" className="big-button" onClick={() => void reload()}>
            刷新数字
          </Button>
        </View>
      ) : null}
    </View>
  );
}
