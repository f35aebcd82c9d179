import { http } from '../request';

export const notificationsApi = {
  subscribeTemplates: () => http.get<{ templateIds: string[] }>('/notifications/subscribe-templates'),
};
