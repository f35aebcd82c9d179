import { formatYuan as yuan } from '../hardship/rules';
import type { DisputeType } from './clock';

/** Exemptions from the income test a county may switch on or off (DOMAIN.md §4). */
export type LegalAidExemptionCode = 'migrant_wage_or_injury' | 'serious_illness_or_disaster' | 'union_staff_duty';

/** Chinese names of the exemptions, as the applicant reads them. */
export const LEGAL_AID_EXEMPTION_LABEL: Record<LegalAidExemptionCode, string> = {
  migrant_wage_or_injury: '农民工追索劳动报酬或工伤赔偿',
  serious_illness_or_disaster: '因重大疾病或灾害致困',
  union_staff_duty: '工会工作者因履行职责受到侵害',
};

/** One county's legal-aid rules, a version per change (money in fen). */
export interface LegalAidRules {
  /** Local monthly minimum wage (最低工资标准), fen. */
  minimumWageFen: number;
  /** The amount at stake must be at least this, fen. */
  amountThresholdFen: number;
  /** Exemptions from the income test in force. */
  exemptions: LegalAidExemptionCode[];
  /** Working days for the written decision on an application. */
  decisionWorkingDays: number;
  /** Working days for the centre's first answer in an online consultation. */
  threadResponseWorkingDays: number;
  /** A booking can be cancelled or moved until this many hours before it starts. */
  bookingChangeHours: number;
  /** Open bookings one worker may hold at once. */
  maxOpenBookings: number;
  /** Where to send people the centre cannot help, shown with a refusal. */
  otherHelp: string;
}

/** The defaults of DOMAIN.md §4 (minimum wage: the province's first tier, ¥2,000). */
export const DEFAULT_LEGAL_AID_RULES: LegalAidRules = {
  minimumWageFen: 200_000,
  amountThresholdFen: 100_000,
  exemptions: ['migrant_wage_or_injury', 'serious_illness_or_disaster', 'union_staff_duty'],
  decisionWorkingDays: 7,
  threadResponseWorkingDays: 2,
  bookingChangeHours: 2,
  maxOpenBookings: 2,
  otherHelp: '可拨打 12348 公共法律服务热线，或到县劳动人事争议仲裁委员会申请仲裁。',
};

/** What the applicant tells us for the preliminary check. */
export interface LegalAidEligibilityInput {
  disputeType: DisputeType;
  isMigrantWorker: boolean;
  /** Amount at stake, fen. */
  amountClaimedFen: number;
  /** Household income per month, fen, and the number of people it feeds. */
  householdMonthlyIncomeFen: number;
  householdSize: number;
  seriousIllnessOrDisaster: boolean;
  unionStaffHarmedForDuty: boolean;
}

/** The preliminary result, with the reasons in plain words. */
export interface LegalAidEligibility {
  eligible: boolean;
  /** The exemption that lifted the income test, when one did. */
  exemption: LegalAidExemptionCode | null;
  incomePerHeadFen: number;
  reasons: string[];
}

/**
 * The preliminary eligibility check: the amount at stake at least the threshold, and household
 * income per head below the minimum wage unless an exemption in force applies (migrant workers
 * claiming wages or injury compensation first). The centre's written decision is the real one.
 */
export function assessLegalAidEligibility(input: LegalAidEligibilityInput, rules: LegalAidRules): LegalAidEligibility {
  const reasons: string[] = [];
  const size = Math.max(1, Math.floor(input.householdSize));
  const incomePerHeadFen = Math.round(input.householdMonthlyIncomeFen / size);
  const amountOk = input.amountClaimedFen >= rules.amountThresholdFen;
  reasons.push(
    amountOk
      ? `争议金额 ${yuan(input.amountClaimedFen)}，达到 ${yuan(rules.amountThresholdFen)}的受理标准。`
      : `争议金额 ${yuan(input.amountClaimedFen)}，低于 ${yuan(rules.amountThresholdFen)}的受理标准。`,
  );

  let exemption: LegalAidExemptionCode | null = null;
  if (
    rules.exemptions.includes('migrant_wage_or_injury') &&
    input.isMigrantWorker &&
    (input.disputeType === 'unpaid_wages' || input.disputeType === 'work_injury')
  ) {
    exemption = 'migrant_wage_or_injury';
  } else if (rules.exemptions.includes('union_staff_duty') && input.unionStaffHarmedForDuty) {
    exemption = 'union_staff_duty';
  } else if (rules.exemptions.includes('serious_illness_or_disaster') && input.seriousIllnessOrDisaster) {
    exemption = 'serious_illness_or_disaster';
  }

  let incomeOk: boolean;
  if (exemption) {
    incomeOk = true;
    reasons.push(`${LEGAL_AID_EXEMPTION_LABEL[exemption]}，免予审查经济困难条件。`);
  } else {
    incomeOk = incomePerHeadFen < rules.minimumWageFen;
    reasons.push(
      incomeOk
        ? `家庭人均月收入 ${yuan(incomePerHeadFen)}，低于当地最低工资标准 ${yuan(rules.minimumWageFen)}。`
        : `家庭人均月收入 ${yuan(incomePerHeadFen)}，不低于当地最低工资标准 ${yuan(rules.minimumWageFen)}。`,
    );
  }
  return { eligible: amountOk && incomeOk, exemption, incomePerHeadFen, reasons };
}
