import {
  HARDSHIP_CONSENT_VERSIONS,
  checkAgainst,
  createHardshipApplicationBody,
  createProxyHardshipApplicationBody,
  householdMemberBody,
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

/** A whole number as typed ("24"), or nothing when it is not one. */
const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);

/** One household member as the request will carry it (empty choices left out, so the schema says what is missing). */
function memberValues(m: MemberDraft) {
  return {
    relation: m.relation || undefined,
    name: m.name.trim(),
    idNumber: normalizeIdNumber(m.idNumber),
    annualIncomeFen: yuanToFen(m.incomeYuan) ?? undefined,
    health: m.health || undefined,
    ...(m.health !== 'healthy' && m.healthNote.trim() ? { healthNote: m.healthNote.trim() } : {}),
    workStatus: m.workStatus || undefined,
  };
}

/** The schema's problems of some fields, under the names the form gives those fields. */
function problemsBy(checked: { ok: true } | { ok: false; problems: Record<string, string> }, names: Record<string, string> = {}): Problems {
  if (checked.ok) return {};
  return Object.fromEntries(Object.entries(checked.problems).map(([field, message]) => [names[field] ?? field, message]));
}

/** What each screen asks, as the shared schema of the request says it; its messages are the ones shown. */
const SCHEMA = {
  proxy: createProxyHardshipApplicationBody.pick({ consentMethod: true, consentNote: true }),
  union: createHardshipApplicationBody.pick({ organizationId: true }),
  work: createHardshipApplicationBody.pick({ phone: true, employmentType: true, employmentMonths: true }),
  members: createHardshipApplicationBody.pick({ members: true }),
  causes: createHardshipApplicationBody.pick({ mainCause: true, situation: true }),
  money: createHardshipApplicationBody.pick({ otherIncomeFen: true, essentialSpendingFen: true, accidentCostsFen: true }),
  bank: createHardshipApplicationBody.pick({ bankAccount: true }),
};

/** Problems with one household member (field → message). */
export function memberProblems(m: MemberDraft, index: number, all: MemberDraft[]): Problems {
  const p = problemsBy(checkAgainst(householdMemberBody, memberValues(m)), { annualIncomeFen: 'incomeYuan' });
  // The check digit (the shared pii rules), a number typed twice and how yuan are typed are the form's own.
  const idProblem = idNumberProblem(m.idNumber);
  if (idProblem) p.idNumber = idProblem;
  else if (all.some((o, i) => i !== index && normalizeIdNumber(o.idNumber) === normalizeIdNumber(m.idNumber)))
    p.idNumber = '这个身份证号码已经填过了';
  const income = amountProblem(m.incomeYuan, '一年的收入');
  if (income) p.incomeYuan = income;
  return p;
}

/** Problems of one screen; empty when the worker may go on. */
export function problemsOf(step: StepKey, d: HardshipDraftData): Problems {
  let p: Problems = {};
  switch (step) {
    case 'consent_sensitive':
      if (d.proxy) {
        p = problemsBy(checkAgainst(SCHEMA.proxy, { consentMethod: d.proxy.method || undefined, consentNote: d.proxy.note.trim() }), {
          consentMethod: 'proxyMethod',
          consentNote: 'proxyNote',
        });
        if (d.proxy.method === 'signed_form' && !d.proxy.upload) p.proxyUpload = '请拍下本人签字的委托书';
      }
      if (d.consentSensitive !== HARDSHIP_CONSENT_VERSIONS.sensitiveData) p.consent = '请先勾选同意';
      break;
    case 'consent_finance':
      if (d.consentFinance !== HARDSHIP_CONSENT_VERSIONS.financeCheck) p.consent = '请先勾选授权';
      break;
    case 'union':
      p = problemsBy(checkAgainst(SCHEMA.union, { organizationId: d.organizationId ?? undefined }), { organizationId: 'organization' });
      break;
    case 'work': {
      p = problemsBy(
        checkAgainst(SCHEMA.work, {
          phone: d.phone.trim(),
          employmentType: d.employmentType || undefined,
          employmentMonths: wholeNumber(d.employmentMonths),
        }),
      );
      // The number's form is the shared pii rule the server applies too.
      const phone = phoneProblem(d.phone);
      if (phone) p.phone = phone;
      break;
    }
    case 'members': {
      // How many may be listed is the schema's; each member is checked on its own screen.
      const count = problemsBy(checkAgainst(SCHEMA.members, { members: d.members.map(memberValues) })).members;
      if (count) p.members = count;
      if (d.members[0]?.relation !== 'self') p.members = '第一位应是申请人本人';
      const incomplete = d.members.findIndex((m, i) => Object.keys(memberProblems(m, i, d.members)).length > 0);
      if (incomplete >= 0) p.members = `第 ${incomplete + 1} 位家庭成员还没填完，点它补上`;
      break;
    }
    case 'causes':
      p = problemsBy(checkAgainst(SCHEMA.causes, { mainCause: d.mainCause || undefined, situation: d.situation.trim() }));
      break;
    case 'money': {
      p = problemsBy(
        checkAgainst(SCHEMA.money, {
          otherIncomeFen: yuanToFen(d.otherIncomeYuan) ?? undefined,
          essentialSpendingFen: yuanToFen(d.essentialSpendingYuan) ?? undefined,
          accidentCostsFen: yuanToFen(d.accidentCostsYuan) ?? undefined,
        }),
        { otherIncomeFen: 'otherIncomeYuan', essentialSpendingFen: 'essentialSpendingYuan', accidentCostsFen: 'accidentCostsYuan' },
      );
      // How yuan are typed is the form's to say.
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
      p = problemsBy(
        checkAgainst(SCHEMA.bank, {
          bankAccount: {
            bankName: d.bankName.trim(),
            accountName: d.accountName.trim(),
            accountNumber: d.accountNumber.replace(/\s/g, ''),
          },
        }),
        { 'bankAccount.bankName': 'bankName', 'bankAccount.accountName': 'accountName', 'bankAccount.accountNumber': 'accountNumber' },
      );
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
