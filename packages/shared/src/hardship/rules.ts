/** Hardship categories (DOMAIN.md §3). */
export type HardshipCategory = 'severe' | 'relative' | 'accident';

/** Chinese names of the categories. */
export const HARDSHIP_CATEGORY_LABEL: Record<HardshipCategory, string> = {
  severe: '深度困难',
  relative: '相对困难',
  accident: '意外致困',
};

/** Kinds of assistance. */
export type AidType = 'living' | 'medical' | 'education' | 'winter_warmth' | 'other';

/** Chinese names of the kinds of assistance. */
export const AID_TYPE_LABEL: Record<AidType, string> = {
  living: '生活救助',
  medical: '医疗救助',
  education: '助学',
  winter_warmth: '送温暖',
  other: '其他帮扶',
};

/** Employment types that matter to the rules (same values as membership). */
export type HardshipEmploymentType = 'employee' | 'migrant_worker' | 'gig_worker' | 'flexible';

/** One exclusion a county keeps (e.g. several homes); an applicant ticking it is not eligible. */
export interface HardshipExclusion {
  code: string;
  label: string;
}

/**
 * Step deadlines of the procedure, in working days, keyed like the workflow states' `deadline`.
 * A type alias (not an interface) so it passes as the transition service's deadline table.
 */
export type HardshipDeadlines = {
  grassrootsReview: number;
  homeVisit: number;
  democraticReview: number;
  townReview: number;
  countyApproval: number;
  aidPayment: number;
  grantReview: number;
};

/**
 * One county's rules for one year. Money is in fen (分) so sums are exact. Ceilings are in
 * months of the 低保 standard per household and year (a county decision written down here:
 * the standard is per person, the ceiling is per household).
 */
export interface HardshipRules {
  /** Local minimum living standard (低保), fen per person per month. */
  minimumLivingFen: number;
  /** 深度困难: per-head monthly figure below this multiple of 低保. */
  severeMultiplier: number;
  /** 相对困难: per-head monthly figure below this multiple of 低保. */
  relativeMultiplier: number;
  /** 意外致困: the year's disaster/accident/illness costs above this share of household income. */
  accidentCostShare: number;
  /** Migrant workers need at least this many months of actual employment. */
  migrantMinEmploymentMonths: number;
  exclusions: HardshipExclusion[];
  /** Yearly ceiling per household in months of 低保, by category and aid type. */
  ceilingMonths: Record<HardshipCategory, Record<AidType, number>>;
  deadlines: HardshipDeadlines;
  /** Length of the public notice in days. */
  publicNoticeDays: number;
  /** A filed household is re-checked this many months after filing or its last re-check. */
  recheckMonths: number;
  /** A closed file gets a follow-up reminder this many months later. */
  followUpMonths: number;
}

/** The defaults of DOMAIN.md §3; each county edits its own versions. */
export const DEFAULT_HARDSHIP_RULES: HardshipRules = {
  minimumLivingFen: 80_000,
  severeMultiplier: 1,
  relativeMultiplier: 2,
  accidentCostShare: 0.8,
  migrantMinEmploymentMonths: 12,
  exclusions: [
    { code: 'multiple_homes', label: '家庭拥有两套及以上住房' },
    { code: 'vehicle', label: '家庭拥有非营运机动车（残疾人代步车除外）' },
    { code: 'private_school', label: '子女自费就读高收费私立学校' },
    { code: 'business_owner', label: '家庭成员经营企业或个体工商户且收入较高' },
    { code: 'public_servant', label: '家庭成员为公务员或参公管理人员' },
  ],
  ceilingMonths: {
    severe: { living: 12, medical: 12, education: 6, winter_warmth: 2, other: 2 },
    relative: { living: 8, medical: 8, education: 4, winter_warmth: 1, other: 1 },
    accident: { living: 6, medical: 12, education: 4, winter_warmth: 1, other: 1 },
  },
  deadlines: {
    grassrootsReview: 5,
    homeVisit: 5,
    democraticReview: 10,
    townReview: 5,
    countyApproval: 10,
    aidPayment: 10,
    grantReview: 10,
  },
  publicNoticeDays: 5,
  recheckMonths: 12,
  followUpMonths: 3,
};

/** What the rules need to know about a household. */
export interface HouseholdFacts {
  /** People in the household, at least 1. */
  householdSize: number;
  /** All members' income in the year, fen. */
  annualIncomeFen: number;
  /** Essential spending in the year (medical, schooling, ...), fen. */
  essentialSpendingFen: number;
  /** Costs of disaster, accident or serious illness in the year, fen. */
  accidentCostsFen: number;
  employmentType: HardshipEmploymentType;
  /** Months of actual employment (matters for migrant workers). */
  employmentMonths: number;
  /** Codes of exclusions that apply. */
  exclusions: string[];
}

/** The rules' verdict on a household, with the reasons in plain words. */
export interface HardshipAssessment {
  eligible: boolean;
  category: HardshipCategory | null;
  /** (income − essential spending) ÷ 12 ÷ household size, fen, rounded to the nearest fen (half up): 2,000 元 for 12 people is 166.67 元. */
  perCapitaMonthlyFen: number;
  severeLineFen: number;
  relativeLineFen: number;
  /** Plain-Chinese reasons, the first one being the conclusion. */
  reasons: string[];
}

/** Yuan with two decimals for people, from fen. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} 元`;
}

/**
 * Apply a rule set to a household (DOMAIN.md §3 formulas). Severe is checked first, then
 * relative, then accident-induced; exclusions and the migrant employment condition override.
 */
export function assessHousehold(facts: HouseholdFacts, rules: HardshipRules): HardshipAssessment {
  const size = Math.max(1, Math.floor(facts.householdSize));
  const perCapitaMonthlyFen = Math.round((facts.annualIncomeFen - facts.essentialSpendingFen) / 12 / size);
  const severeLineFen = Math.round(rules.minimumLivingFen * rules.severeMultiplier);
  const relativeLineFen = Math.round(rules.minimumLivingFen * rules.relativeMultiplier);
  const figure = `家庭人均月收入（扣除必要支出）${formatYuan(perCapitaMonthlyFen)}`;
  const base = { perCapitaMonthlyFen, severeLineFen, relativeLineFen };

  const excluded = rules.exclusions.filter((e) => facts.exclusions.includes(e.code));
  if (excluded.length > 0) {
    return { ...base, eligible: false, category: null, reasons: [`不符合条件：${excluded.map((e) => e.label).join('；')}`] };
  }
  if (facts.employmentType === 'migrant_worker' && facts.employmentMonths < rules.migrantMinEmploymentMonths) {
    return {
      ...base,
      eligible: false,
      category: null,
      reasons: [`农民工需实际务工满 ${rules.migrantMinEmploymentMonths} 个月，您填写的是 ${facts.employmentMonths} 个月`],
    };
  }
  if (perCapitaMonthlyFen < severeLineFen) {
    return {
      ...base,
      eligible: true,
      category: 'severe',
      reasons: [`可能属于深度困难：${figure}，低于当地低保标准 ${formatYuan(severeLineFen)}`],
    };
  }
  if (perCapitaMonthlyFen < relativeLineFen) {
    return {
      ...base,
      eligible: true,
      category: 'relative',
      reasons: [`可能属于相对困难：${figure}，低于低保标准的 ${rules.relativeMultiplier} 倍 ${formatYuan(relativeLineFen)}`],
    };
  }
  const accidentLineFen = Math.round(facts.annualIncomeFen * rules.accidentCostShare);
  if (facts.accidentCostsFen > 0 && facts.accidentCostsFen > accidentLineFen) {
    return {
      ...base,
      eligible: true,
      category: 'accident',
      reasons: [
        `可能属于意外致困：今年因灾、因病或意外支出 ${formatYuan(facts.accidentCostsFen)}，超过家庭年收入的 ${Math.round(
          rules.accidentCostShare * 100,
        )}%（${formatYuan(accidentLineFen)}）`,
      ],
    };
  }
  return {
    ...base,
    eligible: false,
    category: null,
    reasons: [`暂不符合困难职工条件：${figure}，不低于低保标准的 ${rules.relativeMultiplier} 倍 ${formatYuan(relativeLineFen)}`],
  };
}

/** Yearly ceiling in fen for a household of `category` and one aid type. */
export function aidCeilingFen(rules: HardshipRules, category: HardshipCategory, aidType: AidType): number {
  return Math.round(rules.ceilingMonths[category][aidType] * rules.minimumLivingFen);
}

/**
 * A stored rule version as it is used today: a version saved before a rule existed (an older
 * release had no grant review deadline, for one) reads that rule's default, key by key, so an old
 * version still judges, sets deadlines and answers its schema; what the version did say is kept.
 */
export function readHardshipRules(stored: unknown): HardshipRules {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<HardshipRules>;
  const d = DEFAULT_HARDSHIP_RULES;
  const ceilings = (s.ceilingMonths ?? {}) as Partial<HardshipRules['ceilingMonths']>;
  return {
    ...d,
    ...s,
    exclusions: s.exclusions ?? d.exclusions,
    ceilingMonths: {
      severe: { ...d.ceilingMonths.severe, ...ceilings.severe },
      relative: { ...d.ceilingMonths.relative, ...ceilings.relative },
      accident: { ...d.ceilingMonths.accident, ...ceilings.accident },
    },
    deadlines: { ...d.deadlines, ...s.deadlines },
  };
}
