import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ConsentCheck } from '../../../components/ConsentCheck';
import {
  assessHousehold,
  EMPLOYMENT_TYPE_LABEL,
  HARDSHIP_CAUSE_LABEL,
  HARDSHIP_CONSENT_VERSIONS,
  HEALTH_STATUS_LABEL,
  HOUSEHOLD_RELATION_LABEL,
  PROXY_CONSENT_METHOD_LABEL,
  WORK_STATUS_LABEL,
  type ProxyConsentMethod,
  type HardshipCause,
  type HardshipEmploymentType,
  type HardshipRules,
} from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { OrgPicker } from '../../../components/OrgPicker';
import { UploadBox } from '../../../components/UploadBox';
import { emptyMember, type HardshipDraftData, type ProxyConsentDraft } from '../../../services/hardshipDraft';
import { yuan, yuanToFen } from '../../../utils/money';
import { EVIDENCE_KINDS } from '../evidence';
import { householdFacts, memberProblems, membersIncomeFen, STEPS, stepIndex, type Problems, type StepKey } from './form';

export interface StepProps {
  data: HardshipDraftData;
  change: (patch: Partial<HardshipDraftData>) => void;
  problems: Problems;
}

const EMPLOYMENT_TYPES = Object.keys(EMPLOYMENT_TYPE_LABEL) as HardshipEmploymentType[];
const CAUSES = Object.keys(HARDSHIP_CAUSE_LABEL) as HardshipCause[];

function Problem({ text }: { text?: string }) {
  return text ? <Text className="field__error">{text}</Text> : null;
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="row">
      <Text className="row__label">{label}</Text>
      <Text className="row__value">{value}</Text>
    </View>
  );
}

const PROXY_METHODS = Object.keys(PROXY_CONSENT_METHOD_LABEL) as ProxyConsentMethod[];

/** 代办: how the worker agreed that a cadre files for them (shown above the consent texts). */
function ProxyConsent({ proxy, change, problems }: { proxy: ProxyConsentDraft; change: StepProps['change']; problems: Problems }) {
  const set = (patch: Partial<ProxyConsentDraft>) => change({ proxy: { ...proxy, ...patch } });
  return (
    <View className="card--warning action-form" data-testid="hs-proxy-consent">
      <Text className="card__title">代办：职工本人的同意</Text>
      <Text className="paragraph">
        代职工填写前，要先取得本人同意。请选择本人是怎样同意的，再把下面两段话读给本人听，本人同意后替他勾选。
      </Text>
      {PROXY_METHODS.map((m) => (
        <Choice
          key={m}
          title={PROXY_CONSENT_METHOD_LABEL[m]}
          selected={proxy.method === m}
          onSelect={() => set({ method: m })}
          testId={`hs-proxy-method-${m}`}
        />
      ))}
      <Problem text={problems.proxyMethod} />
      {proxy.method === 'signed_form' ? (
        <UploadBox
          purpose="proxy_authorisation"
          label="本人签字的委托书"
          hint="拍清楚签名和日期。"
          uploads={proxy.upload ? [proxy.upload] : []}
          onAdd={(u) => set({ upload: u })}
          onRemove={() => set({ upload: null })}
          testId="hs-proxy-form"
        />
      ) : null}
      <Problem text={problems.proxyUpload} />
      <View className="field">
        <Text className="field__label">同意的经过</Text>
        <Text className="field__hint">例如：11月20日上午在车间当面讲清楚，本人同意由我代办。</Text>
        <Textarea
          className="field__textarea"
          value={proxy.note}
          maxlength={500}
          onInput={(e) => set({ note: e.detail.value })}
          data-testid="hs-proxy-note"
        />
      </View>
      <Problem text={problems.proxyNote} />
    </View>
  );
}

export function SensitiveConsentStep({ data, change, problems }: StepProps) {
  const accepted = data.consentSensitive === HARDSHIP_CONSENT_VERSIONS.sensitiveData;
  return (
    <View data-testid="hs-consent-sensitive">
      {data.proxy ? <ProxyConsent proxy={data.proxy} change={change} problems={problems} /> : null}
      <Text className="paragraph">
        申请困难帮扶，需要填写您和家人的姓名、身份证号码、收入、健康状况（包括病情）、工作情况和银行卡号，并上传身份证、户口簿、收入证明、医疗票据等材料。这些是敏感个人信息。
      </Text>
      <Text className="paragraph">用途：只用于困难职工认定、帮扶款物发放和以后的复核，不作他用。</Text>
      <Text className="paragraph">
        谁能看到：受理您申请的基层工会、乡镇(行业)工会和县总工会的经办人员。身份证号码、病情和银行卡号平时只显示一部分；工作人员查看完整内容时必须写明原因，每次都会被记录。
      </Text>
      <Text className="paragraph">公示：民主评议后会在工会公示，姓名和身份证号码遮挡一部分，不公开病情。</Text>
      <Text className="paragraph">家人的信息：填写前请先告诉家人，取得他们的同意。</Text>
      <Text className="paragraph">保存：建档期间保存；档案关闭后按规定期限保存，到期删除。初审前您可以随时撤回申请。</Text>
      <View className="checkbox-row" data-testid="hs-consent-sensitive-check">
        <ConsentCheck
          checked={accepted}
          onChange={(v: boolean) => change({ consentSensitive: v ? HARDSHIP_CONSENT_VERSIONS.sensitiveData : null })}
          label="我单独同意工会按上面的说明处理我和家人的敏感个人信息"
        />
      </View>
      <Problem text={problems.consent} />
    </View>
  );
}

export function FinanceConsentStep({ data, change, problems }: StepProps) {
  const accepted = data.consentFinance === HARDSHIP_CONSENT_VERSIONS.financeCheck;
  return (
    <View data-testid="hs-consent-finance">
      <Text className="paragraph">
        为了核实您填写的情况，工会可以请民政、人社、住房公积金、不动产登记、车辆管理、银行等部门，核对您家庭成员的收入、社保、住房、车辆和存款情况。
      </Text>
      <Text className="paragraph">核对结果只用于这次困难认定和以后的复核。工会干部还会上门了解情况，并组织职工代表民主评议。</Text>
      <Text className="paragraph">如果填写的情况和核对结果明显不符，申请可能不予通过；弄虚作假得到的帮扶会被追回。</Text>
      <View className="checkbox-row" data-testid="hs-consent-finance-check">
        <ConsentCheck
          checked={accepted}
          onChange={(v: boolean) => change({ consentFinance: v ? HARDSHIP_CONSENT_VERSIONS.financeCheck : null })}
          label="我代表全体家庭成员，授权工会核对家庭经济状况"
        />
      </View>
      <Problem text={problems.consent} />
    </View>
  );
}

export function UnionStep({ data, change, problems }: StepProps) {
  return (
    <View>
      <Text className="paragraph">选您所在单位的工会。单位没有工会的，选您工作或居住地的乡镇(街道)工会、行业工会或联合工会。</Text>
      <OrgPicker
        selectedId={data.organizationId}
        onSelect={(org) => change({ organizationId: org.id, organizationName: org.name })}
        placeholder="输入工会名称中的几个字，例如“建筑”"
        testId="hs-org-search"
      />
      {data.organizationName ? (
        <Text className="paragraph" data-testid="hs-org-selected">
          已选：{data.organizationName}
        </Text>
      ) : null}
      <Problem text={problems.organization} />
    </View>
  );
}

export function WorkStep({ data, change, problems }: StepProps) {
  return (
    <View>
      <Field
        label="手机号码"
        value={data.phone}
        onChange={(v) => change({ phone: v })}
        type="number"
        maxlength={11}
        placeholder="11 位手机号"
        hint="工会入户调查前会打这个电话。"
        error={problems.phone}
        testId="hs-phone"
      />
      <Text className="field__label">您是哪类职工</Text>
      {EMPLOYMENT_TYPES.map((t) => (
        <Choice
          key={t}
          title={EMPLOYMENT_TYPE_LABEL[t]}
          selected={data.employmentType === t}
          onSelect={() => change({ employmentType: t })}
          testId={`hs-employment-${t}`}
        />
      ))}
      <Problem text={problems.employmentType} />
      <View style={{ marginTop: '32px' }}>
        <Field
          label="这份工作实际干了几个月"
          value={data.employmentMonths}
          onChange={(v) => change({ employmentMonths: v })}
          type="number"
          maxlength={3}
          placeholder="例如 24"
          error={problems.employmentMonths}
          testId="hs-months"
        />
      </View>
    </View>
  );
}

interface MembersStepProps extends StepProps {
  onEdit: (index: number) => void;
}

export function MembersStep({ data, change, problems, onEdit }: MembersStepProps) {
  const add = () => {
    change({ members: [...data.members, emptyMember('')] });
    onEdit(data.members.length);
  };
  return (
    <View>
      <Text className="paragraph">一位一位地填：先填您自己，再填住在一起、共同生活的家人。点一位就能修改。</Text>
      {data.selfTest ? <Text className="muted">自测时您说家里有 {data.selfTest.householdSize} 口人，已经为您留好了位置。</Text> : null}
      {data.members.map((m, i) => {
        const done = Object.keys(memberProblems(m, i, data.members)).length === 0;
        const who = i === 0 ? '本人' : m.relation ? HOUSEHOLD_RELATION_LABEL[m.relation] : '家庭成员';
        return (
          <View key={i} className={`choice${done ? '' : ' choice--todo'}`} onClick={() => onEdit(i)} data-testid={`hs-member-${i}`}>
            <Text className="choice__title">
              {i + 1}. {who}
              {m.name ? ` · ${m.name}` : ''}
            </Text>
            <Text className="choice__desc">
              {done
                ? `${m.health ? HEALTH_STATUS_LABEL[m.health] : ''} · ${m.workStatus ? WORK_STATUS_LABEL[m.workStatus] : ''} · 年收入 ${yuan(yuanToFen(m.incomeYuan) ?? 0)}`
                : '还没填完，点这里填写'}
            </Text>
          </View>
        );
      })}
      <Button block size="large" className="big-button" onClick={add} data-testid="hs-member-add">
        再添一位家庭成员
      </Button>
      <Problem text={problems.members} />
    </View>
  );
}

export function CausesStep({ data, change, problems }: StepProps) {
  const toggleSecondary = (c: HardshipCause) =>
    change({
      secondaryCauses: data.secondaryCauses.includes(c) ? data.secondaryCauses.filter((x) => x !== c) : [...data.secondaryCauses, c],
    });
  return (
    <View>
      <Text className="field__label">最主要的原因（选一项）</Text>
      <View className="choice-grid">
        {CAUSES.map((c) => (
          <Choice
            key={c}
            title={HARDSHIP_CAUSE_LABEL[c]}
            selected={data.mainCause === c}
            onSelect={() => change({ mainCause: c, secondaryCauses: data.secondaryCauses.filter((x) => x !== c) })}
            testId={`hs-main-${c}`}
          />
        ))}
      </View>
      <Problem text={problems.mainCause} />
      <Text className="field__label" style={{ marginTop: '32px', display: 'block' }}>
        还有别的原因吗（可以多选，也可以不选）
      </Text>
      <View className="choice-grid">
        {CAUSES.filter((c) => c !== data.mainCause).map((c) => (
          <Choice
            key={c}
            title={HARDSHIP_CAUSE_LABEL[c]}
            selected={data.secondaryCauses.includes(c)}
            onSelect={() => toggleSecondary(c)}
            testId={`hs-secondary-${c}`}
          />
        ))}
      </View>
      <View className="field" style={{ marginTop: '32px' }}>
        <Text className="field__label">用您自己的话说说家里的困难</Text>
        <Textarea
          className="field__textarea"
          value={data.situation}
          maxlength={1000}
          placeholder="例如：爱人患病不能工作，孩子上学，家里只靠我一个人的工资。"
          onInput={(e) => change({ situation: e.detail.value })}
          data-testid="hs-situation"
        />
        <Text className="field__hint">只有经办的工会干部能看到。</Text>
        <Problem text={problems.situation} />
      </View>
    </View>
  );
}

export function MoneyStep({ data, change, problems, rules }: StepProps & { rules: HardshipRules | null }) {
  const facts = householdFacts(data);
  const estimate = rules ? assessHousehold(facts, rules) : null;
  return (
    <View>
      <Text className="paragraph">
        家庭成员的收入加起来：{yuan(membersIncomeFen(data))}（在“家庭成员”里填的）。
        {data.selfTest ? `自测时您填的全家年收入是 ${data.selfTest.annualIncomeYuan} 元。` : ''}
      </Text>
      <Field
        label="其他收入（元/年）"
        value={data.otherIncomeYuan}
        onChange={(v) => change({ otherIncomeYuan: v })}
        type="digit"
        placeholder="没有填 0"
        hint="不属于某个人的收入，例如房租、亲友资助、补贴。"
        error={problems.otherIncomeYuan}
        testId="hs-other-income"
      />
      <Field
        label="一年里必须花的钱（元）"
        value={data.essentialSpendingYuan}
        onChange={(v) => change({ essentialSpendingYuan: v })}
        type="digit"
        placeholder="没有填 0"
        hint="例如长期看病吃药、孩子上学的费用。"
        error={problems.essentialSpendingYuan}
        testId="hs-essential"
      />
      <Field
        label="今年因灾害、意外或重病花的钱（元）"
        value={data.accidentCostsYuan}
        onChange={(v) => change({ accidentCostsYuan: v })}
        type="digit"
        placeholder="没有填 0"
        error={problems.accidentCostsYuan}
        testId="hs-accident"
      />
      {estimate ? (
        <View className="next-step" data-testid="hs-estimate">
          <Text>
            按您填的，全家年收入 {yuan(facts.annualIncomeFen)}，{facts.householdSize} 口人，家庭人均月收入（扣除必要开支）约{' '}
            {yuan(estimate.perCapitaMonthlyFen)}。{estimate.reasons[0]}。最终以入户调查和审核为准。
          </Text>
        </View>
      ) : null}
    </View>
  );
}

export function ExclusionsStep({ data, change, problems, rules }: StepProps & { rules: HardshipRules | null }) {
  const toggle = (code: string) =>
    change({
      noExclusions: false,
      exclusions: data.exclusions.includes(code) ? data.exclusions.filter((c) => c !== code) : [...data.exclusions, code],
    });
  return (
    <View>
      <Text className="paragraph">有下面情况的家庭一般不能认定为困难职工家庭。请如实勾选，工会会核对。</Text>
      {!rules ? <Text className="muted">正在读取本县的规定…</Text> : null}
      {(rules?.exclusions ?? []).map((x) => (
        <Choice
          key={x.code}
          title={x.label}
          selected={data.exclusions.includes(x.code)}
          onSelect={() => toggle(x.code)}
          testId={`hs-exclusion-${x.code}`}
        />
      ))}
      <Choice
        title="都没有"
        selected={data.noExclusions}
        onSelect={() => change({ noExclusions: !data.noExclusions, exclusions: [] })}
        testId="hs-exclusion-none"
      />
      <Problem text={problems.exclusions} />
    </View>
  );
}

export function BankStep({ data, change, problems }: StepProps) {
  return (
    <View>
      <Text className="paragraph">帮扶款按实名打到这张卡上，户名应是申请人本人。</Text>
      <Field
        label="开户银行"
        value={data.bankName}
        onChange={(v) => change({ bankName: v })}
        placeholder="例如：县农村商业银行"
        error={problems.bankName}
        testId="hs-bank-name"
      />
      <Field
        label="户名"
        value={data.accountName}
        onChange={(v) => change({ accountName: v })}
        placeholder="银行卡上的姓名"
        error={problems.accountName}
        testId="hs-account-name"
      />
      <Field
        label="银行卡号"
        value={data.accountNumber}
        onChange={(v) => change({ accountNumber: v })}
        type="number"
        maxlength={30}
        placeholder="卡正面的一串数字"
        hint="卡号不会保存在手机上，只加密保存在工会的服务器上。"
        error={problems.accountNumber}
        testId="hs-account-number"
      />
    </View>
  );
}

export function EvidenceStep({ data, change }: StepProps) {
  return (
    <View>
      <Text className="paragraph">拍清楚、拍完整。手头没有的可以先不传，工会初审时会告诉您还缺什么。</Text>
      {EVIDENCE_KINDS.map((e) => (
        <UploadBox
          key={e.purpose}
          purpose={e.purpose}
          label={e.label}
          hint={e.hint}
          uploads={data.evidence}
          onAdd={(u) => change({ evidence: [...data.evidence, u] })}
          onRemove={(id) => change({ evidence: data.evidence.filter((x) => x.id !== id) })}
          testId={`hs-upload-${e.purpose}`}
        />
      ))}
    </View>
  );
}

interface ReviewStepProps {
  data: HardshipDraftData;
  rules: HardshipRules | null;
  onEdit: (step: StepKey) => void;
}

export function ReviewStep({ data, rules, onEdit }: ReviewStepProps) {
  const facts = householdFacts(data);
  const estimate = rules ? assessHousehold(facts, rules) : null;
  const edit = (step: StepKey) => (
    <Text className="link" onClick={() => onEdit(step)} data-testid={`hs-edit-${step}`}>
      修改“{STEPS[stepIndex(step)].title}”
    </Text>
  );
  return (
    <View data-testid="hs-review">
      <Row label="受理工会" value={data.organizationName} />
      <Row label="手机号码" value={data.phone} />
      <Row label="职工类别" value={data.employmentType ? EMPLOYMENT_TYPE_LABEL[data.employmentType] : ''} />
      <Row label="实际工作" value={`${data.employmentMonths} 个月`} />
      {edit('work')}
      {data.members.map((m, i) => (
        <Row
          key={i}
          label={i === 0 ? '本人' : m.relation ? HOUSEHOLD_RELATION_LABEL[m.relation] : '家庭成员'}
          value={`${m.name} · ${m.health ? HEALTH_STATUS_LABEL[m.health] : ''} · ${m.workStatus ? WORK_STATUS_LABEL[m.workStatus] : ''} · ${yuan(yuanToFen(m.incomeYuan) ?? 0)}`}
        />
      ))}
      {edit('members')}
      <Row
        label="困难原因"
        value={[data.mainCause, ...data.secondaryCauses]
          .filter(Boolean)
          .map((c) => HARDSHIP_CAUSE_LABEL[c as HardshipCause])
          .join('、')}
      />
      {edit('causes')}
      <Row label="全家年收入" value={yuan(facts.annualIncomeFen)} />
      <Row label="必要开支" value={yuan(facts.essentialSpendingFen)} />
      <Row label="灾害、意外、重病花费" value={yuan(facts.accidentCostsFen)} />
      {edit('money')}
      <Row
        label="不符合的情况"
        value={
          data.noExclusions
            ? '都没有'
            : (rules?.exclusions ?? [])
                .filter((x) => data.exclusions.includes(x.code))
                .map((x) => x.label)
                .join('；')
        }
      />
      <Row label="收款银行卡" value={`${data.bankName} ${data.accountName} 尾号${data.accountNumber.replace(/\s/g, '').slice(-4)}`} />
      {edit('bank')}
      <Row label="证明材料" value={data.evidence.length ? `${data.evidence.length} 份` : '还没有上传'} />
      {edit('evidence')}
      {estimate ? (
        <Text className="paragraph" data-testid="hs-review-estimate">
          估算：{estimate.reasons[0]}。
        </Text>
      ) : null}
      <Text className="next-step">
        提交后，{data.organizationName || '基层工会'}将在 {rules?.deadlines.grassrootsReview ?? 5}{' '}
        个工作日内初审；之后还有入户调查、民主评议、公示和上级审核，每一步都会在“消息”里告诉您。
      </Text>
    </View>
  );
}
