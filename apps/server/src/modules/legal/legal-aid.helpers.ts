import type { StatutoryClockInput } from '@union/shared';
import type { LegalAidApplication } from './entities/legal-aid-application.entity';

/** Table name bound into the encryption of legal-aid personal data. */
export const LEGAL_AID_TABLE = 'legal_aid_applications';
export const DATE_FIELDS = [
  'mediationStartedOn',
  'mediationEndedOn',
  'arbitrationAppliedOn',
  'arbitrationAcceptedOn',
  'awardReceivedOn',
  'lawsuitFiledOn',
] as const;

/** The clock input of a stored case. */
export function clockInput(row: LegalAidApplication): StatutoryClockInput {
  return {
    disputeType: row.disputeType,
    employmentEndedOn: row.employmentEndedOn,
    learnedOn: row.learnedOn,
    mediationStartedOn: row.mediationStartedOn,
    mediationEndedOn: row.mediationEndedOn,
    arbitrationAppliedOn: row.arbitrationAppliedOn,
    arbitrationAcceptedOn: row.arbitrationAcceptedOn,
    awardExtended: row.awardExtended,
    awardReceivedOn: row.awardReceivedOn,
    lawsuitFiledOn: row.lawsuitFiledOn,
  };
}
