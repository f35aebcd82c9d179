import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkAgainst, competitionStatisticsQuery } from '@union/shared';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { useLoader } from '../../../hooks/useLoader';
import { competitionsApi, proposalsApi } from '../../../services/api/contest';
import { honoursApi } from '../../../services/api/honours';

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

/** The report's figures for competitions, proposals and honours, each counted by its module (what the user may see). */
export default function RecognitionStatistics() {
  const [from, setFrom] = useState(`${chinaToday().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(chinaToday());
  const period = useRef({ from, to });
  const [problem, setProblem] = useState<string | null>(null);
  const { data, error, reload } = useLoader(async () => {
    const [competitions, proposals, honours] = await Promise.all([
      competitionsApi.statistics(period.current).catch(() => null),
      proposalsApi.statistics(period.current).catch(() => null),
      honoursApi.statistics(period.current).catch(() => null),
    ]);
    return { competitions, proposals, honours };
  });
  const apply = () => {
    // The days as the statistics queries' schema says (the three share the period's rules); the order as the server checks it.
    const checked = checkAgainst(competitionStatisticsQuery.pick({ from: true, to: true }), { from, to });
    if (!checked.ok) return setProblem(Object.values(checked.problems)[0] ?? null);
    if (to < from) return setProblem('开始日期不能晚于结束日期');
    setProblem(null);
    period.current = { from, to };
    void reload();
  };
  return (
    <View className="page" data-testid="recognition-statistics">
      <View className="card">
        <Field label="从" value={from} onChange={setFrom} testId="rs-from" />
        <Field label="到" value={to} onChange={setTo} error={problem} testId="rs-to" />
        <Button block size="large" className="big-button" onClick={apply} data-testid="rs-apply">
          按这个时间段统计
        </Button>
      </View>
      {!data ? (
        <PageStatus error={error} />
      ) : (
        <>
          {data.competitions ? (
            <View className="card" data-testid="rs-competitions">
              <Text className="card__title">劳动竞赛</Text>
              <Row label="比赛" value={`${data.competitions.competitions} 项`} testId="rs-competitions-count" />
              <Row
                label="参赛企业"
                value={`${data.competitions.enterprises.participating} / ${data.competitions.enterprises.total}（${Math.round(data.competitions.enterprises.share * 100)}%）`}
                testId="rs-enterprises"
              />
              <Row
                label="参赛职工"
                value={`${data.competitions.participants.people} 人，${data.competitions.participants.personTimes} 人次`}
                testId="rs-participants"
              />
              <Row label="获奖" value={`${data.competitions.awards} 个`} testId="rs-awards" />
              {data.competitions.byKind.map((k) => (
                <Row key={k.kind} label={k.kindLabel} value={`${k.competitions} 项，${k.personTimes} 人次`} testId={`rs-kind-${k.kind}`} />
              ))}
            </View>
          ) : null}
          {data.proposals ? (
            <View className="card" data-testid="rs-proposals">
              <Text className="card__title">合理化建议</Text>
              <Row
                label="提出 / 采纳 / 实施"
                value={`${data.proposals.submitted} / ${data.proposals.adopted} / ${data.proposals.implemented}`}
                testId="rs-proposals-counts"
              />
              <Row label="评估效益" value={yuan(data.proposals.benefitFen)} testId="rs-benefit" />
              {data.proposals.byGrade.map((g) => (
                <Row key={g.grade} label={g.gradeLabel} value={`${g.count} 条`} testId={`rs-grade-${g.grade}`} />
              ))}
            </View>
          ) : null}
          {data.honours ? (
            <View className="card" data-testid="rs-honours">
              <Text className="card__title">荣誉和劳模</Text>
              {data.honours.awarded.map((a) => (
                <Row key={a.kindName} label={a.kindName} value={`${a.count} 个`} testId={`rs-honour-${a.kindName}`} />
              ))}
              <Row label="撤销" value={data.honours.revoked} testId="rs-revoked" />
              <Row label="劳模档案" value={`${data.honours.modelWorkers} 人`} testId="rs-model-workers" />
              <Row label="体检 / 走访慰问" value={`${data.honours.healthChecks} / ${data.honours.careVisits} 人次`} testId="rs-care" />
              <Row label="帮扶补助" value={yuan(data.honours.supportFen)} testId="rs-support" />
            </View>
          ) : null}
        </>
      )}
    </View>
  );
}
