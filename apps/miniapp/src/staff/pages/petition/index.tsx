import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkAgainst, petitionMeetingBody, resolvePetitionBody, type ActionView, type UploadView, isTerminalState } from '@union/shared';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { EvidenceList } from '../../../components/EvidenceList';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { StateTag } from '../../../components/StateTag';
import { Timeline } from '../../../components/Timeline';
import { UploadBox } from '../../../components/UploadBox';
import { useLoader } from '../../../hooks/useLoader';
import { casesApi } from '../../../services/api/cases';
import { petitionsApi } from '../../../services/api/legal';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { chinaToday, deadlineText } from '../../../utils/format';

import { numberParam } from '../../../utils/nav';
import { DateField } from '../../../components/DateField';

/** One petition: accept, decline or extend; record meetings; resolve with the result and linked legal-aid cases. */
export default function PetitionPage() {
  const id = numberParam(useRouter().params.id);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState<'meeting' | 'resolve' | null>(null);
  const [heldOn, setHeldOn] = useState(chinaToday());
  const [attendees, setAttendees] = useState('');
  const [text, setText] = useState('');
  const [links, setLinks] = useState('');
  const [docs, setDocs] = useState<UploadView[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const { data, error, reload } = useLoader(async () => {
    if (!id) throw new Error('链接不完整');
    return petitionsApi.get(id);
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

  const save = async () => {
    setProblem(null);
    try {
      setBusy(true);
      if (form === 'meeting') {
        const checked = checkAgainst(petitionMeetingBody, {
          heldOn,
          attendees: attendees.trim(),
          summary: text.trim(),
          uploadIds: docs.map((d) => d.id),
        });
        if (!checked.ok) throw new Error(Object.values(checked.problems)[0]);
        await petitionsApi.meeting(id, checked.value);
      } else {
        const ids = links
          .split(/[,，\s]+/)
          .filter(Boolean)
          .map(Number);
        if (ids.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('法律援助案件编号只填数字，用逗号隔开');
        const checked = checkAgainst(resolvePetitionBody, { version: data.version, result: text.trim(), legalAidApplicationIds: ids });
        if (!checked.ok) throw new Error(Object.values(checked.problems)[0]);
        await petitionsApi.resolve(id, checked.value);
      }
      setForm(null);
      setText('');
      setDocs([]);
      toast('已保存');
      await reload();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const open = !isTerminalState('petition', data.state);
  return (
    <View className="page" data-testid="petition-page">
      <View className="card">
        <View className="row">
          <Text className="card__title">{data.subject}</Text>
          <StateTag caseType="petition" state={data.state} label={data.stateLabel} />
        </View>
        {data.deadline ? (
          <Text className={data.deadline.overdue ? 'field__error' : 'muted'} data-testid="petition-deadline">
            {data.state === 'registered' ? '受理期限' : '办结期限'}：{deadlineText(data.deadline)}
            {data.extended ? '（已延长）' : ''}
          </Text>
        ) : null}
        <Text className="muted">
          {data.channelLabel} · {data.receivedOn} · {data.petitionerNameMasked} {data.petitionerPhoneMasked} · {data.employerName} ·{' '}
          {data.workerCount} 人
        </Text>
        <Text className="paragraph">{data.content}</Text>
        {data.result ? <Text className="paragraph">处理结果：{data.result}</Text> : null}
        {data.declineReason ? <Text className="paragraph">不予受理：{data.declineReason}</Text> : null}
        {data.legalAidApplicationIds.length ? (
          <Text className="muted">转法律援助案件：{data.legalAidApplicationIds.join('、')}</Text>
        ) : null}
      </View>
      {data.meetings.length ? (
        <View className="card">
          <Text className="card__title">协调会</Text>
          {data.meetings.map((m) => (
            <View key={m.id} className="clock">
              <Text>
                {m.heldOn} · {m.attendees}
              </Text>
              <Text className="muted">{m.summary}</Text>
              {m.documents.length ? <EvidenceList uploads={m.documents} testId={`meeting-docs-${m.id}`} /> : null}
            </View>
          ))}
        </View>
      ) : null}
      {form ? (
        <View className="card" data-testid={`petition-form-${form}`}>
          {form === 'meeting' ? (
            <>
              <DateField label="开会日期" value={heldOn} onChange={setHeldOn} testId="meeting-date" />
              <Field label="参加人员" value={attendees} onChange={setAttendees} testId="meeting-attendees" />
            </>
          ) : (
            <Field label="转法律援助的案件编号（可不填，多个用逗号隔开）" value={links} onChange={setLinks} testId="resolve-links" />
          )}
          <Text className="field__label">{form === 'meeting' ? '会议情况' : '处理结果'}</Text>
          <Textarea
            className="field__textarea"
            value={text}
            maxlength={2000}
            onInput={(e) => setText(e.detail.value)}
            data-testid="petition-form-text"
          />
          {form === 'meeting' ? (
            <UploadBox
              purpose="legal_document"
              label="会议纪要（可不传）"
              uploads={docs}
              onAdd={(u) => setDocs((l) => [...l, u])}
              testId="meeting-docs"
            />
          ) : null}
          {problem ? <Text className="field__error">{problem}</Text> : null}
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            loading={busy}
            onClick={() => void save()}
            data-testid="petition-form-save"
          >
            保存
          </Button>
          <Button block size="large" className="big-button" onClick={() => setForm(null)}>
            取消
          </Button>
        </View>
      ) : (
        <>
          <ActionPanel
            actions={data.actions}
            busy={busy}
            onRun={run}
            onForm={(a: ActionView) => a.form === 'petition_resolve' && setForm('resolve')}
            commentHint="请写明原因"
          />
          {open ? (
            <Button block size="large" className="big-button" onClick={() => setForm('meeting')} data-testid="petition-add-meeting">
              登记协调会
            </Button>
          ) : null}
        </>
      )}
      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={data.history} />
      </View>
    </View>
  );
}
