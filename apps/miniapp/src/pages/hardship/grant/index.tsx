import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  DEFAULT_GRANT_AMOUNTS,
  checkAgainst,
  createGrantApplicationBody,
  normalizeIdNumber,
  SCHOOL_LEVEL_LABEL,
  type SchoolLevel,
  type UploadView,
} from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { LoginPrompt } from '../../../components/LoginPrompt';
import { UploadBox } from '../../../components/UploadBox';
import { useLoader } from '../../../hooks/useLoader';
import { campaignsApi } from '../../../services/api/hardship';
import { isApiError } from '../../../services/request';
import { showError } from '../../../utils/feedback';
import { idNumberProblem } from '../../../utils/idNumber';
import { yuan } from '../../../utils/money';
import { numberParam } from '../../../utils/nav';
import { PageStatus } from '../../../components/PageStatus';
import { useLoggedIn } from '../../../hooks/useLoggedIn';

const LEVELS: SchoolLevel[] = ['university', 'high_school'];

type Problems = Partial<Record<'studentName' | 'studentIdNumber' | 'schoolLevel' | 'schoolName' | 'admission' | 'server', string>>;

/** 金秋助学: a worker of a filed household applies for one student of a campaign. */
export default function GrantApply() {
  const loggedIn = useLoggedIn();
  const campaignId = numberParam(useRouter().params.campaignId);
  const { data: campaign, error } = useLoader(
    () => (campaignId ? campaignsApi.get(campaignId) : Promise.reject(new Error('链接不完整，请从“困难帮扶”页打开'))),
    loggedIn,
  );
  const [studentName, setStudentName] = useState('');
  const [studentIdNumber, setStudentIdNumber] = useState('');
  const [schoolLevel, setSchoolLevel] = useState<SchoolLevel | ''>('');
  const [schoolName, setSchoolName] = useState('');
  const [uploads, setUploads] = useState<UploadView[]>([]);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);

  if (!loggedIn)
    return (
      <View className="page">
        <LoginPrompt />
      </View>
    );
  if (error || !campaign) return <PageStatus error={error} />;

  const amounts = campaign.amounts.perStudentFen ?? DEFAULT_GRANT_AMOUNTS;

  const submit = async () => {
    // What the request asks, as its shared schema says it; the check digit is the shared pii rule.
    const checked = checkAgainst(createGrantApplicationBody, {
      studentName: studentName.trim(),
      studentIdNumber: normalizeIdNumber(studentIdNumber),
      schoolLevel: schoolLevel || undefined,
      schoolName: schoolName.trim(),
      admissionUploadId: uploads[0]?.id,
    });
    const p: Problems = {};
    if (!checked.ok) {
      const { admissionUploadId, ...fields } = checked.problems;
      Object.assign(p, fields, admissionUploadId ? { admission: admissionUploadId } : {});
    }
    const idProblem = idNumberProblem(studentIdNumber);
    if (idProblem) p.studentIdNumber = idProblem;
    setProblems(p);
    if (!checked.ok || idProblem) return;
    setBusy(true);
    try {
      await campaignsApi.applyGrant(campaign.id, checked.value);
      await Taro.showModal({
        title: '已提交',
        content: '县总工会将核对录取通知书和困难档案，结果会发到“消息”里，也可以在“我的帮扶申请”里查看。',
        showCancel: false,
        confirmText: '知道了',
      });
      await Taro.redirectTo({ url: '/pages/hardship/mine/index' });
    } catch (e) {
      if (isApiError(e, 'validation_failed') || isApiError(e, 'invalid_id_number')) {
        const field = e.details?.[0]?.field;
        if (field === 'studentIdNumber') setProblems({ studentIdNumber: e.details?.[0]?.message ?? e.message });
        else setProblems({ server: e.message });
      } else {
        await showError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page" data-testid="hs-grant-page">
      <View className="card">
        <Text className="card__title">{campaign.title}</Text>
        <Text className="muted">
          {campaign.startsOn} 至 {campaign.endsOn} 可以申请。每个在读学生填一份。
        </Text>
        {LEVELS.map((l) => (
          <View className="row" key={l}>
            <Text className="row__label">{SCHOOL_LEVEL_LABEL[l]}</Text>
            <Text className="row__value">每人 {yuan(amounts[l])}</Text>
          </View>
        ))}
      </View>
      {!campaign.open ? (
        <View className="card">
          <Text className="paragraph">这个活动现在不接受申请。</Text>
        </View>
      ) : (
        <View className="card">
          <Field label="学生姓名" value={studentName} onChange={setStudentName} error={problems.studentName} testId="grant-student-name" />
          <Field
            label="学生身份证号码"
            value={studentIdNumber}
            onChange={setStudentIdNumber}
            type="idcard"
            maxlength={18}
            error={problems.studentIdNumber}
            testId="grant-student-id"
          />
          <Text className="field__label">在读学段</Text>
          {LEVELS.map((l) => (
            <Choice
              key={l}
              title={SCHOOL_LEVEL_LABEL[l]}
              selected={schoolLevel === l}
              onSelect={() => setSchoolLevel(l)}
              testId={`grant-level-${l}`}
            />
          ))}
          {problems.schoolLevel ? <Text className="field__error">{problems.schoolLevel}</Text> : null}
          <Field
            label="学校名称"
            value={schoolName}
            onChange={setSchoolName}
            placeholder="例如：县第一中学"
            error={problems.schoolName}
            testId="grant-school-name"
          />
          <UploadBox
            purpose="admission_proof"
            label="录取通知书或在读证明"
            hint="拍清楚学生姓名和学校名称那一页。"
            uploads={uploads}
            onAdd={(u) => setUploads((prev) => [...prev, u])}
            onRemove={(id) => setUploads((prev) => prev.filter((u) => u.id !== id))}
            testId="grant-admission"
          />
          {problems.admission ? <Text className="field__error">{problems.admission}</Text> : null}
          {problems.server ? <Text className="field__error">{problems.server}</Text> : null}
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            disabled={busy}
            onClick={() => void submit()}
            data-testid="grant-submit"
          >
            {busy ? '正在提交…' : '提交申请'}
          </Button>
        </View>
      )}
    </View>
  );
}
