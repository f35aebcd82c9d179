import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  bookConsultationBody,
  checkAgainst,
  CONSULTATION_CHANNEL_LABEL,
  DISPUTE_TYPE_LABEL,
  type ConsultationChannel,
  type ConsultationTopic,
  type SlotView,
  type UploadView,
} from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { NoticeNeeded } from '../../../components/NoticeNeeded';
import { PageStatus } from '../../../components/PageStatus';
import { UploadBox } from '../../../components/UploadBox';
import { useLoader } from '../../../hooks/useLoader';
import { consultationsApi } from '../../../services/api/legal';
import { isApiError } from '../../../services/request';
import { errorMessage } from '../../../utils/feedback';
import { dayLabel, slotLabel, timeLabel } from '../../../utils/legal';
import { numberParam, route } from '../../../utils/nav';

const TOPICS = Object.keys(DISPUTE_TYPE_LABEL) as ConsultationTopic[];
const CHANNELS = Object.keys(CONSULTATION_CHANNEL_LABEL) as ConsultationChannel[];
const CHANNEL_DESC: Record<ConsultationChannel, string> = {
  in_person: '到县总工会职工法律援助中心，带上合同、工资条等材料',
  phone: '律师按预约时间给您打电话',
  video: '律师按预约时间发起微信视频',
};

type Step = 'topic' | 'channel' | 'slot' | 'details';

/** What the details screen asks for, as the request schema states it (its messages are shown). */
const DETAILS = bookConsultationBody.pick({ description: true, phone: true });

/**
 * Book a lawyer, one question per screen: what about, how, which free slot, then a few words. With
 * `?reschedule=<id>&version=&channel=` it only picks a new slot for an existing booking.
 */
export default function BookConsultation() {
  const params = useRouter().params;
  const rescheduleId = numberParam(params.reschedule);
  const [step, setStep] = useState<Step>(rescheduleId ? 'slot' : 'topic');
  const [topic, setTopic] = useState<ConsultationTopic | null>(null);
  const [channel, setChannel] = useState<ConsultationChannel | null>((params.channel as ConsultationChannel) ?? null);
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<SlotView | null>(null);
  const [description, setDescription] = useState('');
  const [phone, setPhone] = useState('');
  const [photos, setPhotos] = useState<UploadView[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [needsNotice, setNeedsNotice] = useState(false);
  const [busy, setBusy] = useState(false);
  const slots = useLoader(() => consultationsApi.slots({ days: 14, channel: channel ?? undefined }), step === 'slot');

  const choose = (next: Step) => {
    setProblem(null);
    setStep(next);
    if (next === 'slot') void slots.reload();
  };
  // 上一步 keeps what was chosen: going back to change the channel does not lose the topic.
  const PREVIOUS: Record<Step, Step | null> = { topic: null, channel: 'topic', slot: rescheduleId ? null : 'channel', details: 'slot' };
  const back = PREVIOUS[step] ? (
    <Button block size="large" className="big-button" onClick={() => choose(PREVIOUS[step] as Step)} data-testid="book-back">
      上一步
    </Button>
  ) : null;

  const submit = async () => {
    if (!slot || !channel) return;
    if (!rescheduleId) {
      // A phone or video consultation needs the phone: an empty one is refused like a wrong one.
      const checked = checkAgainst(DETAILS, { description: description.trim(), phone: channel === 'in_person' ? undefined : phone });
      if (!checked.ok) return setProblem(Object.values(checked.problems)[0] ?? null);
    }
    setBusy(true);
    setProblem(null);
    try {
      const booked = rescheduleId
        ? await consultationsApi.reschedule(rescheduleId, {
            version: Number(params.version),
            lawyerUserId: slot.lawyerUserId,
            startsAt: slot.startsAt,
          })
        : await consultationsApi.book({
            lawyerUserId: slot.lawyerUserId,
            startsAt: slot.startsAt,
            channel,
            topic: topic as ConsultationTopic,
            description: description.trim(),
            phone: channel === 'in_person' ? undefined : phone,
            uploadIds: photos.map((p) => p.id),
          });
      await Taro.redirectTo({ url: route('/pages/legal/consultation/index', { id: booked.id, booked: 1 }) });
    } catch (e) {
      setProblem(errorMessage(e));
      if (isApiError(e, 'consent_required')) setNeedsNotice(true);
      if (isApiError(e, 'slot_taken')) {
        setSlot(null);
        choose('slot');
      }
    } finally {
      setBusy(false);
    }
  };

  if (step === 'topic') {
    return (
      <View className="page" data-testid="book-topic">
        <View className="card">
          <Text className="card__title">想咨询什么问题？</Text>
          {TOPICS.map((t) => (
            <Choice
              key={t}
              title={DISPUTE_TYPE_LABEL[t]}
              selected={topic === t}
              onSelect={() => (setTopic(t), choose('channel'))}
              testId={`book-topic-${t}`}
            />
          ))}
        </View>
      </View>
    );
  }

  if (step === 'channel') {
    return (
      <View className="page" data-testid="book-channel">
        <View className="card">
          <Text className="card__title">怎么咨询？</Text>
          {CHANNELS.map((c) => (
            <Choice
              key={c}
              title={CONSULTATION_CHANNEL_LABEL[c]}
              desc={CHANNEL_DESC[c]}
              selected={channel === c}
              onSelect={() => (setChannel(c), setSlot(null), choose('slot'))}
              testId={`book-channel-${c}`}
            />
          ))}
        </View>
        {back}
      </View>
    );
  }

  if (step === 'slot') {
    if (!slots.data) return <PageStatus error={slots.error} />;
    const days = slots.data.filter((d) => d.slots.length > 0);
    const current = days.find((d) => d.date === day) ?? days[0];
    return (
      <View className="page" data-testid="book-slot">
        <View className="card">
          <Text className="card__title">{rescheduleId ? '改到哪个时间？' : '选一个时间'}</Text>
          {problem ? <Text className="field__error">{problem}</Text> : null}
          {days.length === 0 ? <Text className="paragraph">近两周的时段都约满了，可以先在线咨询，或过几天再来看。</Text> : null}
          <View className="day-tabs">
            {days.map((d) => (
              <Text
                key={d.date}
                className={`day-tab${current?.date === d.date ? ' day-tab--active' : ''}`}
                onClick={() => setDay(d.date)}
                data-testid={`book-day-${d.date}`}
              >
                {dayLabel(d.date)}
              </Text>
            ))}
          </View>
          {(current?.slots ?? []).map((s) => (
            <Choice
              key={`${s.lawyerUserId}-${s.startsAt}`}
              title={`${timeLabel(s.startsAt)} · ${s.lawyerName}`}
              desc={s.place}
              selected={slot === s}
              onSelect={() => setSlot(s)}
              testId={`book-slot-${s.lawyerUserId}-${Date.parse(s.startsAt)}`}
            />
          ))}
        </View>
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          disabled={!slot || busy}
          loading={busy}
          onClick={() => (rescheduleId ? void submit() : choose('details'))}
          data-testid="book-slot-next"
        >
          {rescheduleId ? '改到这个时间' : '下一步'}
        </Button>
        {back}
      </View>
    );
  }

  return (
    <View className="page" data-testid="book-details">
      <View className="card">
        <Text className="card__title">
          {slot ? slotLabel(slot.startsAt) : ''} · {slot?.lawyerName}
        </Text>
        <Text className="muted">
          {channel ? CONSULTATION_CHANNEL_LABEL[channel] : ''} · {topic ? DISPUTE_TYPE_LABEL[topic] : ''}
        </Text>
      </View>
      <View className="card">
        <Text className="field__label">简单说说遇到的问题</Text>
        <Textarea
          className="field__textarea"
          value={description}
          maxlength={500}
          placeholder="例如：在工地干了八个月，包工头欠我两个月工资 8600 元。"
          onInput={(e) => setDescription(e.detail.value)}
          data-testid="book-description"
        />
        {channel !== 'in_person' ? (
          <Field
            label="手机号"
            value={phone}
            onChange={setPhone}
            type="number"
            maxlength={11}
            hint="律师会打这个电话"
            testId="book-phone"
          />
        ) : null}
        <UploadBox
          purpose="consultation_photo"
          label="照片（可不传）"
          hint="合同、工资条、欠条、聊天记录都可以拍下来"
          uploads={photos}
          onAdd={(u) => setPhotos((list) => [...list, u])}
          onRemove={(id) => setPhotos((list) => list.filter((u) => u.id !== id))}
          testId="book-photos"
        />
        {problem ? (
          <Text className="field__error" data-testid="book-error">
            {problem}
          </Text>
        ) : null}
        {needsNotice ? <NoticeNeeded testId="book-open-notice" /> : null}
      </View>
      <Button
        block
        size="large"
        type="primary"
        className="big-button"
        loading={busy}
        onClick={() => void submit()}
        data-testid="book-submit"
      >
        确认预约
      </Button>
      {back}
    </View>
  );
}
