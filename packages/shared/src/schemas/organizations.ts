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
  countyId: wholeNumberText(1).optional().meta({ description: '只在这个县(市、区)里找（省里部署、有多个县时）' }),
});
/**
 * `?countyId=…` of what a worker reads before signing in to a county (its rules, its self-test):
 * needed only where the deployment has more than one county (a province's).
 */
export const countyQuery = z.strictObject({
  countyId: wholeNumberText(1)
    .optional()
    .meta({ description: '县(市、区)总工会的编号（GET /api/organizations/counties）；只有一个县时可省略' }),
});
export type CountyQuery = z.output<typeof countyQuery>;

/** `countyId` of a worker's request that goes to a county's own centre (legal aid, online consultation). */
export const countyChoice = id
  .optional()
  .meta({ description: '向哪个县(市、区)总工会提出（GET /api/organizations/counties）；只有一个县时可省略' });

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
  pathNames: z.array(z.string()).meta({ description: '从树根（县总工会；省里部署时是省总工会）到这一级的名称' }),
});

/** GET /api/organizations/search */
export const organizationList = z.array(organizationView);

/** GET /api/organizations/route: the employer's own union when one matches, and the unions that take everyone. */
export const organizationRouteSuggestion = z.object({
  employerUnion: organizationView.nullable().meta({ description: '单位名称对得上的本单位工会' }),
  alternatives: z.array(organizationView).meta({ description: '接收无工会单位职工的乡镇、行业和联合工会' }),
});
