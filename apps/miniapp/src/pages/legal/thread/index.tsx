import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  checkAgainst,
  createThreadBody,
  DISPUTE_TYPE_LABEL,
  threadMessageBody,
  type ConsultationTopic,
  type UploadView,
} from '@union/shared';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { Choice } from '../../../components/Choice';
import { EvidenceList } from '../../../components/EvidenceList';
import { NoticeNeeded } from '../../../components/NoticeNeeded';
import { PageStatus } from '../../../components/PageStatus';
import { isApiError } from '../../../services/request';
import { StateTag } from '../../../components/StateTag';
import { UploadBox } from '../../../components/UploadBox';
import { useLoader } from '../../../hooks/useLoader';
import { casesApi } from '../../../services/api/cases';
import { threadsApi } from '../../../services/api/legal';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { deadlineText, formatDateTime } from '../../../utils/format';
import { numberParam, route } from '../../../utils/nav';

const TOPICS = Object.keys(DISPUTE_TYPE_LABEL) as ConsultationTopic[];

/** What a first question and a later message must be, as their request schemas state it. */
const FIRST_QUESTION = createThreadBody.pick({ body: true });
const MESSAGE = threadMessageBody.pick({ body: true });

/** The box at the bottom: a message with optional photos. */
function Composer({
  onSend,
  placeholder,
  rule,
}: {
  onSend: (body: string, uploadIds: number[]) => Promise<void>;
  placeholder: string;
  rule: typeof FIRST_QUESTION | typeof MESSAGE;
}) {
  const [needsNotice, setNeedsNotice] = useState(false);
  const [body, setBody] = useState('');
  const [photos, setPhotos] = useState<UploadView[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const send = async () => {
    const checked = checkAgainst(rule, { body: body.trim() });
    if (!checked.ok) return setProblem(checked.problems.body ?? null);
    setBusy(true);
    setProblem(null);
    try {
      await onSend(
        body.trim(),
        photos.map((p) => p.id),
      );
      setBody('');
      setPhotos([]);
    } catch (e) {
      setProblem(errorMessage(e));
      if (isApiError(e, 'consent_required')) setNeedsNotice(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card" data-testid="thread-composer">
      <Textarea
        className="field__textarea"
        value={body}
        maxlength={1000}
        placeholder={placeholder}
        onInput={(e) => setBody(e.detail.value)}
        data-testid="thread-input"
      />
      <UploadBox
        purpose="consultation_photo"
        label="照片（可不传）"
        uploads={photos}
        onAdd={(u) => setPhotos((l) => [...l, u])}
        onRemove={(id) => setPhotos((l) => l.filter((u) => u.id !== id))}
        testId="thread-photos"
      />
      {problem ? <Text className="field__error">{problem}</Text> : null}
      {needsNotice ? <NoticeNeeded testId="thread-open-notice" /> : null}
      <Button block size="large" type="primary" className="big-button" loading={busy} onClick={() => void send()} data-testid="thread-send">
        发送
      </Button>
    </View>
  );
}

/** Ask the centre online (no id), or one thread for the worker or the lawyer (with id). */
export default function ThreadPage() {
  const id = numberParam(useRouter().params.id);
  const [topic, setTopic] = useState<ConsultationTopic | null>(null);
  const [busy, setBusy] = useState(false);
  const { data, error, reload } = useLoader(async () => (id ? threadsApi.get(id) : null));

  if (!id) {
    return (
      <View className="page" data-testid="thread-new">
        <View className="card">
          <Text className="card__title">在线咨询</Text>
          <Text className="muted">把遇到的问题写下来，可以附上合同、工资条、聊天记录的照片。律师 2 个工作日内答复，答复后会通知您。</Text>
          {TOPICS.map((t) => (
            <Choice
              key={t}
              title={DISPUTE_TYPE_LABEL[t]}
              selected={topic === t}
              onSelect={() => setTopic(t)}
              testId={`thread-topic-${t}`}
            />
          ))}
        </View>
        {topic ? (
          <Composer
            rule={FIRST_QUESTION}
            placeholder="例如：公司让我签自愿离职，不签就不发工资，我该怎么办？"
            onSend={async (body, uploadIds) => {
              const created = await threadsApi.create({ topic, body, uploadIds });
              await Taro.redirectTo({ url: route('/pages/legal/thread/index', { id: created.id }) });
            }}
          />
        ) : null}
      </View>
    );
  }
  if (!data) return <PageStatus error={error} />;

  const run = async (input: ActionInput) => {
    setBusy(true);
    try {
      await casesApi.transition(data.caseId, { ...input, version: data.version });
      toast('已结束');
      await reload();
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };
  const canWrite = data.actions.some((a) => a.form === 'thread_message');

  return (
    <View className="page" data-testid="thread-page">
      <View className="card">
        <View className="row">
          <Text className="card__title">{data.topicLabel}在线咨询</Text>
          <StateTag caseType="legal_thread" state={data.state} label={data.stateLabel} />
        </View>
        <Text className="muted">
          {data.mine ? `承办律师：${data.lawyerName ?? '待分配'}` : `职工：${data.applicantName}`}
          {data.deadline ? ` · 答复期限${deadlineText(data.deadline)}` : ''}
        </Text>
      </View>
      {data.messages.map((m) => (
        <View key={m.id} className={`bubble${m.fromCentre !== data.mine ? ' bubble--mine' : ''}`} data-testid={`thread-message-${m.id}`}>
          <Text className="muted">
            {m.fromCentre ? `${m.authorName}（律师）` : m.authorName} · {formatDateTime(m.at)}
          </Text>
          <Text className="paragraph">{m.body}</Text>
          {m.photos.length ? <EvidenceList uploads={m.photos} testId={`thread-photos-${m.id}`} /> : null}
        </View>
      ))}
      {canWrite ? (
        <Composer
          rule={MESSAGE}
          placeholder={data.mine ? '还有问题可以继续问' : '写下给职工的答复'}
          onSend={async (body, uploadIds) => {
            await threadsApi.post(id, { body, uploadIds });
            await reload();
          }}
        />
      ) : null}
      <ActionPanel actions={data.actions.filter((a) => !a.form)} busy={busy} onRun={run} />
    </View>
  );
}
