import Taro from '@tarojs/taro';
import type {
  HardshipCause,
  HardshipDraft,
  HardshipEmploymentType,
  HealthStatus,
  HouseholdRelation,
  ProxyConsentMethod,
  UploadView,
  WorkStatus,
} from '@union/shared';

const KEY = 'union.hardshipDraft';
/** A cadre's 代办 form is kept apart, so it never mixes with the cadre's own application. */
export const PROXY_DRAFT_KEY = 'union.hardshipProxyDraft';

/** How the worker consented to a 代办 filing, as the cadre records it. */
export interface ProxyConsentDraft {
  method: ProxyConsentMethod | '';
  note: string;
  /** The signed authorisation (for `signed_form`). */
  upload: UploadView | null;
}

/** One household member as the form keeps it (amounts as typed, in yuan). */
export interface MemberDraft {
  relation: HouseholdRelation | '';
  name: string;
  idNumber: string;
  incomeYuan: string;
  health: HealthStatus | '';
  healthNote: string;
  workStatus: WorkStatus | '';
}

/** The self-test's answers, kept so the application can start from them. */
export interface SelfTestAnswers {
  householdSize: number;
  annualIncomeYuan: string;
  essentialSpendingYuan: string;
  accidentCostsYuan: string;
  employmentType: HardshipEmploymentType;
  employmentMonths: string;
  exclusions: string[];
}

/** Everything the application form keeps between visits. */
export interface HardshipDraftData {
  /** Versions of the consent texts accepted (null: not yet). */
  consentSensitive: string | null;
  consentFinance: string | null;
  organizationId: number | null;
  organizationName: string;
  phone: string;
  employmentType: HardshipEmploymentType | '';
  employmentMonths: string;
  members: MemberDraft[];
  mainCause: HardshipCause | '';
  secondaryCauses: HardshipCause[];
  situation: string;
  otherIncomeYuan: string;
  essentialSpendingYuan: string;
  accidentCostsYuan: string;
  exclusions: string[];
  /** The worker said none of the exclusions applies ("都没有"). */
  noExclusions: boolean;
  bankName: string;
  accountName: string;
  accountNumber: string;
  evidence: UploadView[];
  selfTest: SelfTestAnswers | null;
  /** Set only when a cadre files on a worker's behalf (代办). */
  proxy: ProxyConsentDraft | null;
}

/** The draft as kept on the phone. */
export interface HardshipLocalDraft {
  step: number;
  data: HardshipDraftData;
  savedAt: string;
  /** Self-test answers written here that the application has not taken in yet. */
  pendingSelfTest?: boolean;
}

export function emptyMember(relation: HouseholdRelation | ''): MemberDraft {
  return { relation, name: '', idNumber: '', incomeYuan: '', health: '', healthNote: '', workStatus: '' };
}

export function emptyDraftData(): HardshipDraftData {
  return {
    consentSensitive: null,
    consentFinance: null,
    organizationId: null,
    organizationName: '',
    phone: '',
    employmentType: '',
    employmentMonths: '',
    members: [emptyMember('self')],
    mainCause: '',
    secondaryCauses: [],
    situation: '',
    otherIncomeYuan: '0',
    essentialSpendingYuan: '',
    accidentCostsYuan: '',
    exclusions: [],
    noExclusions: false,
    bankName: '',
    accountName: '',
    accountNumber: '',
    evidence: [],
    selfTest: null,
    proxy: null,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Whatever was stored (possibly by an older version of the app) as a complete draft. */
export function normalizeDraftData(raw: unknown): HardshipDraftData {
  const base = emptyDraftData();
  if (!isObject(raw)) return base;
  const members = Array.isArray(raw.members)
    ? raw.members.filter(isObject).map((m) => ({
        relation: str(m.relation) as MemberDraft['relation'],
        name: str(m.name),
        idNumber: str(m.idNumber),
        incomeYuan: str(m.incomeYuan),
        health: str(m.health) as MemberDraft['health'],
        healthNote: str(m.healthNote),
        workStatus: str(m.workStatus) as MemberDraft['workStatus'],
      }))
    : base.members;
  return {
    consentSensitive: typeof raw.consentSensitive === 'string' ? raw.consentSensitive : null,
    consentFinance: typeof raw.consentFinance === 'string' ? raw.consentFinance : null,
    organizationId: typeof raw.organizationId === 'number' ? raw.organizationId : null,
    organizationName: str(raw.organizationName),
    phone: str(raw.phone),
    employmentType: str(raw.employmentType) as HardshipDraftData['employmentType'],
    employmentMonths: str(raw.employmentMonths),
    members: members.length ? members : base.members,
    mainCause: str(raw.mainCause) as HardshipDraftData['mainCause'],
    secondaryCauses: strings(raw.secondaryCauses) as HardshipCause[],
    situation: str(raw.situation),
    otherIncomeYuan: str(raw.otherIncomeYuan, base.otherIncomeYuan),
    essentialSpendingYuan: str(raw.essentialSpendingYuan),
    accidentCostsYuan: str(raw.accidentCostsYuan),
    exclusions: strings(raw.exclusions),
    noExclusions: raw.noExclusions === true,
    bankName: str(raw.bankName),
    accountName: str(raw.accountName),
    accountNumber: str(raw.accountNumber),
    evidence: Array.isArray(raw.evidence)
      ? (raw.evidence.filter((u) => isObject(u) && typeof u.id === 'number') as unknown as UploadView[])
      : [],
    selfTest: isObject(raw.selfTest) ? (raw.selfTest as unknown as SelfTestAnswers) : null,
    proxy: isObject(raw.proxy)
      ? {
          method: str(raw.proxy.method) as ProxyConsentDraft['method'],
          note: str(raw.proxy.note),
          upload:
            isObject(raw.proxy.upload) && typeof raw.proxy.upload.id === 'number' ? (raw.proxy.upload as unknown as UploadView) : null,
        }
      : null,
  };
}

/**
 * ID numbers, health notes and the bank card number are not written to the phone (the server
 * keeps them encrypted); everything else is, so the form survives a lost connection.
 */
function withoutSensitive(data: HardshipDraftData): HardshipDraftData {
  return {
    ...data,
    members: data.members.map((m) => ({ ...m, idNumber: '', healthNote: '' })),
    accountNumber: '',
  };
}

export function loadLocalHardshipDraft(key = KEY): HardshipLocalDraft | null {
  const stored = Taro.getStorageSync(key) as unknown;
  if (!isObject(stored) || typeof stored.savedAt !== 'string') return null;
  return {
    step: typeof stored.step === 'number' ? stored.step : 0,
    data: normalizeDraftData(stored.data),
    savedAt: stored.savedAt,
    pendingSelfTest: stored.pendingSelfTest === true,
  };
}

export function saveLocalHardshipDraft(draft: HardshipLocalDraft, key = KEY): void {
  const safe: HardshipLocalDraft = { step: draft.step, data: withoutSensitive(draft.data), savedAt: draft.savedAt };
  if (draft.pendingSelfTest) safe.pendingSelfTest = true;
  Taro.setStorageSync(key, safe);
}

export function clearLocalHardshipDraft(key = KEY): void {
  Taro.removeStorageSync(key);
}

/** The form's draft as the server keeps it. */
export function toServerDraft(draft: HardshipLocalDraft): HardshipDraft {
  return { step: draft.step, data: draft.data as unknown as Record<string, unknown>, savedAt: draft.savedAt };
}

/** Take the self-test's answers into a draft (household size becomes empty member slots). */
export function applySelfTest(data: HardshipDraftData, answers: SelfTestAnswers): HardshipDraftData {
  const members = [...data.members];
  while (members.length < answers.householdSize) members.push(emptyMember(''));
  return {
    ...data,
    members,
    employmentType: answers.employmentType,
    employmentMonths: answers.employmentMonths,
    essentialSpendingYuan: answers.essentialSpendingYuan,
    accidentCostsYuan: answers.accidentCostsYuan,
    exclusions: answers.exclusions,
    noExclusions: answers.exclusions.length === 0,
    selfTest: answers,
  };
}

/** The self-test writes its answers into the local draft; the application takes them in when it opens. */
export function saveSelfTestIntoDraft(answers: SelfTestAnswers): void {
  const current = loadLocalHardshipDraft();
  const data = applySelfTest(current?.data ?? emptyDraftData(), answers);
  saveLocalHardshipDraft({ step: current?.step ?? 0, data, savedAt: new Date().toISOString(), pendingSelfTest: true });
}

/**
 * The draft to continue from: the newer of the phone's and the server's. The server's copy fills
 * in the sensitive fields the phone does not keep, and pending self-test answers win over both.
 */
export function pickDraft(local: HardshipLocalDraft | null, server: HardshipDraft | null): HardshipLocalDraft | null {
  const serverDraft: HardshipLocalDraft | null = server
    ? { step: server.step, data: normalizeDraftData(server.data), savedAt: server.savedAt }
    : null;
  if (!local) return serverDraft;
  // Whatever is returned has taken the self-test answers in: the flag is not carried on.
  if (!serverDraft) return { step: local.step, data: local.data, savedAt: local.savedAt };
  const localNewer = Date.parse(local.savedAt) >= Date.parse(serverDraft.savedAt);
  let chosen = localNewer ? { ...local } : serverDraft;
  if (localNewer) {
    const fromServer = serverDraft.data;
    chosen.data = {
      ...local.data,
      members: local.data.members.map((m, i) => {
        const s = fromServer.members[i];
        const same = s && s.name === m.name && s.relation === m.relation;
        return same ? { ...m, idNumber: m.idNumber || s.idNumber, healthNote: m.healthNote || s.healthNote } : m;
      }),
      accountNumber: local.data.accountNumber || (fromServer.accountName === local.data.accountName ? fromServer.accountNumber : ''),
    };
  } else if (local.pendingSelfTest && local.data.selfTest) {
    chosen = { ...chosen, data: applySelfTest(chosen.data, local.data.selfTest) };
  }
  return { step: chosen.step, data: chosen.data, savedAt: chosen.savedAt };
}
