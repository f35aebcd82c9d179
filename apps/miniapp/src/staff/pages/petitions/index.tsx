import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkAgainst, createPetitionBody, PETITION_CHANNEL_LABEL, type PetitionChannel } from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { NumberStepper } from '../../../components/NumberStepper';
import { PageStatus } from '../../../components/PageStatus';
import { usePaged } from '../../../hooks/usePaged';
import { LoadMore } from '../../../components/LoadMore';
import { petitionsApi } from '../../../services/api/legal';
import { errorMessage } from '../../../utils/feedback';
import { chinaToday, deadlineText } from '../../../utils/format';

import { route } from '../../../utils/nav';
import { DateField } from '../../../components/DateField';

const CHANNELS = Object.keys(PETITION_CHANNEL_LABEL) as PetitionChannel[];

/** Petitions and disputes brought to the union: the list with deadlines, and registering a new one. */
export default function Petitions() {
  const list = usePaged((after) => petitionsApi.list(after));
  const { reload } = list;
  const [adding, setAdding] = useState(false);
  const [channel, setChannel] = useState<PetitionChannel>('visit');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [employer, setEmployer] = useState('');
  const [workers, setWorkers] = useState(1);
  const [subject, setSubject] = useState('');
  const [content, setContent] = useState('');
  const [receivedOn, setReceivedOn] = useState(chinaToday());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const checked = checkAgainst(createPetitionBody, {
      channel,
      petitionerName: name.trim(),
      petitionerPhone: phone,
      employerName: employer.trim(),
      workerCount: workers,
      subject: subject.trim(),
      content: content.trim(),
      receivedOn,
    });
    if (!checked.ok) return setProblem(Object.values(checked.problems)[0] ?? null);
    if (receivedOn > chinaToday()) return setProblem('收到日期不能晚于今天');
    setBusy(true);
    setProblem(null);
    try {
      const created = await petitionsApi.create(checked.value);
      setAdding(false);
      await Taro.navigateTo({ url: route('/staff/pages/petition/index', { id: created.id }) });
      await reload();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (adding) {
    return (
      <View className="page" data-testid="petition-new">
        <View className="card">
          <Text className="card__title">登记信访件</Text>
          {CHANNELS.map((c) => (
            <Choice
              key={c}
              title={PETITION_CHANNEL_LABEL[c]}
              selected={channel === c}
              onSelect={() => setChannel(c)}
              testId={`petition-channel-${c}`}
            />
          ))}
          <Field label="来访人姓名" value={name} onChange={setName} testId="petition-name" />
          <Field label="联系电话" value={phone} onChange={setPhone} type="number" maxlength={11} testId="petition-phone" />
          <Field label="涉及单位" value={employer} onChange={setEmployer} testId="petition-employer" />
          <Text className="field__label">涉及职工人数</Text>
          <NumberStepper value={workers} min={1} max={99} unit="人" onChange={setWorkers} testId="petition-workers" />
          <Field
            label="事由"
            value={subject}
            onChange={setSubject}
            placeholder="例如：12 名职工反映被拖欠两个月工资"
            testId="petition-subject"
          />
          <Text className="field__label">反映的情况</Text>
          <Textarea
            className="field__textarea"
            value={content}
            maxlength={2000}
            onInput={(e) => setContent(e.detail.value)}
            data-testid="petition-content"
          />
          <DateField label="收到日期" value={receivedOn} onChange={setReceivedOn} testId="petition-received" />
          {problem ? <Text className="field__error">{problem}</Text> : null}
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            loading={busy}
            onClick={() => void save()}
            data-testid="petition-save"
          >
            登记
          </Button>
          <Button block size="large" className="big-button" onClick={() => setAdding(false)}>
            取消
          </Button>
        </View>
      </View>
    );
  }
  if (!list.loaded || (list.error && !list.items.length)) return <PageStatus error={list.error} />;
  return (
    <View className="page" data-testid="petitions-page">
      <Button block size="large" type="primary" className="big-button" onClick={() => setAdding(true)} data-testid="petition-add">
        登记信访件
      </Button>
      {list.items.map((p) => (
        <View
          key={p.id}
          className="list-item"
          onClick={() => void Taro.navigateTo({ url: route('/staff/pages/petition/index', { id: p.id }) })}
          data-testid={`petition-${p.id}`}
        >
          <Text className="list-item__title">{p.subject}</Text>
          <Text className="muted">
            {p.channelLabel} · {p.employerName} · {p.workerCount} 人 · {p.stateLabel}
          </Text>
          {p.deadline ? <Text className={p.deadline.overdue ? 'field__error' : 'muted'}>{deadlineText(p.deadline)}</Text> : null}
        </View>
      ))}
      <LoadMore list={list} testId="petitions-more" />
    </View>
  );
}
