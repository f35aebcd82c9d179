import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkAgainst, hardshipStatisticsQuery } from '@union/shared';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { useLoader } from '../../../hooks/useLoader';
import { hardshipApi } from '../../../services/api/hardship';
import { yuan } from '../../../utils/money';
import { chinaToday } from '../../../utils/format';

function Row({ label, value, testId }: { label: string; value: string | number; testId: string }) {
  return (
    <View className="row">
      <Text className="muted">{label}</Text>
      <Text data-testid={testId}>{value}</Text>
    </View>
  );
}

/**
 * The figures of the half-year report for the cadre's part of the tree, counted by the server
 * from the records: applications, files, aid by type and households, campaigns.
 */
export default function StatisticsPage() {
  const [from, setFrom] = useState(`${chinaToday().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(chinaToday());
  const period = useRef({ from, to });
  const [problem, setProblem] = useState<string | null>(null);
  const { data, error, reload } = useLoader(() => hardshipApi.statistics(period.current));

  const apply = () => {
    // The dates are the query schema's to check (2026-02-30 is no day); the order is the server's rule too.
    const checked = checkAgainst(hardshipStatisticsQuery, { from, to });
    if (!checked.ok) return setProblem(checked.problems.from ?? checked.problems.to ?? Object.values(checked.problems)[0] ?? null);
    if (to < from) return setProblem('结束日期不能早于开始日期');
    setProblem(null);
    period.current = { from, to };
    void reload();
  };

  return (
    <View className="page" data-testid="statistics-page">
      <View className="card">
        <Field label="从" value={from} onChange={setFrom} testId="statistics-from" />
        <Field label="到" value={to} onChange={setTo} testId="statistics-to" error={problem} />
        <Button block size="large" className="big-button" onClick={apply} data-testid="statistics-apply">
          按这个时间段统计
        </Button>
      </View>
      {!data ? (
        <PageStatus error={error} />
      ) : (
        <>
          <View className="card">
            <Text className="card__title">{data.organizationName}</Text>
            <Text className="muted">
              {data.from} 至 {data.to}，含下级工会
            </Text>
          </View>
          <View className="card">
            <Text className="card__title">帮扶申请</Text>
            <Row label="提交" value={data.applications.submitted} testId="statistics-submitted" />
            <Row label="建档" value={data.applications.filed} testId="statistics-app-filed" />
            <Row label="未通过" value={data.applications.rejected} testId="statistics-rejected" />
            <Row label="撤回" value={data.applications.withdrawn} testId="statistics-withdrawn" />
            <Row label="在办" value={data.applications.open} testId="statistics-open" />
          </View>
          <View className="card">
            <Text className="card__title">困难职工档案</Text>
            <Row label="新建档" value={`${data.files.filed} 户`} testId="statistics-filed" />
            <Row label="退档" value={`${data.files.closed} 户`} testId="statistics-closed" />
            <Row label="期末在档" value={`${data.files.activeAtEnd} 户`} testId="statistics-active" />
          </View>
          <View className="card">
            <Text className="card__title">帮扶资金</Text>
            <Row label="合计" value={`${yuan(data.aid.totalFen)} · ${data.aid.households} 户`} testId="statistics-aid-total" />
            <Row label="已发放" value={yuan(data.aid.paidFen)} testId="statistics-aid-paid" />
            <Row label="待签收" value={`${data.aid.awaitingSignature} 笔`} testId="statistics-unsigned" />
            {data.aid.byType.map((t) => (
              <Row
                key={t.aidType}
                label={t.aidTypeLabel}
                value={`${yuan(t.amountFen)} · ${t.households} 户 ${t.records} 笔`}
                testId={`statistics-aid-${t.aidType}`}
              />
            ))}
          </View>
          {data.campaigns.length > 0 ? (
            <View className="card">
              <Text className="card__title">帮扶活动</Text>
              {data.campaigns.map((c) => (
                <Row
                  key={c.id}
                  label={`${c.kindLabel} · ${c.title}`}
                  value={`${yuan(c.amountFen)} / ${yuan(c.budgetFen)} · ${c.households} 户`}
                  testId={`statistics-campaign-${c.id}`}
                />
              ))}
            </View>
          ) : null}
        </>
      )}
    </View>
  );
}
