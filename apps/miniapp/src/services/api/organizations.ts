import type { OrganizationRouteSuggestion, OrganizationView } from '@union/shared';
import { http } from '../request';

export const organizationsApi = {
  search: (q: string, limit = 20) => http.get<OrganizationView[]>('/organizations/search', { q, limit }),
  route: (employerName: string) => http.get<OrganizationRouteSuggestion>('/organizations/route', { employerName }),
};
