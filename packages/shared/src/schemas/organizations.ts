import { text, wholeNumberText, z } from './common';

/** GET /api/organizations/search?q=… */
export const organizationSearchQuery = z.strictObject({
  q: z.string().max(50, '最多 50 个字').meta({ description: '工会名称或单位名称中的文字' }),
  limit: wholeNumberText(1, 50).optional().meta({ description: '默认 20' }),
});

/** GET /api/organizations/route?employerName=… */
export const organizationRouteQuery = z.strictObject({
  employerName: text(0, 100).meta({ description: '工作单位名称' }),
});
export type OrganizationSearchQuery = z.output<typeof organizationSearchQuery>;
export type OrganizationRouteQuery = z.output<typeof organizationRouteQuery>;
