import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { EvidenceList } from '../../../components/EvidenceList';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { StateTag } from '../../../components/StateTag';
import { Timeline } from '../../../components/Timeline';
import { useLoader } from '../../../hooks/useLoader';
import { casesApi } from '../../../services/api/cases';
import { honoursApi } from '../../../services/api/honours';
import { showError, toast } from '../../../utils/feedback';
import { deadlineText, formatDateTime } from '../../../utils/format';
import { numberParam } from '../../../utils/nav';

/** A nomination: the county reviews, notices, awards or rejects, revokes; objections are answered here. */
export default function HonourPage() {
  const id = numberParam(useRouter().params.id);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState('');
  const { data, error, reload } = useLoader(async () => {
    if (!id) throw new Error('链接不完整');
    return honoursApi.get(id);
  });
  if (!data || !id) return <PageStatus error={error} />;
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
      toast('已办理');
      await reload();
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };
  const run = (input: ActionInput) => act(() => casesApi.transition(data.caseId, { ...input, version: data.version } as never));
  return (
    <View className="page" data-testid="honour-page">
      <View className="card">
        <View className="row">
          <Text className="card__title">
            {data.kindName} · {data.nomineeName}
          </Text>
          <StateTag caseType="honour_nomination" state={data.state} label={data.stateLabel} />
        </View>
        <Text className="muted">
          {data.employerName} · {data.nominatedByName} 推荐 · {data.year} 年{data.deadline ? ` · ${deadlineText(data.deadline)}` : ''}
          {data.noticeEndsAt ? ` · 公示至 ${formatDateTime(data.noticeEndsAt)}` : ''}
        </Text>
        {data.excludedReason ? (
          <Text className="field__error" data-testid="honour-excluded">
            单位不能参评：{data.excludedReason}
          </Text>
        ) : null}
        <Text className="paragraph">{data.deeds}</Text>
        {data.materials.length ? <EvidenceList uploads={data.materials} testId="honour-materials" /> : null}
        {data.rejectReason ? <Text className="paragraph">未通过：{data.rejectReason}</Text> : null}
        {data.revokedReason ? <Text className="field__error">已撤销：{data.revokedReason}</Text> : null}
      </View>
      {data.objections.length ? (
        <View className="card">
          <Text className="card__title">公示异议</Text>
          {data.objections.map((o) => (
            <View key={o.id} className="clock">
              <Text>{o.content}</Text>
              {o.resolution ? (
                <Text className="muted">处理：{o.resolution}</Text>
              ) : (
                <>
                  <Field label="处理结果" value={answer} onChange={setAnswer} testId={`honour-answer-${o.id}`} />
                  <Button
                    block
                    size="large"
                    className="big-button"
                    onClick={() => void act(() => honoursApi.resolveObjection(id, o.id, answer.trim()))}
                  >
                    处理完毕
                  </Button>
                </>
              )}
            </View>
          ))}
        </View>
      ) : null}
      <ActionPanel actions={data.actions} busy={busy} onRun={run} commentHint="请写明原因（会告诉推荐单位，撤销原因会公开显示）" />
      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={data.history} />
      </View>
    </View>
  );
}
