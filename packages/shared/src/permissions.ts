/** Every permission a route or a workflow step can require. */
export const PERMISSIONS = [
  'membership.apply',
  'membership.review',
  'membership.transfer.review',
  'membership.card.verify',
  'pii.reveal',
  'workbench.view',
  'organization.manage',
  'staff.invite',
  'audit.view',
  'hardship.apply',
  'hardship.proxy',
  'hardship.review.grassroots',
  'hardship.review.town',
  'hardship.approve',
  'hardship.aid.pay',
  'hardship.file.view',
  'hardship.rules.manage',
  'hardship.campaign.manage',
] as const;

/** One permission. */
export type Permission = (typeof PERMISSIONS)[number];

/** Roles a user can hold; each is a list of permissions. */
export type Role = 'worker' | 'grassroots_cadre' | 'town_cadre' | 'county_cadre' | 'county_admin';

/** What each role may do. Staff roles act only within their organisation's subtree. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  worker: ['membership.apply', 'hardship.apply'],
  grassroots_cadre: [
    'membership.apply',
    'membership.review',
    'membership.transfer.review',
    'membership.card.verify',
    'pii.reveal',
    'workbench.view',
    'hardship.apply',
    'hardship.proxy',
    'hardship.review.grassroots',
    'hardship.file.view',
  ],
  town_cadre: [
    'membership.apply',
    'membership.review',
    'membership.transfer.review',
    'membership.card.verify',
    'pii.reveal',
    'workbench.view',
    'staff.invite',
    'hardship.apply',
    'hardship.proxy',
    'hardship.review.grassroots',
    'hardship.review.town',
    'hardship.file.view',
  ],
  county_cadre: [
    'membership.apply',
    'membership.review',
    'membership.transfer.review',
    'membership.card.verify',
    'pii.reveal',
    'workbench.view',
    'staff.invite',
    'audit.view',
    'hardship.apply',
    'hardship.proxy',
    'hardship.review.grassroots',
    'hardship.review.town',
    'hardship.approve',
    'hardship.aid.pay',
    'hardship.file.view',
    'hardship.rules.manage',
    'hardship.campaign.manage',
  ],
  county_admin: [...PERMISSIONS],
};

/** Chinese names of roles. */
export const ROLE_LABEL: Record<Role, string> = {
  worker: '职工',
  grassroots_cadre: '基层工会干部',
  town_cadre: '乡镇(行业)工会干部',
  county_cadre: '县总工会干部',
  county_admin: '县总工会管理员',
};

/** Roles that are staff (bound to an organisation). */
export const STAFF_ROLES: Role[] = ['grassroots_cadre', 'town_cadre', 'county_cadre', 'county_admin'];

/** The union of the permissions of `roles`. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role] ?? []) set.add(p);
  return [...set];
}
