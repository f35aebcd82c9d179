import { useState, type ReactNode } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  createObjectionBody,
  cstDate,
  democraticReviewBody,
  fileHouseholdBody,
  firstProblem,
  homeVisitBody,
  resolveObjectionBody,
  returnForMaterialBody,
  HARDSHIP_CATEGORY_LABEL,
  type HardshipApplicationView,
  type HardshipCategory,
  type NoticeObjectionView,
  type PublicNoticeView,
  type UploadView,
} from '@union/shared';
import { Choice } from '../../components/Choice';
import { Field } from '../../components/Field';
import { UploadBox } from '../../components/UploadBox';
import { hardshipApi } from '../../services/api/hardship';
import { isApiError } from '../../services/request';
import { errorMessage, showError, toast } from '../../utils/feedback';
import { formatDateTime, ruleSetLabel } from '../../utils/format';
import { DateField } from '../../components/DateField';

interface FormProps {
  app: HardshipApplicationView;
  /** Called after the step was recorded (or someone else acted first): reload the case. */
  onDone: () => Promise<void>;
  onCancel: () => void;
}

const today = () => cstDate(new Date());
/** Names typed in one line, separated by 、 , or spaces. */
const names = (text: string) =>
  text
    .split(/[、,，;；\s]+/)
    .map((n) => n.trim())
    .filter(Boolean);

// The form of each field is the request schema's (packages/shared/src/hardship/schemas.ts); a form
// adds only what needs today's date or several fields together.
function futureDayProblem(day: string): string | null {
  return day.trim() > today() ? '日期不能晚于今天' : null;
}

function Frame(props: {
  title: string;
  next: string;
  problem: string | null;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onCancel: () => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <View className="card action-form" data-testid={props.testId}>
      <Text className="card__title">{props.title}</Text>
      {props.children}
      <Text className="next-step">{props.next}</Text>
      {props.problem ? (
        <Text className="field__error" data-testid={`${props.testId}-problem`}>
          {props.problem}
        </Text>
      ) : null}
      <Button
        block
        size="large"
        type="primary"
        className="big-button"
        disabled={props.busy}
        onClick={props.onSubmit}
        data-testid={`${props.testId}-submit`}
      >
        {props.busy ? '正在提交…' : props.submitLabel}
      </Button>
      <Button block size="large" className="big-button" onClick={props.onCancel}>
        先不填
      </Button>
    </View>
  );
}

function TextBox(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  testId: string;
  max?: number;
}) {
  return (
    <View className="field">
      <Text className="field__label">{props.label}</Text>
      <Textarea
        className="field__textarea"
        value={props.value}
        maxlength={props.max ?? 1000}
        placeholder={props.placeholder}
        onInput={(e) => props.onChange(e.detail.value)}
        data-testid={props.testId}
      />
    </View>
  );
}

/** Send a form; a refusal is shown in the form; a conflict reloads the case as it is now. */
async function sendForm(send: () => Promise<unknown>, setProblem: (p: string | null) => void, onDone: () => Promise<void>) {
  try {
    await send();
    toast('已办理');
    await onDone();
  } catch (e) {
    if (isApiError(e, 'state_conflict') || isApiError(e, 'action_not_allowed')) {
      await showError(e);
      await onDone();
      return;
    }
    setProblem(isApiError(e) && e.details?.length ? e.details.map((d) => d.message).join('；') : errorMessage(e));
  }
}

const COMMON_MISSING = ['身份证', '户口簿', '收入证明', '医院诊断证明', '医疗费票据', '学费凭证', '银行卡照片'];

/** 退回补正: tick what is missing, say it in words; the worker sees the list. */
export function ReturnForm({ app, onDone, onCancel }: FormProps) {
  const [ticked, setTicked] = useState<string[]>([]);
  const [other, setOther] = useState('');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const items = [...ticked, ...names(other)];

  const submit = async () => {
    const body = { version: app.version, missingItems: items, comment: comment.trim() };
    const p = firstProblem(returnForMaterialBody, body);
    if (p) return setProblem(p);
    setBusy(true);
    await sendForm(() => hardshipApi.returnForMaterial(app.id, body), setProblem, onDone);
    setBusy(false);
  };

  return (
    <Frame
      title="退回补正"
      next="退回后申请人会收到消息，补齐后重新提交，再回到您这里初审。"
      problem={problem}
      busy={busy}
      submitLabel="退回补正"
      onSubmit={() => void submit()}
      onCancel={onCancel}
      testId="form-return"
    >
      <Text className="field__label">缺少哪些材料</Text>
      <View className="choice-grid">
        {COMMON_MISSING.map((item) => (
          <Choice
            key={item}
            title={item}
            selected={ticked.includes(item)}
            onSelect={() => setTicked((t) => (t.includes(item) ? t.filter((x) => x !== item) : [...t, item]))}
            testId={`form-return-item-${COMMON_MISSING.indexOf(item)}`}
          />
        ))}
      </View>
      <Field
        label="其他缺的材料（用顿号隔开）"
        value={other}
        onChange={setOther}
        placeholder="例如：爱人的诊断证明"
        testId="form-return-other"
      />
      <TextBox
        label="给申请人的话"
        value={comment}
        onChange={setComment}
        max={300}
        placeholder="例如：请补充爱人的诊断证明和户口簿。"
        testId="form-return-comment"
      />
    </Frame>
  );
}

/** 入户调查: at least two visitors, what they saw, whether it matches, photos. */
export function HomeVisitForm({ app, onDone, onCancel }: FormProps) {
  const [day, setDay] = useState(today());
  const [visitors, setVisitors] = useState('');
  const [findings, setFindings] = useState('');
  const [matches, setMatches] = useState<boolean | null>(null);
  const [uploads, setUploads] = useState<UploadView[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const people = names(visitors);

  const submit = async () => {
    const form = uploads.find((u) => u.purpose === 'visit_form');
    const body = {
      version: app.version,
      visitedOn: day.trim(),
      visitors: people,
      findings: findings.trim(),
      matchesDeclaration: matches ?? undefined,
      photoUploadIds: uploads.filter((u) => u.purpose === 'home_visit_photo').map((u) => u.id),
      ...(form ? { formUploadId: form.id } : {}),
    };
    const p = firstProblem(homeVisitBody, body) ?? futureDayProblem(day);
    if (p) return setProblem(p);
    setBusy(true);
    await sendForm(() => hardshipApi.homeVisit(app.id, { ...body, matchesDeclaration: matches as boolean }), setProblem, onDone);
    setBusy(false);
  };

  return (
    <Frame
      title="填写入户调查"
      next="提交后进入民主评议，由您组织职工代表评议。"
      problem={problem}
      busy={busy}
      submitLabel="提交入户调查"
      onSubmit={() => void submit()}
      onCancel={onCancel}
      testId="form-visit"
    >
      <DateField label="入户日期" value={day} onChange={setDay} placeholder="2026-11-20" testId="form-visit-date" />
      <Field
        label="入户人员（至少两人，用顿号隔开）"
        value={visitors}
        onChange={setVisitors}
        placeholder="例如：张干事、李委员"
        hint={`已填 ${people.length} 人`}
        testId="form-visit-visitors"
      />
      <TextBox
        label="看到的情况"
        value={findings}
        onChange={setFindings}
        max={2000}
        placeholder="住房、家具家电、家人身体和工作情况"
        testId="form-visit-findings"
      />
      <Text className="field__label">和申报的情况</Text>
      <Choice title="相符" selected={matches === true} onSelect={() => setMatches(true)} testId="form-visit-matches-yes" />
      <Choice title="不相符" selected={matches === false} onSelect={() => setMatches(false)} testId="form-visit-matches-no" />
      <View style={{ marginTop: '24px' }}>
        <UploadBox
          purpose="home_visit_photo"
          label="入户照片"
          hint="拍住房和生活情况，不要拍家人的脸。"
          uploads={uploads}
          onAdd={(u) => setUploads((prev) => [...prev, u])}
          onRemove={(id) => setUploads((prev) => prev.filter((x) => x.id !== id))}
          testId="form-visit-photos"
        />
        <UploadBox
          purpose="visit_form"
          label="签字的入户调查表（可以不传）"
          uploads={uploads}
          onAdd={(u) => setUploads((prev) => [...prev.filter((x) => x.purpose !== 'visit_form'), u])}
          onRemove={(id) => setUploads((prev) => prev.filter((x) => x.id !== id))}
          testId="form-visit-sheet"
        />
      </View>
    </Frame>
  );
}

/** 民主评议: at least three attendees and the votes; a majority starts the public notice. */
export function DemocraticReviewForm({ app, onDone, onCancel }: FormProps) {
  const [day, setDay] = useState(today());
  const [attendees, setAttendees] = useState('');
  const [votesFor, setVotesFor] = useState('');
  const [votesAgainst, setVotesAgainst] = useState('0');
  const [abstentions, setAbstentions] = useState('0');
  const [comment, setComment] = useState('');
  const [uploads, setUploads] = useState<UploadView[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const people = names(attendees);
  const count = (s: string) => (/^\d{1,4}$/.test(s.trim()) ? Number(s.trim()) : NaN);

  const submit = async () => {
    const [f, a, ab] = [count(votesFor), count(votesAgainst), count(abstentions)];
    const total = f + a + ab;
    const minutes = uploads[0];
    const body = {
      version: app.version,
      meetingOn: day.trim(),
      attendees: people,
      votesFor: f,
      votesAgainst: a,
      abstentions: ab,
      ...(minutes ? { minutesUploadId: minutes.id } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    const p =
      firstProblem(democraticReviewBody, body) ??
      futureDayProblem(day) ??
      (total > people.length ? `票数合计 ${total}，多于参加人数 ${people.length}` : null) ??
      (f * 2 <= total ? '同意票没有过半数：不能公示，请关掉这个表，用“不予通过”并写明原因' : null);
    if (p) return setProblem(p);
    setBusy(true);
    await sendForm(() => hardshipApi.democraticReview(app.id, body), setProblem, onDone);
    setBusy(false);
  };

  return (
    <Frame
      title="填写民主评议"
      next="提交后系统自动生成公示（姓名、身份证号遮挡，不写病情），公示期满且异议处理完后报乡镇(行业)工会。"
      problem={problem}
      busy={busy}
      submitLabel="提交评议并开始公示"
      onSubmit={() => void submit()}
      onCancel={onCancel}
      testId="form-review"
    >
      <DateField label="评议日期" value={day} onChange={setDay} placeholder="2026-11-21" testId="form-review-date" />
      <Field
        label="参加人员（至少三人，用顿号隔开）"
        value={attendees}
        onChange={setAttendees}
        placeholder="例如：王委员、李代表、赵代表"
        hint={`已填 ${people.length} 人`}
        testId="form-review-attendees"
      />
      <Field label="同意票" value={votesFor} onChange={setVotesFor} type="number" maxlength={4} testId="form-review-for" />
      <Field label="反对票" value={votesAgainst} onChange={setVotesAgainst} type="number" maxlength={4} testId="form-review-against" />
      <Field label="弃权票" value={abstentions} onChange={setAbstentions} type="number" maxlength={4} testId="form-review-abstain" />
      <TextBox label="说明（可以不写）" value={comment} onChange={setComment} max={500} testId="form-review-comment" />
      <UploadBox
        purpose="review_minutes"
        label="评议记录照片（可以不传）"
        uploads={uploads}
        onAdd={(u) => setUploads([u])}
        onRemove={() => setUploads([])}
        testId="form-review-minutes"
      />
    </Frame>
  );
}

const CATEGORIES = Object.keys(HARDSHIP_CATEGORY_LABEL) as HardshipCategory[];

/** 批准并建档: the county confirms the category (the rules' verdict is preselected). */
export function FilingForm({ app, onDone, onCancel }: FormProps) {
  const [category, setCategory] = useState<HardshipCategory | null>(app.assessment.category);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const p = firstProblem(fileHouseholdBody, { version: app.version, category: category ?? undefined });
    if (p || !category) return setProblem(p);
    setBusy(true);
    await sendForm(
      () => hardshipApi.fileHousehold(app.id, { version: app.version, category, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
      setProblem,
      onDone,
    );
    setBusy(false);
  };

  return (
    <Frame
      title="批准并建档"
      next="建档后申请人会收到通知；在困难档案里审批和发放帮扶，每年不超过上限。"
      problem={problem}
      busy={busy}
      submitLabel="批准并建立困难档案"
      onSubmit={() => void submit()}
      onCancel={onCancel}
      testId="form-filing"
    >
      <Text className="paragraph">
        按申请时的{ruleSetLabel(app.ruleSetVersion)}：{app.assessment.reasons[0]}
      </Text>
      <Text className="field__label">困难类别</Text>
      {CATEGORIES.map((c) => (
        <Choice
          key={c}
          title={HARDSHIP_CATEGORY_LABEL[c]}
          desc={c === app.assessment.category ? '认定标准的结果' : undefined}
          selected={category === c}
          onSelect={() => setCategory(c)}
          testId={`form-filing-${c}`}
        />
      ))}
      <TextBox label="审批意见（可以不写）" value={comment} onChange={setComment} max={500} testId="form-filing-comment" />
    </Frame>
  );
}

const CHANNEL_LABEL: Record<NoticeObjectionView['channel'], string> = {
  online: '小程序',
  in_person: '当面',
  phone: '电话',
  letter: '信件',
};
const OFFLINE_CHANNELS: NoticeObjectionView['channel'][] = ['in_person', 'phone', 'letter'];

/** The notice, its objections with a resolve form each, and a form for an objection received offline. */
export function NoticePanel({
  notice,
  canRegister,
  onDone,
}: {
  notice: PublicNoticeView;
  canRegister: boolean;
  onDone: () => Promise<void>;
}) {
  const [registering, setRegistering] = useState(false);
  const open = notice.objections.filter((o) => o.status === 'open').length;
  return (
    <View className="card" data-testid="staff-notice">
      <Text className="card__title">公示</Text>
      <Text className="paragraph">{notice.content}</Text>
      <Text className={notice.ended ? 'paragraph' : 'muted'} data-testid="staff-notice-period">
        {notice.ended ? '公示期已满。' : `公示中，到 ${formatDateTime(notice.endsAt)} 结束。`}
        {open ? `还有 ${open} 条异议没有处理，处理完才能报上级。` : notice.objections.length ? '异议都已处理。' : '没有收到异议。'}
      </Text>
      {notice.objections.map((o) => (
        <ObjectionItem key={o.id} objection={o} onDone={onDone} />
      ))}
      {canRegister && !registering ? (
        <Button block size="large" className="big-button" onClick={() => setRegistering(true)} data-testid="objection-register">
          登记线下收到的异议
        </Button>
      ) : null}
      {registering ? <RegisterObjection noticeId={notice.id} onDone={onDone} onCancel={() => setRegistering(false)} /> : null}
    </View>
  );
}

function ObjectionItem({ objection, onDone }: { objection: NoticeObjectionView; onDone: () => Promise<void> }) {
  const [resolving, setResolving] = useState(false);
  const [resolution, setResolution] = useState('');
  const [upheld, setUpheld] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const p = firstProblem(resolveObjectionBody, { resolution: resolution.trim(), upheld: upheld ?? undefined });
    if (p || upheld === null) return setProblem(p);
    setBusy(true);
    await sendForm(() => hardshipApi.resolveObjection(objection.id, { resolution: resolution.trim(), upheld }), setProblem, onDone);
    setBusy(false);
  };

  return (
    <View className="list-item" data-testid={`objection-${objection.id}`}>
      <Text className="list-item__title">
        {formatDateTime(objection.receivedAt)} · {CHANNEL_LABEL[objection.channel]} · {objection.status === 'open' ? '待处理' : '已处理'}
      </Text>
      <Text className="paragraph">“{objection.content}”</Text>
      {objection.resolution ? <Text className="muted">处理结果：{objection.resolution}</Text> : null}
      {objection.status === 'open' && !resolving ? (
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => setResolving(true)}
          data-testid={`objection-${objection.id}-resolve`}
        >
          处理这条异议
        </Button>
      ) : null}
      {resolving && objection.status === 'open' ? (
        <View className="action-form">
          <TextBox label="核实经过和结论" value={resolution} onChange={setResolution} testId={`objection-${objection.id}-resolution`} />
          <Choice
            title="异议不成立，继续办理"
            selected={upheld === false}
            onSelect={() => setUpheld(false)}
            testId={`objection-${objection.id}-rejected`}
          />
          <Choice
            title="异议成立（一般随后不予通过）"
            selected={upheld === true}
            onSelect={() => setUpheld(true)}
            testId={`objection-${objection.id}-upheld`}
          />
          {problem ? <Text className="field__error">{problem}</Text> : null}
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            disabled={busy}
            onClick={() => void submit()}
            data-testid={`objection-${objection.id}-submit`}
          >
            记录处理结果
          </Button>
          <Button block size="large" className="big-button" onClick={() => setResolving(false)}>
            先不处理
          </Button>
        </View>
      ) : null}
    </View>
  );
}

function RegisterObjection({ noticeId, onDone, onCancel }: { noticeId: number; onDone: () => Promise<void>; onCancel: () => void }) {
  const [channel, setChannel] = useState<NoticeObjectionView['channel'] | null>(null);
  const [content, setContent] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const p = firstProblem(createObjectionBody, { channel: channel ?? undefined, content: content.trim() });
    if (p || !channel) return setProblem(p);
    setBusy(true);
    await sendForm(
      async () => {
        await hardshipApi.addObjection(noticeId, { channel, content: content.trim() });
        onCancel();
      },
      setProblem,
      onDone,
    );
    setBusy(false);
  };

  return (
    <View className="action-form" data-testid="objection-form">
      <Text className="field__label">怎么收到的</Text>
      {OFFLINE_CHANNELS.map((c) => (
        <Choice
          key={c}
          title={CHANNEL_LABEL[c]}
          selected={channel === c}
          onSelect={() => setChannel(c)}
          testId={`objection-channel-${c}`}
        />
      ))}
      <TextBox label="异议内容" value={content} onChange={setContent} placeholder="对方反映的情况，照原话记下" testId="objection-content" />
      <Text className="next-step">登记后这条异议要处理完，才能报上级审核。</Text>
      {problem ? <Text className="field__error">{problem}</Text> : null}
      <Button
        block
        size="large"
        type="primary"
        className="big-button"
        disabled={busy}
        onClick={() => void submit()}
        data-testid="objection-submit"
      >
        登记异议
      </Button>
      <Button block size="large" className="big-button" onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}
