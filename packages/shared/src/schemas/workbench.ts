import { pageQuery, z } from './common';

const stepName = z.string().regex(/^[a-z_]{1,40}$/, '不是一个类型或步骤名');

/** GET /api/workbench/queue: the queue, optionally one step only (`?caseType=hardship_application&state=home_visit`). */
export const workbenchQueueQuery = pageQuery.extend({
  caseType: stepName.optional().meta({ description: '只看这一类案件', example: 'hardship_application' }),
  state: stepName.optional().meta({ description: '只看这一步', example: 'home_visit' }),
});
export type WorkbenchQueueQuery = z.output<typeof workbenchQueueQuery>;
