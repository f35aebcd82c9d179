import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  FILE_CLOSE_REASON_LABEL,
  HARDSHIP_CATEGORY_LABEL,
  type FileCloseReason,
  type HardshipCategory,
  type HardshipFileView,
  type RecheckFileRequest,
  firstProblem,
  recheckFileBody,
} from '@union/shared';
import { Choice } from '../../components/Choice';
import { hardshipFilesApi } from '../../services/api/hardship';
import { isApiError } from '../../services/request';
import { errorMessage, toast } from '../../utils/feedback';
import { formatDate, formatDateTime } from '../../utils/format';

type Outcome = RecheckFileRequest['outcome'];

const OUTCOMES: { value: Outcome; title: string; desc: string }[] = [
  { value: 'keep', title: '情况没变，继续保留', desc: '下次复核在一年后' },
  { value: 'change_category', title: '情况有变化，调整类别', desc: '例如由深度困难调为相对困难' },
  { value: 'close', title: '关闭档案', desc: '已脱困、退休、调离、去世或不再符合条件' },
];
const CATEGORIES = Object.keys(HARDSHIP_CATEGORY_LABEL) as HardshipCategory[];
const REASONS = Object.keys(FILE_CLOSE_REASON_LABEL) as FileCloseReason[];

interface RecheckFormProps {
  file: HardshipFileView;
  onDone: () => Promise<void>;
}

/**
 * The yearly re-check of an active file (keep / change category / close with a reason the worker
 * is told), or for a closed file the follow-up call. Sent with the file's version: a stale page
 * gets a plain "someone changed it" and reloads.
 */
export function RecheckForm({ file, onDone }: RecheckFormProps) {
  // What the file's state allows this cadre, as the server says (its case's actions).
  const allowed = new Set(file.actions.map((a) => a.action));
  const followUp = allowed.has('follow_up');
  const [chosen, setOutcome] = useState<Outcome | null>(null);
  // A closed file takes only the follow-up (also right after this form closed it).
  const outcome: Outcome | null = followUp ? 'follow_up' : chosen === 'follow_up' ? null : chosen;
  const [category, setCategory] = useState<HardshipCategory | null>(null);
  const [closeReason, setCloseReason] = useState<FileCloseReason | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (allowed.size === 0) return null;

  const submit = async () => {
    // The schema states each field; which field an outcome needs is the page's (and the service's) rule.
    if (!outcome) return setProblem(firstProblem(recheckFileBody, { version: file.version, note: note.trim() }));
    if (outcome === 'change_category' && !category) return setProblem('请选择新的困难类别');
    if (outcome === 'close' && !closeReason) return setProblem('请选择关闭档案的原因');
    const body: RecheckFileRequest = { version: file.version, outcome, note: note.trim() };
    const p = firstProblem(recheckFileBody, body);
    if (p) return setProblem(p);
    if (outcome === 'change_category' && category) body.category = category;
    if (outcome === 'close' && closeReason) body.closeReason = closeReason;
    setBusy(true);
    setProblem(null);
    try {
      await hardshipFilesApi.recheck(file.id, body);
      toast(followUp ? '回访已记录' : '复核已记录');
      setOutcome(null);
      setNote('');
      await onDone();
    } catch (e) {
      setProblem(errorMessage(e));
      if (isApiError(e, 'state_conflict')) await onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" data-testid="recheck-form">
      <Text className="card__title">{followUp ? '回访' : '年度复核'}</Text>
      {followUp ? (
        <Text className="muted">
          档案已关闭（{file.closeReasonLabel}）。{formatDate(file.followUpDueAt ?? '')} 前打电话问问这户现在的情况。
        </Text>
      ) : (
        <Text className="muted">{formatDate(file.recheckDueAt ?? '')} 前复核。入户或电话了解后，选一个结果。</Text>
      )}
      {!followUp
        ? OUTCOMES.filter((o) => allowed.has(o.value)).map((o) => (
            <Choice
              key={o.value}
              title={o.title}
              desc={o.desc}
              selected={outcome === o.value}
              onSelect={() => setOutcome(o.value)}
              testId={`recheck-outcome-${o.value}`}
            />
          ))
        : null}
      {outcome === 'change_category' ? (
        <View>
          <Text className="field__label">新的类别（现在是{file.categoryLabel}）</Text>
          {CATEGORIES.filter((c) => c !== file.category).map((c) => (
            <Choice
              key={c}
              title={HARDSHIP_CATEGORY_LABEL[c]}
              selected={category === c}
              onSelect={() => setCategory(c)}
              testId={`recheck-category-${c}`}
            />
          ))}
        </View>
      ) : null}
      {outcome === 'close' ? (
        <View>
          <Text className="field__label">关闭原因</Text>
          {REASONS.map((r) => (
            <Choice
              key={r}
              title={FILE_CLOSE_REASON_LABEL[r]}
              selected={closeReason === r}
              onSelect={() => setCloseReason(r)}
              testId={`recheck-reason-${r}`}
            />
          ))}
        </View>
      ) : null}
      {outcome ? (
        <View className="field">
          <Text className="field__label">
            {outcome === 'close' ? '告诉职工的话' : outcome === 'follow_up' ? '回访情况' : '了解到的情况'}
          </Text>
          {outcome === 'close' ? <Text className="field__hint">职工会收到这段话，请写清楚为什么关闭、以后有困难可以再申请。</Text> : null}
          <Textarea
            className="field__textarea"
            value={note}
            maxlength={500}
            onInput={(e) => setNote(e.detail.value)}
            data-testid="recheck-note"
          />
        </View>
      ) : null}
      {problem ? (
        <Text className="field__error" data-testid="recheck-problem">
          {problem}
        </Text>
      ) : null}
      {outcome ? (
        <Button
          block
          size="large"
          type={outcome === 'close' ? 'danger' : 'primary'}
          className="big-button"
          disabled={busy}
          onClick={() => void submit()}
          data-testid="recheck-submit"
        >
          {outcome === 'close' ? '关闭档案' : outcome === 'follow_up' ? '记录回访' : '记录复核结果'}
        </Button>
      ) : null}
    </View>
  );
}

/** The file's re-checks, closing and follow-ups, newest first. */
export function FileEvents({ file }: { file: HardshipFileView }) {
  const events = [...file.events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return (
    <View className="card" data-testid="file-events">
      <Text className="card__title">复核和回访记录</Text>
      {events.length === 0 ? <Text className="muted">还没有复核记录。</Text> : null}
      {events.map((e) => (
        <View className="timeline__item" key={e.id}>
          <View className="timeline__dot" />
          <View className="timeline__body">
            <Text className="timeline__title">
              {e.outcomeLabel} · {e.actorName}
            </Text>
            <Text className="timeline__time">{formatDateTime(e.at)}</Text>
            <Text className="timeline__comment">“{e.note}”</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
