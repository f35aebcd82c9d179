import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkAgainst, legalStatisticsQuery } from '@union/shared';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { useLoader } from '../../../hooks/useLoader';
import { legalAidApi } from '../../../services/api/legal';

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

/** The centre's figures for a period, counted by the server from the records (the half-year report's legal lines). */
export default function LegalStatisticsPage() {
  const [from, setFrom] = useState(`${chinaToday().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(chinaToday());
  const period = useRef({ from, to });
  const [problem, setProblem] = useState<string | null>(null);
  const { data, error, reload } = useLoader(() => legalAidApi.statistics(period.current));
  const apply = () => {
    const checked = checkAgainst(legalStatisticsQuery, { from, to });
    if (!checked.ok) return setProblem(Object.values(checked.problems)[0] ?? null);
    if (to < from) return setProblem('结束日期不能早于开始日期');
    setProblem(null);
    period.current = { from, to };
    void reload();
  };
  return (
    <View className="page" data-testid="legal-statistics-page">
      <View className="card">
        <Field label="从" value={from} onChange={setFrom} testId="legal-statistics-from" />
        <Field label="到" value={to} onChange={setTo} error={problem} testId="legal-statistics-to" />
        <Button block size="large" className="big-button" onClick={apply} data-testid="legal-statistics-apply">
          按这个时间段统计
        </Button>
      </View>
      {!data ? (
        <PageStatus error={error} />
      ) : (
        <>
          <View className="card">
            <Text className="card__title">法律援助（按结案日期）</Text>
            <Row label="受理" value={data.applications.accepted} testId="legal-statistics-accepted" />
            <Row label="结案" value={`${data.applications.closed} 件 · ${data.people} 人`} testId="legal-statistics-closed" />
            <Row label="请求金额" value={yuan(data.amountClaimedFen)} testId="legal-statistics-claimed" />
            <Row label="为职工追回" value={yuan(data.amountRecoveredFen)} testId="legal-statistics-recovered" />
            <Row
              label="收到申请 / 不予援助"
              value={`${data.applications.submitted} / ${data.applications.rejected}`}
              testId="legal-statistics-submitted"
            />
          </View>
          <View className="card">
            <Text className="card__title">咨询</Text>
            <Row
              label="预约 / 已咨询 / 未到场 / 取消"
              value={`${data.consultations.booked} / ${data.consultations.held} / ${data.consultations.noShow} / ${data.consultations.cancelled}`}
              testId="legal-statistics-consultations"
            />
            <Row
              label="在线咨询（已答复）"
              value={`${data.threads.opened}（${data.threads.answered}）`}
              testId="legal-statistics-threads"
            />
          </View>
          <View className="card">
            <Text className="card__title">职工信访、劳动争议调处</Text>
            <Row
              label="接待"
              value={`${data.petitions.received} 件 · 涉及 ${data.petitions.workers} 人`}
              testId="legal-statistics-petitions"
            />
            <Row label="已办结" value={data.petitions.resolved} testId="legal-statistics-resolved" />
          </View>
        </>
      )}
    </View>
  );
}
