import {
  assessLegalAidEligibility,
  computeStatutoryClock,
  CONSULTATION_WORKFLOW,
  DEFAULT_LEGAL_AID_RULES,
  defaultWorkCalendar,
  evidenceChecklist,
  LEGAL_AID_WORKFLOW,
  validateLegalAidRules,
  type LegalAidEligibilityInput,
  type StatutoryClockInput,
} from '../src';

const cal = defaultWorkCalendar();
const clock = (input: Partial<StatutoryClockInput>, today = '2026-11-24') =>
  computeStatutoryClock({ disputeType: 'dismissal', employmentEndedOn: null, learnedOn: '2026-03-10', ...input }, today, cal);
const find = (c: ReturnType<typeof clock>, key: string) => c.items.find((i) => i.key === key)!;

describe('statutory clock (劳动争议调解仲裁法)', () => {
  it('gives one year from knowing of the violation to apply for arbitration', () => {
    const c = clock({});
    const limit = find(c, 'arbitration_limit');
    expect(limit).toMatchObject({ startsOn: '2026-03-10', dueOn: '2027-03-10', status: 'running', daysLeft: 106 });
    expect(c.next?.key).toBe('arbitration_limit');
  });

  it('does not run the limit for unpaid wages while the worker is still employed', () => {
    const c = clock({ disputeType: 'unpaid_wages', learnedOn: '2025-03-01' });
    expect(find(c, 'arbitration_limit')).toMatchObject({ status: 'waiting', dueOn: null });
    expect(find(c, 'arbitration_limit').basis).toContain('在职期间不受一年仲裁时效限制');
    expect(c.next).toBeNull();
  });

  it('counts unpaid wages from the end of the job, not from when the worker learned of it', () => {
    const c = clock({ disputeType: 'unpaid_wages', learnedOn: '2025-03-01', employmentEndedOn: '2025-12-15' });
    expect(find(c, 'arbitration_limit')).toMatchObject({ startsOn: '2025-12-15', dueOn: '2026-12-15', daysLeft: 21 });
  });

  it('moves a last day that falls in a holiday to the next working day', () => {
    // 2026-10-01 is National Day; the holiday runs to 10-07.
    const c = clock({ disputeType: 'unpaid_wages', employmentEndedOn: '2025-10-01' }, '2026-09-01');
    expect(find(c, 'arbitration_limit').dueOn).toBe('2026-10-08');
  });

  it('shows a limit that has passed', () => {
    const c = clock({ learnedOn: '2025-06-01' });
    expect(find(c, 'arbitration_limit')).toMatchObject({ dueOn: '2026-06-01', status: 'passed', daysLeft: -176 });
  });

  it('restarts the limit when the worker asked for mediation (interruption)', () => {
    const c = clock({ learnedOn: '2025-12-01', mediationStartedOn: '2026-02-02' });
    const limit = find(c, 'arbitration_limit');
    expect(limit).toMatchObject({ startsOn: '2026-02-02', dueOn: '2027-02-02' });
    expect(limit.basis).toContain('时效中断');
  });

  it('does not revive a limit that had already run out when mediation was asked for', () => {
    const c = clock({ learnedOn: '2024-01-01', mediationStartedOn: '2025-06-01' }, '2025-07-01');
    expect(find(c, 'arbitration_limit')).toMatchObject({ startsOn: '2024-01-01', dueOn: '2025-01-02', status: 'passed' });
  });

  it('gives mediation 15 days and then says arbitration may start', () => {
    const c = clock({ mediationStartedOn: '2026-11-02' }, '2026-11-10');
    expect(find(c, 'mediation')).toMatchObject({ dueOn: '2026-11-17', status: 'running', daysLeft: 7 });
    expect(c.next?.key).toBe('mediation');
    expect(find(clock({ mediationStartedOn: '2026-11-02', mediationEndedOn: '2026-11-12' }), 'mediation').status).toBe('done');
  });

  it('gives the commission 5 days to accept, past a holiday', () => {
    const c = clock({ arbitrationAppliedOn: '2026-09-28' }, '2026-09-29');
    expect(find(c, 'arbitration_acceptance')).toMatchObject({ dueOn: '2026-10-08', status: 'running' });
    expect(find(c, 'arbitration_limit').status).toBe('done');
  });

  it('gives 45 days for the award, 60 when extended', () => {
    expect(find(clock({ arbitrationAppliedOn: '2026-05-27', arbitrationAcceptedOn: '2026-06-01' }), 'arbitration_award').dueOn).toBe(
      '2026-07-16',
    );
    const extended = clock({ arbitrationAppliedOn: '2026-05-27', arbitrationAcceptedOn: '2026-06-01', awardExtended: true });
    expect(find(extended, 'arbitration_award').dueOn).toBe('2026-07-31');
  });

  it('gives 15 days to sue after receiving the award, moved past a weekend', () => {
    const c = clock({ arbitrationAppliedOn: '2026-09-01', arbitrationAcceptedOn: '2026-09-04', awardReceivedOn: '2026-11-20' });
    expect(find(c, 'arbitration_award').status).toBe('done');
    // 2026-12-05 is a Saturday.
    expect(find(c, 'lawsuit')).toMatchObject({ dueOn: '2026-12-07', status: 'running', daysLeft: 13 });
    expect(c.next?.key).toBe('lawsuit');
  });

  it('turns 29 February into 28 February a year later', () => {
    expect(find(clock({ learnedOn: '2028-02-29' }, '2028-03-01'), 'arbitration_limit').dueOn).toBe('2029-02-28');
  });
});

describe('legal-aid eligibility', () => {
  const base: LegalAidEligibilityInput = {
    disputeType: 'unpaid_wages',
    isMigrantWorker: true,
    amountClaimedFen: 860_000,
    householdMonthlyIncomeFen: 900_000,
    householdSize: 2,
    seriousIllnessOrDisaster: false,
    unionStaffHarmedForDuty: false,
  };

  it('exempts a migrant worker claiming wages from the income test and says so', () => {
    const r = assessLegalAidEligibility(base, DEFAULT_LEGAL_AID_RULES);
    expect(r).toMatchObject({ eligible: true, exemption: 'migrant_wage_or_injury', incomePerHeadFen: 450_000 });
    expect(r.reasons.join('')).toContain('农民工追索劳动报酬或工伤赔偿，免予审查经济困难条件');
  });

  it('applies the income test to a non-migrant over the line', () => {
    const r = assessLegalAidEligibility({ ...base, isMigrantWorker: false, disputeType: 'dismissal' }, DEFAULT_LEGAL_AID_RULES);
    expect(r).toMatchObject({ eligible: false, exemption: null });
    expect(r.reasons[1]).toBe('家庭人均月收入 4500.00 元，不低于当地最低工资标准 2000.00 元。');
  });

  it('accepts a non-migrant below the minimum wage per head', () => {
    const r = assessLegalAidEligibility({ ...base, isMigrantWorker: false, householdMonthlyIncomeFen: 300_000 }, DEFAULT_LEGAL_AID_RULES);
    expect(r).toMatchObject({ eligible: true, exemption: null, incomePerHeadFen: 150_000 });
  });

  it('does not exempt a migrant worker in a contract dispute', () => {
    expect(assessLegalAidEligibility({ ...base, disputeType: 'contract' }, DEFAULT_LEGAL_AID_RULES).eligible).toBe(false);
  });

  it('refuses an amount below the threshold even with an exemption', () => {
    const r = assessLegalAidEligibility({ ...base, amountClaimedFen: 80_000 }, DEFAULT_LEGAL_AID_RULES);
    expect(r.eligible).toBe(false);
    expect(r.reasons[0]).toBe('争议金额 800.00 元，低于 1000.00 元的受理标准。');
  });

  it('follows the county when it switches an exemption off', () => {
    const rules = { ...DEFAULT_LEGAL_AID_RULES, exemptions: ['serious_illness_or_disaster' as const] };
    expect(assessLegalAidEligibility(base, rules).eligible).toBe(false);
    expect(assessLegalAidEligibility({ ...base, seriousIllnessOrDisaster: true }, rules).exemption).toBe('serious_illness_or_disaster');
  });

  it('validates a rule set', () => {
    expect(validateLegalAidRules(DEFAULT_LEGAL_AID_RULES)).toEqual([]);
    const bad = validateLegalAidRules({ ...DEFAULT_LEGAL_AID_RULES, decisionWorkingDays: 0, exemptions: ['nope' as never] });
    expect(bad.map((p) => p.field)).toEqual(['decisionWorkingDays', 'exemptions']);
  });
});

describe('legal workflows', () => {
  it('lets only the centre decide and only the handling lawyer move stages', () => {
    expect(LEGAL_AID_WORKFLOW.transitions.accept.permission).toBe('legal.aid.decide');
    expect(LEGAL_AID_WORKFLOW.transitions.close.permission).toBe('legal.aid.handle');
    expect(CONSULTATION_WORKFLOW.transitions.record_advice.permission).toBe('legal.consult');
  });

  it('lists IOUs first as evidence for unpaid wages', () => {
    expect(evidenceChecklist('unpaid_wages')[0].purpose).toBe('iou');
    expect(evidenceChecklist('work_injury')[0].purpose).toBe('injury_certificate');
  });
});
