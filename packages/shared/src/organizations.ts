/** Kinds of union organisation in the county tree (DOMAIN.md §1). */
export type OrganizationKind =
  'county_federation' | 'town_union' | 'industry_federation' | 'enterprise_union' | 'village_union' | 'joint_union';

/** The level a kind acts at when a workflow step names who acts. */
export type OrganizationLevel = 'county' | 'town' | 'grassroots';

/** Level of each organisation kind; industry federations act at the town level. */
export const ORGANIZATION_LEVEL: Record<OrganizationKind, OrganizationLevel> = {
  county_federation: 'county',
  town_union: 'town',
  industry_federation: 'town',
  enterprise_union: 'grassroots',
  village_union: 'grassroots',
  joint_union: 'grassroots',
};

/** Chinese names of the organisation kinds. */
export const ORGANIZATION_KIND_LABEL: Record<OrganizationKind, string> = {
  county_federation: '县总工会',
  town_union: '乡镇(街道)总工会',
  industry_federation: '行业工会联合会',
  enterprise_union: '企业工会',
  village_union: '村(社区)工会',
  joint_union: '联合基层工会',
};

/** Kinds that may take in workers whose employer has no union of its own. */
export const FALLBACK_KINDS: OrganizationKind[] = ['town_union', 'industry_federation', 'joint_union'];

/**
 * Materialised path of an organisation: ids of the root down to the node, e.g. `/1/4/9/`.
 * A node is in the subtree of another when its path starts with the other's path.
 */
export function isInSubtree(nodePath: string, ancestorPath: string): boolean {
  return nodePath.startsWith(ancestorPath);
}

/**
 * One employer however it is written: its unified social credit code when known, else its name
 * without spaces, brackets and dots, lower-cased. Conflict checks (legal aid), employer flags and
 * honours compare employers by it.
 */
export function employerKey(employer: { name: string; creditCode?: string | null }): string {
  if (employer.creditCode) return employer.creditCode.toUpperCase();
  return employer.name
    .replace(/[\s()（）·]/g, '')
    .toLowerCase()
    .slice(0, 100);
}
