import { id, instant, pageOf, z } from './common';

/**
 * The answers of the message centre and the health check as schemas (the interfaces in
 * contracts.ts stay the types the code uses; `test/answer-schemas.test.ts` proves them the same).
 */

/** A message in the in-app message centre. */
export const messageView = z.object({
  id,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().meta({ description: '点开消息去的页面' }),
  read: z.boolean(),
  createdAt: instant,
});

/** GET /api/messages */
export const messagePage = pageOf(messageView);

/** GET /api/messages/unread-count */
export const unreadCount = z.object({ count: z.int().min(0) });

/** GET /api/notifications/subscribe-templates: the templates the mini-program asks the user to subscribe to. */
export const subscribeTemplates = z.object({ templateIds: z.array(z.string()) });

/** GET /api/health (also the body of its 503 when the database does not answer). */
export const healthView = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  version: z.string(),
});
