import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkAgainst, MODEL_WORKER_RECORD_LABEL, modelWorkerBody, modelWorkerRecordBody, type ModelWorkerRecordKind } from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { RevealField } from '../../../components/RevealField';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import { honoursApi } from '../../../services/api/honours';
import { errorMessage, toast } from '../../../utils/feedback';

import { amountProblem, yuan, yuanToFen } from '../../../utils/money';
import { chinaToday } from '../../../utils/format';
import { DateField } from '../../../components/DateField';

const KINDS = Object.keys(MODEL_WORKER_RECORD_LABEL) as ModelWorkerRecordKind[];

/** The county's model workers with this year's health check, care visits and support. */
export default function ModelWorkers() {
  const list = usePaged((after) => honoursApi.modelWorkers(after));
  const { reload } = list;
  const [open, setOpen] = useState<number | null>(null);
  const [kind, setKind] = useState<ModelWorkerRecordKind>('health_check');
  const [date, setDate] = useState(chinaToday());
  const [note, setNote] = useState('');
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [employer, setEmployer] = useState('');
  const [title, setTitle] = useState('县级劳动模范');
  const [year, setYear] = useState(chinaToday().slice(0, 4));
  if (!list.loaded || (list.error && !list.items.length)) return <PageStatus error={list.error} />;
  const addWorker = async () => {
    const checked = checkAgainst(modelWorkerBody, {
      name: name.trim(),
      employerName: employer.trim(),
      title: title.trim(),
      awardedYear: year.trim() ? Number(year) : undefined,
    });
    if (!checked.ok) return setProblem(Object.values(checked.problems)[0] ?? null);
    try {
      await honoursApi.addModelWorker(checked.value);
      setAdding(false);
      setProblem(null);
      await reload();
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  const save = async (id: number) => {
    // The date and the note as the request's schema says; the amount typed in yuan first as an amount.
    const checked = checkAgainst(modelWorkerRecordBody, {
      kind,
      date,
      note: note.trim(),
      amountFen: kind === 'support' ? (yuanToFen(amount) ?? 0) : undefined,
    });
    if (!checked.ok && (checked.problems.date || checked.problems.note)) return setProblem(checked.problems.date ?? checked.problems.note);
    const p = kind === 'support' ? amountProblem(amount, '补助金额') : null;
    if (p) return setProblem(p);
    if (!checked.ok) return setProblem(Object.values(checked.problems)[0] ?? null);
    try {
      const fresh = await honoursApi.addRecord(id, checked.value);
      setOpen(null);
      setNote('');
      toast('已记录');
      list.update((items) => items.map((w) => (w.id === fresh.id ? fresh : w)));
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  return (
    <View className="page" data-testid="model-workers-page">
      {adding ? (
        <View className="card" data-testid="model-worker-new">
          <Field label="姓名" value={name} onChange={setName} testId="mw-name" />
          <Field label="单位" value={employer} onChange={setEmployer} testId="mw-employer" />
          <Field label="称号" value={title} onChange={setTitle} testId="mw-title" />
          <Field label="获评年份" value={year} onChange={setYear} type="number" testId="mw-year" />
          {problem ? <Text className="field__error">{problem}</Text> : null}
          <Button block size="large" type="primary" className="big-button" onClick={() => void addWorker()} data-testid="mw-save">
            加入档案
          </Button>
        </View>
      ) : (
        <Button block size="large" className="big-button" onClick={() => setAdding(true)} data-testid="mw-add">
          补录往年劳模
        </Button>
      )}
      {list.items.length === 0 ? (
        <View className="card center">
          <Text className="muted">还没有劳模档案。</Text>
        </View>
      ) : null}
      {list.items.map((w) => (
        <View key={w.id} className="card" data-testid={`model-worker-${w.id}`}>
          <Text className="card__title">
            {w.name} · {w.title}
          </Text>
          <Text className={w.healthCheckDue ? 'field__error' : 'muted'}>
            {w.employerName}
            {w.healthCheckDue ? ' · 今年还没有体检' : ''}
          </Text>
          {w.records.slice(0, 5).map((r) =>
            r.sensitive ? (
              <RevealField
                key={r.id}
                subject="model_worker_record"
                id={r.id}
                field="note"
                label={`${r.date} ${r.kindLabel}`}
                reveal={(reason) => honoursApi.revealRecord(r.id, reason)}
              />
            ) : (
              <Text key={r.id} className="muted">
                {r.date} {r.kindLabel}：{r.note}
                {r.amountFen ? ` ${yuan(r.amountFen)}` : ''}
              </Text>
            ),
          )}
          {open === w.id ? (
            <>
              {KINDS.map((k) => (
                <Choice
                  key={k}
                  title={MODEL_WORKER_RECORD_LABEL[k]}
                  selected={kind === k}
                  onSelect={() => setKind(k)}
                  testId={`record-kind-${k}`}
                />
              ))}
              <DateField label="日期" value={date} onChange={setDate} testId="record-date" />
              <Field label="情况" value={note} onChange={setNote} testId="record-note" />
              {kind === 'support' ? (
                <Field label="补助金额（元）" value={amount} onChange={setAmount} type="digit" testId="record-amount" />
              ) : null}
              {problem ? <Text className="field__error">{problem}</Text> : null}
              <Button block size="large" type="primary" className="big-button" onClick={() => void save(w.id)} data-testid="record-save">
                保存
              </Button>
            </>
          ) : (
            <Button
              block
              size="large"
              className="big-button"
              onClick={() => (setOpen(w.id), setProblem(null))}
              data-testid={`record-add-${w.id}`}
            >
              登记体检、慰问或补助
            </Button>
          )}
        </View>
      ))}
      <LoadMore list={list} testId="model-workers-more" />
    </View>
  );
}
