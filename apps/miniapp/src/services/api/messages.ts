import type { MessageView, Page } from '@union/shared';
import { http } from '../request';

export const messagesApi = {
  list: (after?: string | null, limit = 20) => http.get<Page<MessageView>>('/messages', { after: after ?? undefined, limit }),
  unreadCount: () => http.get<{ count: number }>('/messages/unread-count'),
  markRead: (id: number) => http.post<void>(`/messages/${id}/read`),
};
