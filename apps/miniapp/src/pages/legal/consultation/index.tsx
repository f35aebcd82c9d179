import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { adviceBody, checkAgainst, type ActionView } from '@union/shared';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { EvidenceList } from '../../../components/EvidenceList';
import { PageStatus } from '../../../components/PageStatus';
import { RevealField } from '../../../components/RevealField';
import { StateTag } from '../../../components/StateTag';
import { Timeline } from '../../../components/Timeline';
import { useLoader } from '../../../hooks/useLoader';
import { casesApi } from '../../../services/api/cases';
import { consultationsApi } from '../../../services/api/legal';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { slotLabel } from '../../../utils/legal';
import { numberParam, route } from '../../../utils/nav';

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className="row">
      <Text className="row__label">{label}</Text>
      <Text className="row__value" data-testid={testId}>
        {value}
      </Text>
    </View>
  );
}

/**
 * One consultation, for the worker and for the lawyer: when, where, what about; the worker cancels
 * or moves it, rates it and turns it into a legal-aid application; the lawyer records the advice.
 */
export default function ConsultationPage() {
  const params = useRouter().params;
  const id = numberParam(params.id);
  const [busy, setBusy] = useState(false);
  const [advising, setAdvising] = useState(false);
  const [summary, setSummary] = useState('');
  const [advice, setAdvice] = useState('');
  const [suggest, setSuggest] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { data, error, reload } = useLoader(async () => {
    if (!id) throw new Error('链接不完整，请从“我的法律服务”里打开');
    return consultationsApi.get(id);
  });
  if (!data || !id) return <PageStatus error={error} />;

  const run = async (input: ActionInput) => {
    setBusy(true);
    try {
      await casesApi.transition(data.caseId, { ...input, version: data.version });
      toast('已办理');
      await reload();
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };

  const onForm = (a: ActionView) => {
    if (a.form === 'consultation_reschedule') {
      void Taro.navigateTo({ url: route('/pages/legal/book/index', { reschedule: id, version: data.version, channel: data.channel }) });
    } else if (a.form === 'consultation_advice') {
      setAdvising(true);
    }
  };

  const saveAdvice = async () => {
    const checked = checkAgainst(adviceBody, {
      version: data.version,
      summary: summary.trim(),
      advice: advice.trim(),
      suggestLegalAid: suggest,
    });
    if (!checked.ok) return setProblem(Object.values(checked.problems)[0] ?? null);
    setBusy(true);
    setProblem(null);
    try {
      await consultationsApi.advice(id, checked.value);
      setAdvising(false);
      toast('已记录');
      await reload();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const rate = async (rating: number) => {
    try {
      await consultationsApi.rate(id, rating);
      toast('谢谢您的评价');
      await reload();
    } catch (e) {
      await showError(e);
    }
  };

  const isWorker = data.mine;

  return (
    <View className="page" data-testid="consultation-page">
      {params.booked === '1' ? (
        <View className="card card--highlight" data-testid="consultation-booked">
          <Text className="card__title">预约成功</Text>
          <Text className="paragraph">咨询前一天和前一小时会提醒您。不能参加请提前取消，把时间留给别人。</Text>
        </View>
      ) : null}
      <View className="card">
        <View className="row">
          <Text className="card__title">{data.topicLabel}咨询</Text>
          <StateTag caseType="legal_consultation" state={data.state} label={data.stateLabel} />
        </View>
        <Text className="muted" data-testid="consultation-next">
          {data.nextStep}
        </Text>
        <Row label="时间" value={slotLabel(data.startsAt)} testId="consultation-time" />
        <Row label="律师" value={data.lawyerName} testId="consultation-lawyer" />
        <Row label="方式" value={data.channelLabel} />
        {data.channel === 'in_person' ? <Row label="地点" value={data.place} /> : null}
        {data.phoneMasked ? <Row label="电话" value={data.phoneMasked} /> : null}
        {data.phoneMasked && !isWorker && data.channel !== 'in_person' ? (
          <RevealField
            subject="legal_consultation"
            id={data.id}
            field="phone"
            label="完整手机号（打电话用）"
            reveal={(reason) => consultationsApi.revealPhone(data.id, reason)}
          />
        ) : null}
        {!isWorker ? <Row label="职工" value={data.applicantName} /> : null}
        <Text className="paragraph">{data.description}</Text>
        {data.photos.length ? <EvidenceList uploads={data.photos} /> : null}
      </View>

      {data.advice ? (
        <View className="card" data-testid="consultation-advice">
          <Text className="card__title">律师意见</Text>
          <Text className="muted">咨询情况</Text>
          <Text className="paragraph">{data.summary}</Text>
          <Text className="muted">意见和建议</Text>
          <Text className="paragraph">{data.advice}</Text>
          {data.suggestLegalAid && isWorker ? (
            data.legalAidApplicationId ? (
              <Button
                block
                size="large"
                className="big-button"
                onClick={() =>
                  void Taro.navigateTo({ url: route('/pages/legal/case/index', { id: data.legalAidApplicationId as number }) })
                }
              >
                查看法律援助申请
              </Button>
            ) : (
              <Button
                block
                size="large"
                type="primary"
                className="big-button"
                onClick={() =>
                  void Taro.navigateTo({ url: route('/pages/legal/apply/index', { fromConsultation: id, topic: data.topic }) })
                }
                data-testid="consultation-to-aid"
              >
                律师建议申请法律援助：一键申请
              </Button>
            )
          ) : null}
        </View>
      ) : null}

      {data.state === 'held' && isWorker ? (
        <View className="card" data-testid="consultation-rating">
          <Text className="card__title">{data.rating ? '您的评价' : '给这次咨询打个分'}</Text>
          <View className="stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <Text key={n} onClick={() => void rate(n)} data-testid={`consultation-star-${n}`}>
                {data.rating && n <= data.rating ? '★' : '☆'}
              </Text>
            ))}
          </View>
        </View>
      ) : null}

      {advising ? (
        <View className="card" data-testid="advice-form">
          <Text className="card__title">记录咨询意见</Text>
          <Text className="field__label">咨询情况</Text>
          <Textarea
            className="field__textarea"
            value={summary}
            maxlength={1000}
            onInput={(e) => setSummary(e.detail.value)}
            data-testid="advice-summary"
          />
          <Text className="field__label">意见和建议（职工能看到）</Text>
          <Textarea
            className="field__textarea"
            value={advice}
            maxlength={2000}
            onInput={(e) => setAdvice(e.detail.value)}
            data-testid="advice-text"
          />
          <View className={`choice${suggest ? ' choice--selected' : ''}`} onClick={() => setSuggest(!suggest)} data-testid="advice-suggest">
            <Text className="choice__title">{suggest ? '✓ ' : ''}建议职工申请法律援助</Text>
          </View>
          {problem ? <Text className="field__error">{problem}</Text> : null}
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            loading={busy}
            onClick={() => void saveAdvice()}
            data-testid="advice-save"
          >
            保存
          </Button>
        </View>
      ) : (
        <ActionPanel actions={data.actions} busy={busy} onRun={run} onForm={onForm} commentHint="请写明取消的原因，职工能看到" />
      )}

      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={data.history} />
      </View>
    </View>
  );
}
