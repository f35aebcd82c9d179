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
  'hardship.file.recheck',
  'hardship.rules.manage',
  'hardship.campaign.manage',
  'legal.apply',
  'legal.consult',
  'legal.schedule.manage',
  'legal.aid.decide',
  'legal.aid.handle',
  'legal.petition.manage',
  'legal.represent',
  'competition.register',
  'competition.manage',
  'competition.judge',
  'proposal.submit',
  'proposal.manage',
  'proposal.review',
  'honour.nominate',
  'honour.manage',
] as const;

/** One permission. */
export type Permission = (typeof PERMISSIONS)[number];

/** Roles a user can hold; each is a list of permissions. */
export type Role = 'worker' | 'grassroots_cadre' | 'town_cadre' | 'county_cadre' | 'county_admin' | 'lawyer' | 'legal_staff' | 'judge';

/**
 * Functions the county administrator does not hold (separation of duties): the legal-aid centre's
 * (its consultations and case files are the centre's, not the federation's) and those held in a
 * personal capacity (a lawyer's licence, a judge's or an expert's seat). Administering the union
 * tree and its staff is not reading or deciding cases of another function.
 */
export const NOT_ADMINISTRATIVE: readonly Permission[] = [
  'legal.consult',
  'legal.schedule.manage',
  'legal.aid.decide',
  'legal.aid.handle',
  'legal.represent',
  'competition.judge',
  'proposal.review',
];

/** What each role may do. Staff roles act only within their organisation's subtree. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  worker: ['membership.apply', 'hardship.apply', 'legal.apply', 'competition.register', 'proposal.submit'],
  grassroots_cadre: [
    'membership.apply',
    'membership.review',
    'membership.transfer.review',
    'membership.card.verify',
    'pii.reveal',
    'workbench.view',
    'hardship.apply',
    'legal.apply',
    'hardship.proxy',
    'hardship.review.grassroots',
    'hardship.file.view',
    'hardship.file.recheck',
    'competition.register',
    'proposal.submit',
    'proposal.manage',
    'honour.nominate',
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
    'legal.apply',
    'hardship.proxy',
    'hardship.review.grassroots',
    'hardship.review.town',
    'hardship.file.view',
    'hardship.file.recheck',
    'competition.register',
    'proposal.submit',
    'proposal.manage',
    'competition.manage',
    'honour.nominate',
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
    'legal.apply',
    'hardship.proxy',
    'hardship.review.grassroots',
    'hardship.review.town',
    'hardship.approve',
    'hardship.aid.pay',
    'hardship.file.view',
    'hardship.file.recheck',
    'hardship.rules.manage',
    'hardship.campaign.manage',
    'legal.petition.manage',
    'competition.register',
    'proposal.submit',
    'proposal.manage',
    'competition.manage',
    'honour.nominate',
    'honour.manage',
  ],
  county_admin: PERMISSIONS.filter((p) => !NOT_ADMINISTRATIVE.includes(p)),
  // A lawyer of a legal-aid centre (法律援助中心) holds consultations, answers online questions and
  // handles the cases assigned to them; their own availability they keep themselves.
  // `legal.represent`: may be named the lawyer of an online consultation or a legal-aid case (承办律师).
  lawyer: ['workbench.view', 'legal.apply', 'legal.consult', 'legal.aid.handle', 'legal.represent'],
  // Centre staff decide applications, assign lawyers, keep every lawyer's schedule and register petitions.
  // A judge of competitions and an expert reviewing proposals, bound to the organisation that invited them.
  judge: ['workbench.view', 'competition.register', 'proposal.submit', 'competition.judge', 'proposal.review'],
  legal_staff: [
    'workbench.view',
    'pii.reveal',
    'legal.apply',
    'legal.consult',
    'legal.schedule.manage',
    'legal.aid.decide',
    'legal.aid.handle',
    'legal.petition.manage',
  ],
};

/** Chinese names of roles. */
export const ROLE_LABEL: Record<Role, string> = {
  worker: '职工',
  grassroots_cadre: '基层工会干部',
  town_cadre: '乡镇(行业)工会干部',
  county_cadre: '县总工会干部',
  county_admin: '县总工会管理员',
  lawyer: '法律援助律师',
  legal_staff: '法律援助中心工作人员',
  judge: '评委（评审专家）',
};

/** Roles that are staff (bound to an organisation). */
export const STAFF_ROLES: Role[] = ['grassroots_cadre', 'town_cadre', 'county_cadre', 'county_admin', 'lawyer', 'legal_staff', 'judge'];

/** The union of the permissions of `roles`. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role] ?? []) set.add(p);
  return [...set];
}
