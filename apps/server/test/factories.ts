/**
 * Test data made the way people make it, through the API: a test asks for what it needs (a member
 * of a union, a hardship case at the town's review, a lawyer with a schedule, a competition open
 * for registration) instead of reading what the demo seed happens to hold. Staff come from
 * `t.loginAs(role, organisationPath)`, time from `t.clock`. One file of factories per domain,
 * all re-exported here.
 */
export { aMember, CONSTRUCTION_UNION } from './membership-fixtures';
export { aHardshipCase, advanceHardshipCase, hardshipStaff, type HardshipCase } from './hardship-fixtures';
export {
  aConsultation,
  advanceLegalAidCase,
  aLawyer,
  aLegalAidApplication,
  aLegalAidCase,
  aLegalThread,
  aPetition,
  bookingOf,
  daysBefore,
  freeSlotsOf,
  FULL_WEEK,
  giveName,
  LEGAL_CENTRE,
  legalAidRequest,
  petitionRequest,
  scheduleLine,
  TOWN_CENTRE,
  userIdOf,
  type AskedThread,
  type BookedConsultation,
  type Lawyer,
  type LegalAidCase,
} from './legal-fixtures';
export {
  aCompetition,
  advanceCompetition,
  advanceProposal,
  aNomination,
  anEmployerFlag,
  anEmployerName,
  anEntry,
  aPerson,
  aProposal,
  COMPETITION_PATH,
  competitionRequest,
  COUNTY,
  DEEDS,
  honourKind,
  PROPOSAL_PATH,
  proposalRequest,
  type CompetitionSetup,
  type NominationCase,
  type Person,
  type ProposalCase,
} from './recognition-fixtures';
