import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  ORGANIZATION_LEVEL,
  type MeView,
  type Permission,
  type WorkbenchAssignments,
  type WorkbenchItem,
  type WorkbenchStepSummary,
} from '@union/shared';
import { StateTag } from '../../../components/StateTag';
import { useLoader } from '../../../hooks/useLoader';
import { hardshipFilesApi } from '../../../services/api/hardship';
import { meApi } from '../../../services/api/me';
import { workbenchApi, type QueueFilter } from '../../../services/api/workbench';
import { errorMessage, toast } from '../../../utils/feedback';
import { deadlineText, formatDate } from '../../../utils/format';
import { route } from '../../../utils/nav';

function open(item: WorkbenchItem) {
  // Where a queue item is handled comes with it, from its workflow table.
  const url = item.route;
  if (url) void Taro.navigateTo({ url });
  else toast(`“${item.caseTypeLabel}”还不能在小程序里办理`);
}

const nav = (url: string) => void Taro.navigateTo({ url });

/** The legal centre's desk and petitions, for lawyers, centre staff and the cadres who register petitions. */
function LegalTools({ me }: { me: MeView }) {
  const can = (p: Permission) => me.permissions.includes(p);
  if (!can('legal.consult') && !can('legal.petition.manage')) return null;
  return (
    <View className="card" data-testid="legal-tools">
      <Text className="card__title">法律服务</Text>
      {can('legal.consult') ? (
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          onClick={() => nav('/staff/pages/legal/index')}
          data-testid="open-legal-desk"
        >
          法律服务工作台
        </Button>
      ) : null}
      {can('legal.petition.manage') ? (
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => nav('/staff/pages/petitions/index')}
          data-testid="open-petitions-tool"
        >
          职工信访、劳动争议调处
        </Button>
      ) : null}
    </View>
  );
}

/** Competitions and proposals: organisers, judges and the staff who handle proposals. */
function ContestTools({ me, assigned }: { me: MeView; assigned: WorkbenchAssignments | null }) {
  const can = (p: Permission) => me.permissions.includes(p);
  const manage = can('competition.manage');
  const judge = can('competition.judge');
  const proposals = can('proposal.manage') || can('proposal.review');
  const honours = can('honour.nominate');
  if (!manage && !judge && !proposals && !honours) return null;
  return (
    <View className="card" data-testid="contest-tools">
      <Text className="card__title">劳动竞赛、荣誉、合理化建议</Text>
      {manage ? (
        <Button block size="large" className="big-button" onClick={() => nav('/staff/pages/contests/index')} data-testid="open-contests">
          劳动竞赛管理
        </Button>
      ) : null}
      {judge ? (
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          onClick={() => nav('/staff/pages/judging/index')}
          data-testid="open-judging"
        >
          {assigned?.scoring ? `评委打分（${assigned.scoring} 项待打分）` : '评委打分'}
        </Button>
      ) : null}
      {proposals ? (
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => nav('/staff/pages/proposals-admin/index')}
          data-testid="open-proposals"
        >
          {assigned?.reviews ? `合理化建议办理（${assigned.reviews} 条待您评审）` : '合理化建议办理'}
        </Button>
      ) : null}
      {manage || can('proposal.manage') ? (
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => nav('/staff/pages/recognition-statistics/index')}
          data-testid="open-recognition-statistics"
        >
          竞赛、荣誉、建议统计
        </Button>
      ) : null}
      {honours ? (
        <Button block size="large" className="big-button" onClick={() => nav('/staff/pages/honours/index')} data-testid="open-honours">
          荣誉推荐（工人先锋号、劳模等）
        </Button>
      ) : null}
    </View>
  );
}

/** Hardship tools each cadre may use, by permission (the server checks again). */
function HardshipTools({ me }: { me: MeView }) {
  const can = (p: Permission) => me.permissions.includes(p);
  const county = !!me.organization && ORGANIZATION_LEVEL[me.organization.kind] === 'county';
  const proxy = can('hardship.proxy');
  const recheck = can('hardship.review.grassroots');
  const campaigns = can('hardship.campaign.manage') && county;
  const rules = can('hardship.rules.manage') && county;
  const statistics = can('hardship.file.view');
  // Files due for their yearly re-check and closed files due the follow-up call, counted on the workbench.
  const due = useLoader(async () => {
    const [rechecks, followUps] = await Promise.all([hardshipFilesApi.recheckDue(null, 50), hardshipFilesApi.followUpDue(null, 50)]);
    const count = (p: { items: unknown[]; nextCursor: string | null }) => `${p.items.length}${p.nextCursor ? '+' : ''}`;
    return { rechecks: count(rechecks), followUps: count(followUps), any: rechecks.items.length + followUps.items.length > 0 };
  }, recheck);
  if (!proxy && !recheck && !campaigns && !rules && !statistics) return null;
  return (
    <View className="card" data-testid="hardship-tools">
      <Text className="card__title">困难帮扶</Text>
      {proxy ? (
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => nav(route('/pages/hardship/apply/index', { proxy: 1 }))}
          data-testid="open-proxy"
        >
          代办困难帮扶申请
        </Button>
      ) : null}
      {recheck ? (
        <Button
          block
          size="large"
          type={due.data?.any ? 'primary' : 'default'}
          className="big-button"
          onClick={() => nav('/staff/pages/recheck/index')}
          data-testid="open-recheck"
        >
          {due.data ? `年度复核 ${due.data.rechecks} 户到期，回访 ${due.data.followUps} 户` : '年度复核和回访'}
        </Button>
      ) : null}
      {campaigns ? (
        <Button block size="large" className="big-button" onClick={() => nav('/staff/pages/campaigns/index')} data-testid="open-campaigns">
          送温暖、金秋助学活动
        </Button>
      ) : null}
      {rules ? (
        <Button block size="large" className="big-button" onClick={() => nav('/staff/pages/rules/index')} data-testid="open-rules">
          帮扶认定标准和期限
        </Button>
      ) : null}
      {statistics ? (
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => nav('/staff/pages/statistics/index')}
          data-testid="open-statistics"
        >
          帮扶统计
        </Button>
      ) : null}
    </View>
  );
}

const stepKey = (s: { caseType: string; state: string }) => `${s.caseType}-${s.state}`;

/**
 * The staff queue, oldest due first; overdue cases in red. Above it, one row per step with its
 * count: tapping a row shows only that step's cases, "全部待办" goes back to everything.
 */
export default function Workbench() {
  const [items, setItems] = useState<WorkbenchItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [steps, setSteps] = useState<WorkbenchStepSummary[]>([]);
  const [me, setMe] = useState<MeView | null>(null);
  const [assigned, setAssigned] = useState<WorkbenchAssignments | null>(null);
  const [filter, setFilter] = useState<QueueFilter | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  // The filter a response was asked for: a slow answer for an earlier filter is dropped.
  const asked = useRef<string>('');

  const load = async (after: string | null, f: QueueFilter | null) => {
    const key = f ? stepKey(f) : '';
    asked.current = key;
    try {
      const page = await workbenchApi.queue(after, 20, f);
      if (asked.current !== key) return;
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoaded(true);
    }
  };

  const refresh = async () => {
    await Promise.all([
      load(null, filter),
      workbenchApi
        .summary()
        .then(setSteps)
        .catch(() => undefined),
      meApi
        .get()
        .then(setMe)
        .catch(() => undefined),
      workbenchApi
        .assignments()
        .then(setAssigned)
        .catch(() => undefined),
    ]);
  };

  useDidShow(() => void refresh());
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  const choose = (f: QueueFilter | null) => {
    setFilter(f);
    setItems([]);
    setCursor(null);
    setLoaded(false);
    void load(null, f);
  };

  const current = filter ? steps.find((s) => stepKey(s) === stepKey(filter)) : null;

  return (
    <View className="page" data-testid="workbench-page">
      <View className="card">
        <Text className="card__title">待办事项</Text>
        <Text className="muted">按到期先后排列。点一条进去办理；红框的已经超期，请优先处理。</Text>
        <Button block size="large" className="big-button" onClick={() => nav('/staff/pages/verify/index')} data-testid="open-verify">
          核验会员证
        </Button>
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => nav('/staff/pages/case-search/index')}
          data-testid="open-case-search"
        >
          查找案件
        </Button>
      </View>

      {me ? <LegalTools me={me} /> : null}
      {me ? <ContestTools me={me} assigned={assigned} /> : null}
      {me ? <HardshipTools me={me} /> : null}
      {me?.organization?.kind === 'county_federation' ? (
        <View className="card">
          <Button block size="large" className="big-button" onClick={() => nav('/staff/pages/calendar/index')} data-testid="open-calendar">
            本县节假日（期限按它计算）
          </Button>
        </View>
      ) : null}

      {steps.length > 0 ? (
        <View className="card" data-testid="workbench-steps">
          <Text className="card__title">各环节待办</Text>
          <Text className="muted">点一行，只看这个环节的事项。</Text>
          <View
            className={`list-item${filter ? '' : ' list-item--selected'}`}
            onClick={() => choose(null)}
            data-testid="step-all"
            data-selected={!filter}
          >
            <Text className="list-item__title">全部待办</Text>
          </View>
          {steps.map((s) => {
            const selected = !!filter && stepKey(filter) === stepKey(s);
            return (
              <View
                key={stepKey(s)}
                className={`list-item${s.overdue ? ' list-item--overdue' : ''}${selected ? ' list-item--selected' : ''}`}
                onClick={() => choose({ caseType: s.caseType, state: s.state })}
                data-testid={`step-${stepKey(s)}`}
                data-selected={selected}
              >
                <Text className="list-item__title">
                  {s.caseTypeLabel} · {s.stateLabel} {s.count} 件
                  {s.overdue ? <Text className="danger-text">（超期 {s.overdue}）</Text> : null}
                </Text>
              </View>
            );
          })}
        </View>
      ) : null}

      {filter ? (
        <View className="card" data-testid="workbench-filter">
          <Text className="paragraph">正在看：{current ? `${current.caseTypeLabel} · ${current.stateLabel}` : '一个环节'}</Text>
          <Button block size="large" className="big-button" onClick={() => choose(null)} data-testid="filter-clear">
            看全部待办
          </Button>
        </View>
      ) : null}

      {error ? <Text className="paragraph">{error}</Text> : null}
      {loaded && !error && items.length === 0 ? (
        <View className="card center">
          <Text className="muted" data-testid="queue-empty">
            {filter
              ? '这个环节没有待办的事项。'
              : assigned && assigned.scoring + assigned.reviews > 0
                ? `办件都办完了。还有${assigned.scoring ? ` ${assigned.scoring} 项待打分` : ''}${assigned.reviews ? ` ${assigned.reviews} 条建议待评审` : ''}，见上方。`
                : '没有待办的事项。'}
          </Text>
        </View>
      ) : null}
      {items.map((item) => {
        const overdue = item.deadline?.overdue ?? false;
        return (
          <View
            key={`${item.caseType}-${item.id}`}
            className={`list-item${overdue ? ' list-item--overdue' : ''}`}
            onClick={() => open(item)}
            data-testid={`queue-${item.caseType}-${item.id}`}
          >
            <StateTag caseType={item.caseType} state={item.state} label={item.stateLabel} />
            <Text className="list-item__title">
              {item.caseTypeLabel} · {item.title}
            </Text>
            <Text className="muted">
              {item.applicantNameMasked ? `${item.applicantNameMasked} · ` : ''}
              {item.organizationName} · {formatDate(item.submittedAt)} 提交
            </Text>
            {item.deadline ? <Text className={overdue ? 'danger-text' : 'muted'}>{deadlineText(item.deadline)}</Text> : null}
            {item.staffStep ? <Text className="muted">要做：{item.staffStep}</Text> : null}
          </View>
        );
      })}
      {cursor ? (
        <Button block size="large" className="big-button" onClick={() => void load(cursor, filter)} data-testid="queue-more">
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
