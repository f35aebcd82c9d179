import {
  HARDSHIP_CONSENT_VERSIONS,
  normalizeIdNumber,
  type CreateHardshipApplicationRequest,
  type CreateProxyHardshipApplicationRequest,
  type HardshipCause,
  type HardshipEmploymentType,
  type HealthStatus,
  type HouseholdFacts,
  type HouseholdRelation,
  type WorkStatus,
} from '@union/shared';
import type { HardshipDraftData, MemberDraft } from '../../../services/hardshipDraft';
import { idNumberProblem, phoneProblem } from '../../../utils/idNumber';
import { amountProblem, yuanToFen } from '../../../utils/money';

/** The screens of the application, one topic each; the consents come before any personal data. */
export const STEPS = [
  { key: 'consent_sensitive', title: '同意处理敏感个人信息' },
  { key: 'consent_finance', title: '授权核对家庭经济状况' },
  { key: 'union', title: '向哪个工会申请' },
  { key: 'work', title: '电话和工作' },
  { key: 'members', title: '家庭成员' },
  { key: 'causes', title: '困难原因和家里的情况' },
  { key: 'money', title: '收入和开支' },
  { key: 'exclusions', title: '有没有下面的情况' },
  { key: 'bank', title: '收款银行卡' },
  { key: 'evidence', title: '证明材料' },
  { key: 'review', title: '核对并提交' },
] as const;

export type StepKey = (typeof STEPS)[number]['key'];
export type Problems = Partial<Record<string, string>>;

export const stepIndex = (key: StepKey): number => STEPS.findIndex((s) => s.key === key);

/** Same rule as the server: 2–30 Chinese characters or letters. */
const NAME = /^[\u4e00-\u9fa5·A-Za-z\s]{2,30}$/;

/** Problems with one household member (field → message). */
export function memberProblems(m: MemberDraft, index: number, all: MemberDraft[]): Problems {
  const p: Problems = {};
  if (!m.relation) p.relation = '请选择和申请人的关系';
  if (!NAME.test(m.name.trim())) p.name = '请填写身份证上的姓名（2–30 个字）';
  const idProblem = idNumberProblem(m.idNumber);
  if (idProblem) p.idNumber = idProblem;
  else if (all.some((o, i) => i !== index && normalizeIdNumber(o.idNumber) === normalizeIdNumber(m.idNumber)))
    p.idNumber = '这个身份证号码已经填过了';
  const income = amountProblem(m.incomeYuan, '一年的收入');
  if (income) p.incomeYuan = income;
  if (!m.health) p.health = '请选择健康状况';
  if (m.healthNote.length > 200) p.healthNote = '病情说明请写在 200 字以内';
  if (!m.workStatus) p.workStatus = '请选择工作情况';
  return p;
}

/** Problems of one screen; empty when the worker may go on. */
export function problemsOf(step: StepKey, d: HardshipDraftData): Problems {
  const p: Problems = {};
  switch (step) {
    case 'consent_sensitive':
      if (d.proxy) {
        if (!d.proxy.method) p.proxyMethod = '请选择职工本人是怎样同意的';
        else if (d.proxy.method === 'signed_form' && !d.proxy.upload) p.proxyUpload = '请拍下本人签字的委托书';
        if (d.proxy.note.trim().length < 2) p.proxyNote = '请写明本人何时、怎样同意的';
      }
      if (d.consentSensitive !== HARDSHIP_CONSENT_VERSIONS.sensitiveData) p.consent = '请先勾选同意';
      break;
    case 'consent_finance':
      if (d.consentFinance !== HARDSHIP_CONSENT_VERSIONS.financeCheck) p.consent = '请先勾选授权';
      break;
    case 'union':
      if (!d.organizationId) p.organization = '请选择一个工会';
      break;
    case 'work': {
      const phone = phoneProblem(d.phone);
      if (phone) p.phone = phone;
      if (!d.employmentType) p.employmentType = '请选择一项';
      const months = d.employmentMonths.trim();
      if (!/^\d{1,3}$/.test(months) || Number(months) > 600) p.employmentMonths = '请填写实际工作了几个月，只填数字';
      break;
    }
    case 'members': {
      if (d.members[0]?.relation !== 'self') p.members = '第一位应是申请人本人';
      const incomplete = d.members.findIndex((m, i) => Object.keys(memberProblems(m, i, d.members)).length > 0);
      if (incomplete >= 0) p.members = `第 ${incomplete + 1} 位家庭成员还没填完，点它补上`;
      break;
    }
    case 'causes':
      if (!d.mainCause) p.mainCause = '请选择最主要的原因';
      if (d.situation.trim().length < 5) p.situation = '请用几句话说说家里的困难（至少 5 个字）';
      if (d.situation.trim().length > 1000) p.situation = '请写在 1000 字以内';
      break;
    case 'money': {
      const other = amountProblem(d.otherIncomeYuan, '其他收入');
      if (other) p.otherIncomeYuan = other;
      const essential = amountProblem(d.essentialSpendingYuan, '必要开支');
      if (essential) p.essentialSpendingYuan = essential;
      const accident = amountProblem(d.accidentCostsYuan, '这笔花费');
      if (accident) p.accidentCostsYuan = accident;
      break;
    }
    case 'exclusions':
      if (!d.noExclusions && d.exclusions.length === 0) p.exclusions = '有的请勾选；都没有就选“都没有”';
      break;
    case 'bank':
      if (d.bankName.trim().length < 2 || d.bankName.trim().length > 40) p.bankName = '请填写开户银行，例如：县农村商业银行';
      if (!NAME.test(d.accountName.trim())) p.accountName = '请填写户名（银行卡上的姓名）';
      if (!/^\d{12,30}$/.test(d.accountNumber.replace(/\s/g, ''))) p.accountNumber = '银行卡号是 12–30 位数字';
      break;
    default:
      break;
  }
  return p;
}

/** The first screen that still has a problem, or null when everything is filled in. */
export function firstIncompleteStep(d: HardshipDraftData): StepKey | null {
  for (const s of STEPS) if (Object.keys(problemsOf(s.key, d)).length > 0) return s.key;
  return null;
}

/** Which screen a server-side field problem belongs to (`members.1.idNumber` → members). */
export function stepOfField(field: string): StepKey {
  const head = field.split('.')[0];
  const map: Record<string, StepKey> = {
    consents: 'consent_sensitive',
    consentMethod: 'consent_sensitive',
    consentUploadId: 'consent_sensitive',
    consentNote: 'consent_sensitive',
    organizationId: 'union',
    phone: 'work',
    employmentType: 'work',
    employmentMonths: 'work',
    members: 'members',
    mainCause: 'causes',
    secondaryCauses: 'causes',
    situation: 'causes',
    otherIncomeFen: 'money',
    essentialSpendingFen: 'money',
    accidentCostsFen: 'money',
    exclusions: 'exclusions',
    bankAccount: 'bank',
    evidenceUploadIds: 'evidence',
  };
  return map[head] ?? 'review';
}

const fen = (text: string) => yuanToFen(text) ?? 0;

export function membersIncomeFen(d: HardshipDraftData): number {
  return d.members.reduce((sum, m) => sum + fen(m.incomeYuan), 0);
}

/** What the rules look at, from the form (for the estimate on screen; the server judges again). */
export function householdFacts(d: HardshipDraftData): HouseholdFacts {
  return {
    householdSize: Math.max(1, d.members.length),
    annualIncomeFen: membersIncomeFen(d) + fen(d.otherIncomeYuan),
    essentialSpendingFen: fen(d.essentialSpendingYuan),
    accidentCostsFen: fen(d.accidentCostsYuan),
    employmentType: (d.employmentType || 'employee') as HardshipEmploymentType,
    employmentMonths: Number(d.employmentMonths) || 0,
    exclusions: d.noExclusions ? [] : d.exclusions,
  };
}

/** The request body, once every screen is complete. */
export function toRequest(d: HardshipDraftData): CreateHardshipApplicationRequest {
  return {
    organizationId: d.organizationId as number,
    phone: d.phone.trim(),
    employmentType: d.employmentType as HardshipEmploymentType,
    employmentMonths: Number(d.employmentMonths.trim()),
    members: d.members.map((m) => ({
      relation: m.relation as HouseholdRelation,
      name: m.name.trim(),
      idNumber: normalizeIdNumber(m.idNumber),
      annualIncomeFen: fen(m.incomeYuan),
      health: m.health as HealthStatus,
      ...(m.health !== 'healthy' && m.healthNote.trim() ? { healthNote: m.healthNote.trim() } : {}),
      workStatus: m.workStatus as WorkStatus,
    })),
    otherIncomeFen: fen(d.otherIncomeYuan),
    essentialSpendingFen: fen(d.essentialSpendingYuan),
    accidentCostsFen: fen(d.accidentCostsYuan),
    mainCause: d.mainCause as HardshipCause,
    secondaryCauses: d.secondaryCauses.filter((c) => c !== d.mainCause),
    situation: d.situation.trim(),
    exclusions: d.noExclusions ? [] : d.exclusions,
    bankAccount: { bankName: d.bankName.trim(), accountName: d.accountName.trim(), accountNumber: d.accountNumber.replace(/\s/g, '') },
    evidenceUploadIds: d.evidence.map((u) => u.id),
    consents: { sensitiveData: d.consentSensitive ?? '', financeCheck: d.consentFinance ?? '' },
  };
}

/** The 代办 request: the same application plus how the worker consented. */
export function toProxyRequest(d: HardshipDraftData): CreateProxyHardshipApplicationRequest {
  const proxy = d.proxy ?? { method: '', note: '', upload: null };
  return {
    ...toRequest(d),
    consentMethod: proxy.method as CreateProxyHardshipApplicationRequest['consentMethod'],
    ...(proxy.method === 'signed_form' && proxy.upload ? { consentUploadId: proxy.upload.id } : {}),
    consentNote: proxy.note.trim(),
  };
}
