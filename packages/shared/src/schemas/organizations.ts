import { ORGANIZATION_KIND_LABEL } from '../organizations';
import { id, keyOf, text, wholeNumberText, z } from './common';

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

// --- answers ----------------------------------------------------------------------------

/** A union of the tree as answers show it. */
export const organizationView = z.object({
  id,
  name: z.string(),
  kind: keyOf(ORGANIZATION_KIND_LABEL),
  kindLabel: z.string(),
  parentId: id.nullable(),
  pathNames: z.array(z.string()).meta({ description: '从县总工会到这一级的名称' }),
});

/** GET /api/organizations/search */
export const organizationList = z.array(organizationView);

/** GET /api/organizations/route: the employer's own union when one matches, and the unions that take everyone. */
export const organizationRouteSuggestion = z.object({
  employerUnion: organizationView.nullable().meta({ description: '单位名称对得上的本单位工会' }),
  alternatives: z.array(organizationView).meta({ description: '接收无工会单位职工的乡镇、行业和联合工会' }),
});
