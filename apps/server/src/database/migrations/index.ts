import { Init1795478849074 } from './1795478849074-Init';
import { AddUploads1795482353244 } from './1795482353244-AddUploads';
import { AddHardship1795482632129 } from './1795482632129-AddHardship';
import { AddHardshipFileEvents1795483631526 } from './1795483631526-AddHardshipFileEvents';
import { AddCampaigns1795483873485 } from './1795483873485-AddCampaigns';
import { AddHardshipDueIndexes1795484146995 } from './1795484146995-AddHardshipDueIndexes';
import { AddLegal1795491313058 } from './1795491313058-AddLegal';
import { AddCompetitions1795493658753 } from './1795493658753-AddCompetitions';
import { AddRefreshTokenFamilies1796166108683 } from './1796166108683-AddRefreshTokenFamilies';
import { AddEmployerFlagPlace1796240000000 } from './1796240000000-AddEmployerFlagPlace';
import { AddCaseSubject1796400000000 } from './1796400000000-AddCaseSubject';
import { AddCaseSearch1796500000000 } from './1796500000000-AddCaseSearch';
import { AddRuleSets1796600000000 } from './1796600000000-AddRuleSets';
import { DropLawyerCopies1796700000000 } from './1796700000000-DropLawyerCopies';
import { AddHardshipFileCases1796800000000 } from './1796800000000-AddHardshipFileCases';
import { AddMembershipCases1796900000000 } from './1796900000000-AddMembershipCases';
import { MoveObjectionsToNotices1797000000000 } from './1797000000000-MoveObjectionsToNotices';
import { AddEntryCases1797100000000 } from './1797100000000-AddEntryCases';
import { MovePublicNotices1797200000000 } from './1797200000000-MovePublicNotices';
import { AddOwnListIndexes1797300000000 } from './1797300000000-AddOwnListIndexes';
import { AddObjectionCases1797400000000 } from './1797400000000-AddObjectionCases';
import { MarkRevokedModelWorkers1797500000000 } from './1797500000000-MarkRevokedModelWorkers';
import { AddProposalCounters1797600000000 } from './1797600000000-AddProposalCounters';
import { AddOutboxClaimToken1797700000000 } from './1797700000000-AddOutboxClaimToken';
import { AddStatisticsIndexes1797800000000 } from './1797800000000-AddStatisticsIndexes';
import { AddCaseQueue1797900000000 } from './1797900000000-AddCaseQueue';
import { AddJobRuns1798000000000 } from './1798000000000-AddJobRuns';
import { AddClosedStatisticsIndex1798100000000 } from './1798100000000-AddClosedStatisticsIndex';
import { AddOrganizationKindIndex1798200000000 } from './1798200000000-AddOrganizationKindIndex';
import { AddWorkCalendarDays1798300000000 } from './1798300000000-AddWorkCalendarDays';

/** Migrations in order; add each new one at the end (never edit one that has landed). */
export const MIGRATIONS: (new () => object)[] = [
  Init1795478849074,
  AddUploads1795482353244,
  AddHardship1795482632129,
  AddHardshipFileEvents1795483631526,
  AddCampaigns1795483873485,
  AddHardshipDueIndexes1795484146995,
  AddLegal1795491313058,
  AddCompetitions1795493658753,
  AddRefreshTokenFamilies1796166108683,
  AddEmployerFlagPlace1796240000000,
  AddCaseSubject1796400000000,
  AddCaseSearch1796500000000,
  AddRuleSets1796600000000,
  DropLawyerCopies1796700000000,
  AddHardshipFileCases1796800000000,
  AddMembershipCases1796900000000,
  MoveObjectionsToNotices1797000000000,
  AddEntryCases1797100000000,
  MovePublicNotices1797200000000,
  AddOwnListIndexes1797300000000,
  AddObjectionCases1797400000000,
  MarkRevokedModelWorkers1797500000000,
  AddProposalCounters1797600000000,
  AddOutboxClaimToken1797700000000,
  AddStatisticsIndexes1797800000000,
  AddCaseQueue1797900000000,
  AddJobRuns1798000000000,
  AddClosedStatisticsIndex1798100000000,
  AddOrganizationKindIndex1798200000000,
  AddWorkCalendarDays1798300000000,
];
