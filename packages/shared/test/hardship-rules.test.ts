import {
  aidCeilingFen,
  assessHousehold,
  DEFAULT_HARDSHIP_RULES,
  formatYuan,
  readHardshipRules,
  validateHardshipRules,
  type HouseholdFacts,
} from '../src';

// Worked examples with the default rules: 低保 ¥800 a month, relative line 2 × ¥800 = ¥1,600.
const rules = DEFAULT_HARDSHIP_RULES;
const household = (overrides: Partial<HouseholdFacts> = {}): HouseholdFacts => ({
  householdSize: 3,
  annualIncomeFen: 3_600_000,
  essentialSpendingFen: 0,
  accidentCostsFen: 0,
  employmentType: 'employee',
  employmentMonths: 36,
  exclusions: [],
  ...overrides,
});

describe('assessHousehold', () => {
  it('rounds the per-capita figure to the nearest fen: 20,000 元 a year for 10 people is 166.67 元 a month, not 166.66', () => {
    const r = assessHousehold(household({ householdSize: 10, annualIncomeFen: 2_000_000, essentialSpendingFen: 0 }), rules);
    expect(r.perCapitaMonthlyFen).toBe(16_667);
    expect(formatYuan(r.perCapitaMonthlyFen)).toBe('166.67 元');
  });

  it('finds severe hardship: (¥30,000 − ¥6,000) ÷ 12 ÷ 3 = ¥666.67 < ¥800 (to the nearest fen)', () => {
    const r = assessHousehold(household({ annualIncomeFen: 3_000_000, essentialSpendingFen: 600_000 }), rules);
    expect(r.perCapitaMonthlyFen).toBe(66_667);
    expect(r.category).toBe('severe');
    expect(r.eligible).toBe(true);
    expect(r.reasons[0]).toContain('666.67 元');
    expect(r.reasons[0]).toContain('800.00 元');
  });

  it('finds relative hardship: ¥36,000 ÷ 12 ÷ 3 = ¥1,000, between ¥800 and ¥1,600', () => {
    const r = assessHousehold(household(), rules);
    expect(r.perCapitaMonthlyFen).toBe(100_000);
    expect(r.category).toBe('relative');
  });

  it('puts a household exactly on the line in the next category up (the test is "below")', () => {
    // ¥28,800 ÷ 12 ÷ 3 = ¥800 exactly: not severe, relative.
    expect(assessHousehold(household({ annualIncomeFen: 2_880_000 }), rules).category).toBe('relative');
    // ¥57,600 ÷ 12 ÷ 3 = ¥1,600 exactly: not relative.
    expect(assessHousehold(household({ annualIncomeFen: 5_760_000 }), rules).category).toBeNull();
  });

  it('finds accident-induced hardship when the year\u2019s costs exceed 80 % of income', () => {
    // ¥90,000 a year for 3 people is ¥2,500 a head: above both lines. Costs ¥80,000 > 80 % × ¥90,000 = ¥72,000.
    const r = assessHousehold(household({ annualIncomeFen: 9_000_000, accidentCostsFen: 8_000_000 }), rules);
    expect(r.category).toBe('accident');
    expect(r.reasons[0]).toContain('72000.00 元');
    expect(assessHousehold(household({ annualIncomeFen: 9_000_000, accidentCostsFen: 7_200_000 }), rules).category).toBeNull();
  });

  it('refuses a migrant worker with less than a year of actual work, saying why', () => {
    const r = assessHousehold(household({ annualIncomeFen: 1_000_000, employmentType: 'migrant_worker', employmentMonths: 8 }), rules);
    expect(r.eligible).toBe(false);
    expect(r.reasons[0]).toContain('满 12 个月');
    expect(assessHousehold(household({ employmentType: 'migrant_worker', employmentMonths: 12 }), rules).eligible).toBe(true);
  });

  it('refuses a household on the exclusion list, naming the exclusion', () => {
    const r = assessHousehold(household({ annualIncomeFen: 1_000_000, exclusions: ['multiple_homes'] }), rules);
    expect(r.eligible).toBe(false);
    expect(r.reasons[0]).toContain('两套及以上住房');
  });

  it('uses the county\u2019s own multipliers', () => {
    const strict = { ...rules, minimumLivingFen: 60_000, relativeMultiplier: 1.5 };
    // ¥1,000 a head against a relative line of 1.5 × ¥600 = ¥900: no longer hardship.
    expect(assessHousehold(household(), strict).category).toBeNull();
  });
});

describe('ceilings and rule validation', () => {
  it('expresses ceilings in months of 低保: severe living aid 12 × ¥800 = ¥9,600', () => {
    expect(aidCeilingFen(rules, 'severe', 'living')).toBe(960_000);
    expect(aidCeilingFen(rules, 'relative', 'living')).toBe(640_000);
  });

  it('accepts the defaults and names each broken field', () => {
    expect(validateHardshipRules(rules)).toEqual([]);
    const broken = { ...rules, relativeMultiplier: 0.5, publicNoticeDays: 0, deadlines: { ...rules.deadlines, homeVisit: 1.5 } };
    const fields = validateHardshipRules(broken).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['relativeMultiplier', 'publicNoticeDays', 'deadlines.homeVisit']));
  });

  it('formats fen as yuan', () => {
    expect(formatYuan(66_666)).toBe('666.66 元');
    expect(formatYuan(-5)).toBe('-0.05 元');
  });
});

describe('readHardshipRules', () => {
  it('keeps what a stored version says and reads each rule it did not have as its default', () => {
    const stored = {
      ...DEFAULT_HARDSHIP_RULES,
      minimumLivingFen: 95_000,
      deadlines: { grassrootsReview: 3, homeVisit: 4, democraticReview: 8, townReview: 4, countyApproval: 9, aidPayment: 7 },
      ceilingMonths: { ...DEFAULT_HARDSHIP_RULES.ceilingMonths, accident: { living: 5, medical: 10, education: 3, winter_warmth: 1 } },
    };
    const read = readHardshipRules(stored);
    expect(read.minimumLivingFen).toBe(95_000);
    expect(read.deadlines).toEqual({ ...stored.deadlines, grantReview: DEFAULT_HARDSHIP_RULES.deadlines.grantReview });
    expect(read.ceilingMonths.accident).toEqual({ living: 5, medical: 10, education: 3, winter_warmth: 1, other: 1 });
    expect(validateHardshipRules(read)).toEqual([]);
  });

  it('reads nothing stored as the defaults', () => {
    expect(readHardshipRules(null)).toEqual(DEFAULT_HARDSHIP_RULES);
  });
});
