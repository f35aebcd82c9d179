import type { Page, WorkbenchItem } from '@union/shared';
import { http } from '../request';

export const workbenchApi = {
  queue: (after?: string | null, limit = 20) => http.get<Page<WorkbenchItem>>('/workbench/queue', { after: after ?? undefined, limit }),
};
