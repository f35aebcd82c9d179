/**
 * Kinds of union organisation in the tree (DOMAIN.md §1). A deployment for one county has the
 * county federation at its root; a province's deployment has the province federation at its root,
 * then cities, then counties (province → city → county → town → grassroots).
 */
export type OrganizationKind =
  | 'province_federation'
  | 'city_federation'
  | 'county_federation'
  | 'town_union'
  | 'industry_federation'
  | 'enterprise_union'
  | 'village_union'
  | 'joint_union';

/**
 * The level a kind acts at when a workflow step names who acts. The workflows' steps name county,
 * town or grassroots; province and city staff oversee (see and count) what is under them.
 */
export type OrganizationLevel = 'province' | 'city' | 'county' | 'town' | 'grassroots';

/** The kind of the county federation: each county's rules, legal-aid centre and honours sit there. */
export const COUNTY_KIND: OrganizationKind = 'county_federation';

/** Level of each organisation kind; industry federations act at the town level. */
export const ORGANIZATION_LEVEL: Record<OrganizationKind, OrganizationLevel> = {
  province_federation: 'province',
  city_federation: 'city',
  county_federation: 'county',
  town_union: 'town',
  industry_federation: 'town',
  enterprise_union: 'grassroots',
  village_union: 'grassroots',
  joint_union: 'grassroots',
};

/** Chinese names of the organisation kinds. */
export const ORGANIZATION_KIND_LABEL: Record<OrganizationKind, string> = {
  province_federation: '省总工会',
  city_federation: '市(州)总工会',
  county_federation: '县总工会',
  town_union: '乡镇(街道)总工会',
  industry_federation: '行业工会联合会',
  enterprise_union: '企业工会',
  village_union: '村(社区)工会',
  joint_union: '联合基层工会',
};

/**
 * The federations of a place (province, city, county): a worker does not join one or apply to one
 * directly; their cases start at a grassroots or town union below.
 */
export const FEDERATION_KINDS: OrganizationKind[] = ['province_federation', 'city_federation', 'county_federation'];

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
