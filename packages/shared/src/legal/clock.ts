import { addDays, daysBetween, type WorkCalendar } from '../calendar/work-calendar';

/** Kinds of labour dispute a worker brings (DOMAIN.md §4). */
export type DisputeType = 'unpaid_wages' | 'work_injury' | 'contract' | 'social_insurance' | 'dismissal' | 'other';

/** Chinese names of the dispute kinds. */
export const DISPUTE_TYPE_LABEL: Record<DisputeType, string> = {
  unpaid_wages: '拖欠工资',
  work_injury: '工伤赔偿',
  contract: '劳动合同',
  social_insurance: '社会保险',
  dismissal: '违法解除（辞退）',
  other: '其他',
};

/** The dates of a case the statutory clocks run from (YYYY-MM-DD, China time); unknown ones are null. */
export interface StatutoryClockInput {
  disputeType: DisputeType;
  /** When the job ended; null while the worker is still employed. */
  employmentEndedOn: string | null;
  /** When the worker knew or should have known of the violation. */
  learnedOn: string;
  /** A mediation organisation received the application (also interrupts the limitation period). */
  mediationStartedOn?: string | null;
  mediationEndedOn?: string | null;
  /** The arbitration commission received the application. */
  arbitrationAppliedOn?: string | null;
  arbitrationAcceptedOn?: string | null;
  /** The commission extended the award period by 15 days (批准延期). */
  awardExtended?: boolean;
  /** The worker received the award (裁决书). */
  awardReceivedOn?: string | null;
  lawsuitFiledOn?: string | null;
}

/** The statutory periods of a labour dispute. */
export type StatutoryClockKey = 'mediation' | 'arbitration_limit' | 'arbitration_acceptance' | 'arbitration_award' | 'lawsuit';

/**
 * running: the period is counting down; done: the step it waits for happened; passed: the last
 * day is behind us without it; waiting: it has not started (or, for wages while employed, does not run).
 */
export type StatutoryClockStatus = 'running' | 'done' | 'passed' | 'waiting';

/** One period, as the worker and the lawyer see it. */
export interface StatutoryClockItem {
  key: StatutoryClockKey;
  label: string;
  startsOn: string | null;
  /** Last day of the period (moved past a rest day or holiday as the law counts). */
  dueOn: string | null;
  status: StatutoryClockStatus;
  /** Calendar days from today to dueOn (negative when passed); null without a due day. */
  daysLeft: number | null;
  /** Where the period comes from and what happens when it ends, in plain words. */
  basis: string;
}

/** All periods of a case, and the next one that is running. */
export interface StatutoryClock {
  items: StatutoryClockItem[];
  next: StatutoryClockItem | null;
}

/** Same day `years` later; 29 February becomes 28 February in a common year. */
function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/**
 * The last day of a period that starts the day after `start` (the start day is not counted) and
 * lasts `days` days: when it falls on a rest day or holiday, the next working day is the last
 * (民法典 第二百零三条).
 */
function lastDay(calendar: WorkCalendar, end: string): string {
  let day = end;
  while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

function item(
  key: StatutoryClockKey,
  label: string,
  startsOn: string | null,
  dueOn: string | null,
  doneOn: string | null | undefined,
  today: string,
  basis: string,
): StatutoryClockItem {
  let status: StatutoryClockStatus;
  if (!startsOn || !dueOn) status = 'waiting';
  else if (doneOn) status = 'done';
  else status = today > dueOn ? 'passed' : 'running';
  const daysLeft = dueOn && status !== 'done' && status !== 'waiting' ? daysBetween(today, dueOn) : null;
  return { key, label, startsOn, dueOn, status, daysLeft, basis };
}

/**
 * The periods of the Labour Dispute Mediation and Arbitration Law (劳动争议调解仲裁法) for a
 * case, from the dates entered: mediation 15 days (art. 14), the one-year arbitration limit with
 * its unpaid-wages rule and interruption (art. 27), acceptance 5 days (art. 29), award 45 + 15
 * days (art. 43), suing within 15 days of receiving the award (art. 48, 50).
 */
export function computeStatutoryClock(input: StatutoryClockInput, today: string, calendar: WorkCalendar): StatutoryClock {
  const items: StatutoryClockItem[] = [];

  const mediationDue = input.mediationStartedOn ? lastDay(calendar, addDays(input.mediationStartedOn, 15)) : null;
  items.push(
    item(
      'mediation',
      '调解期限',
      input.mediationStartedOn ?? null,
      mediationDue,
      input.mediationEndedOn,
      today,
      '调解组织收到申请之日起 15 日内未达成调解协议的，可以申请劳动仲裁。',
    ),
  );

  // The limitation period: one year from knowing of the violation; for pay owed while the job
  // lasts it does not run until the job ends, then one year from the end. Asking for mediation
  // interrupts it and it starts again from that day.
  let limitStart: string | null;
  let basis: string;
  if (input.disputeType === 'unpaid_wages') {
    limitStart = input.employmentEndedOn;
    basis = input.employmentEndedOn
      ? '追索劳动报酬：劳动关系终止之日起一年内申请仲裁。'
      : '追索劳动报酬：在职期间不受一年仲裁时效限制；离职后一年内申请仲裁。';
  } else {
    limitStart = input.learnedOn;
    basis = '知道或者应当知道权利被侵害之日起一年内申请劳动仲裁。';
  }
  // Only a running period can be interrupted: mediation asked for after the limit ran out does not revive it.
  const originalDue = limitStart ? lastDay(calendar, addYears(limitStart, 1)) : null;
  if (
    limitStart &&
    originalDue &&
    input.mediationStartedOn &&
    input.mediationStartedOn > limitStart &&
    input.mediationStartedOn <= originalDue
  ) {
    limitStart = input.mediationStartedOn;
    basis += `因 ${input.mediationStartedOn} 申请调解，时效中断，从当日重新计算。`;
  }
  const limitDue = limitStart ? lastDay(calendar, addYears(limitStart, 1)) : null;
  items.push(item('arbitration_limit', '仲裁时效', limitStart, limitDue, input.arbitrationAppliedOn, today, basis));

  const acceptanceDue = input.arbitrationAppliedOn ? lastDay(calendar, addDays(input.arbitrationAppliedOn, 5)) : null;
  items.push(
    item(
      'arbitration_acceptance',
      '仲裁受理',
      input.arbitrationAppliedOn ?? null,
      acceptanceDue,
      input.arbitrationAcceptedOn,
      today,
      '仲裁委员会收到申请之日起 5 日内决定是否受理；不受理或逾期不答复的，可以直接起诉。',
    ),
  );

  const awardDays = input.awardExtended ? 60 : 45;
  const awardDue = input.arbitrationAcceptedOn ? lastDay(calendar, addDays(input.arbitrationAcceptedOn, awardDays)) : null;
  items.push(
    item(
      'arbitration_award',
      '仲裁裁决',
      input.arbitrationAcceptedOn ?? null,
      awardDue,
      input.awardReceivedOn,
      today,
      input.awardExtended
        ? '受理之日起 45 日内结案，经批准延长 15 日；逾期未裁决的，可以就该争议起诉。'
        : '受理之日起 45 日内结案（经批准可延长 15 日）；逾期未裁决的，可以就该争议起诉。',
    ),
  );

  const lawsuitDue = input.awardReceivedOn ? lastDay(calendar, addDays(input.awardReceivedOn, 15)) : null;
  items.push(
    item(
      'lawsuit',
      '起诉期限',
      input.awardReceivedOn ?? null,
      lawsuitDue,
      input.lawsuitFiledOn,
      today,
      '对仲裁裁决不服的，收到裁决书之日起 15 日内向人民法院起诉；期满不起诉的，裁决发生法律效力。',
    ),
  );

  const running = items.filter((i) => i.status === 'running').sort((a, b) => (a.dueOn as string).localeCompare(b.dueOn as string));
  return { items, next: running[0] ?? null };
}
