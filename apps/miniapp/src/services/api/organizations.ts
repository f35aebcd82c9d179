import type { OrganizationRouteSuggestion, OrganizationView } from '@union/shared';
import { countyField } from '../county';
import { http } from '../request';

export const organizationsApi = {
  search: (q: string, limit = 20) => http.get<OrganizationView[]>('/organizations/search', { q, limit }),
  route: (employerName: string) => http.get<OrganizationRouteSuggestion>('/organizations/route', { employerName, ...countyField() }),
  /** The deployment's counties (one for a county's own; a province's, many), no login needed. */
  counties: () => http.get<OrganizationView[]>('/organizations/counties', undefined, false),
};
