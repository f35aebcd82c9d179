import { handlesCaseType, permissionsOf, WORKFLOWS, type ActorContext, type Permission, type Role } from '@union/shared';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder, type WhereExpressionBuilder } from 'typeorm';
import { actorCovers, type Actor } from './actor';

// Organisation paths are digits and slashes (`/1/4/9/`), so they need no LIKE escaping.

/**
 * Row-level access in one place: place (the actor's organisation subtree) **and** function (a
 * permission of the case type, or of the record's domain), with assignment for assigned case types
 * and the rule that nobody handles their own case as staff. Every service asks here instead of
 * writing its own path filter or role-name check; a record this denies answers 404.
 */

/** What a row-level check needs of a case. */
export interface CaseAccessRow {
  caseType: string;
  organizationPath: string;
  applicantUserId: number;
  assigneeUserId: number | null;
}

/** True when the actor holds `permission` and their subtree covers the place: a record of that domain (a household file, a model worker). */
export function mayHandle(actor: Actor, permission: Permission | readonly Permission[], organizationPath: string): boolean {
  const wanted = typeof permission === 'string' ? [permission] : permission;
  return actorCovers(actor, organizationPath) && wanted.some((p) => actor.permissions.includes(p));
}

/** True when the actor may handle this case as staff: place, function and assignment (not yet the own-case rule). */
export function staffMayHandleCase(actor: Actor, kase: CaseAccessRow): boolean {
  const def = WORKFLOWS[kase.caseType];
  if (!def || !actorCovers(actor, kase.organizationPath) || !handlesCaseType(def, actor.permissions)) return false;
  const assignment = def.assignment;
  return !assignment || kase.assigneeUserId === actor.userId || actor.permissions.includes(assignment.supervisor);
}

/** True when the actor is the applicant and the case type forbids handling one's own case as staff. */
export function isOwnCase(actor: Actor, kase: CaseAccessRow): boolean {
  return kase.applicantUserId === actor.userId && !WORKFLOWS[kase.caseType]?.openedByStaff;
}

/**
 * The actor's relation to a case, or null when they may not see it. An applicant who is also staff
 * in scope gets the applicant's view only (no staff level, so no staff actions).
 */
export function caseAccess(actor: Actor, kase: CaseAccessRow): ActorContext | null {
  const isApplicant = kase.applicantUserId === actor.userId;
  const staff = staffMayHandleCase(actor, kase);
  if (!isApplicant && !staff) return null;
  const staffLevel = staff && !isOwnCase(actor, kase) ? actor.organization?.level : undefined;
  return { isApplicant, permissions: actor.permissions, staffLevel };
}

/** The case types whose cases the actor handles as staff somewhere (by function). */
export function handledCaseTypes(actor: Actor): string[] {
  return Object.values(WORKFLOWS)
    .filter((def) => handlesCaseType(def, actor.permissions))
    .map((def) => def.caseType);
}

/**
 * Restrict a query over `workflow_cases` (alias `c`) to the cases the actor handles as staff:
 * their subtree, case types of their function, assignment, and not their own cases.
 * `caseTypes` narrows further (e.g. the list of one domain). Adds `1 = 0` when nothing is left.
 */
export function whereStaffHandles<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  actor: Actor,
  caseTypes?: readonly string[],
  alias = 'c',
): SelectQueryBuilder<T> {
  return qb.andWhere(staffHandles(actor, caseTypes, alias));
}

/** The condition of {@link whereStaffHandles}, for use inside an `OR` (public rows or the staff's own scope). */
export function staffHandles(actor: Actor, caseTypes?: readonly string[], alias = 'c'): Brackets {
  const types = handledCaseTypes(actor).filter((t) => !caseTypes || caseTypes.includes(t));
  return new Brackets((outer: WhereExpressionBuilder) => {
    if (!actor.organization || types.length === 0) {
      outer.where('1 = 0');
      return;
    }
    outer.where(`${alias}.organizationPath LIKE :accessPath`, { accessPath: `${actor.organization.path}%` });
    outer.andWhere(
      new Brackets((w: WhereExpressionBuilder) => {
        types.forEach((type, i) => {
          const def = WORKFLOWS[type];
          const assigned =
            def.assignment && !actor.permissions.includes(def.assignment.supervisor) ? ` AND ${alias}.assigneeUserId = :accessMe` : '';
          const notOwn = def.openedByStaff ? '' : ` AND ${alias}.applicantUserId <> :accessMe`;
          w.orWhere(`(${alias}.caseType = :accessType${i}${assigned}${notOwn})`, { [`accessType${i}`]: type, accessMe: actor.userId });
        });
      }),
    );
  });
}

/**
 * The access rule of {@link staffHandles} for the staff's queue rows (`case_queue`, alias `q`) of one
 * case type: the actor's organisation as an equality (a row per organisation on the case's path),
 * assignment and not their own case. Null when the actor does not handle the type as staff.
 */
export function staffHandlesQueued(actor: Actor, caseType: string, alias = 'q'): QueuedAccess | null {
  const def = WORKFLOWS[caseType];
  if (!actor.organization || !def || !handlesCaseType(def, actor.permissions)) return null;
  const onlyAssigned = !!def.assignment && !actor.permissions.includes(def.assignment.supervisor);
  const assigned = onlyAssigned ? ` AND ${alias}.assigneeUserId = :accessMe` : '';
  const notOwn = def.openedByStaff ? '' : ` AND ${alias}.applicantUserId <> :accessMe`;
  return {
    where: `${alias}.organizationId = :accessOrg AND ${alias}.caseType = :accessType${assigned}${notOwn}`,
    params: { accessOrg: actor.organization.id, accessType: caseType, accessMe: actor.userId },
    organizationId: actor.organization.id,
    caseType,
    actorUserId: actor.userId,
    onlyAssigned,
    ownLeftOut: !def.openedByStaff,
  };
}

/** The access rule of one case type over the staff's queue rows, as a condition and as its parts (for the queues' counts). */
export interface QueuedAccess {
  where: string;
  params: Record<string, unknown>;
  organizationId: number;
  caseType: string;
  actorUserId: number;
  /** Only the cases assigned to the actor (a lawyer without the supervisor's function). */
  onlyAssigned: boolean;
  /** The actor's own cases are left out (nobody handles their own case as staff). */
  ownLeftOut: boolean;
}

/**
 * Restrict a query over a domain table with an organisation path column to the actor's subtree,
 * when they hold one of `permissions` (their function); `1 = 0` otherwise.
 */
export function whereInScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  actor: Actor,
  permission: Permission | readonly Permission[],
  pathColumn: string,
): SelectQueryBuilder<T> {
  const wanted = typeof permission === 'string' ? [permission] : permission;
  if (!actor.organization || !wanted.some((p) => actor.permissions.includes(p))) return qb.andWhere('1 = 0');
  return qb.andWhere(`${pathColumn} LIKE :scopePath`, { scopePath: `${actor.organization.path}%` });
}

/**
 * Restrict a query to the subtree of `organizationPath` (aggregate figures of a part of the tree the
 * caller has checked the actor covers).
 */
export function whereUnder<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  pathColumn: string,
  organizationPath: string,
): SelectQueryBuilder<T> {
  return qb.andWhere(subtree(pathColumn, organizationPath));
}

/** The condition of {@link whereUnder}: `pathColumn` lies in the subtree of `organizationPath`. */
export function subtree(pathColumn: string, organizationPath: string): Brackets {
  return new Brackets((w: WhereExpressionBuilder) => {
    w.where(`${pathColumn} LIKE :underPath`, { underPath: `${organizationPath}%` });
  });
}

/** A staff member as a candidate for a function (a lawyer to assign, a judge to name). */
export interface StaffCandidate {
  roles: readonly Role[];
  /** Their organisation's path; null for a user who is not staff. */
  organizationPath: string | null;
}

/** True when a staff member holds `permission` by their roles (users without an organisation hold no staff function). */
export function staffHolds(candidate: StaffCandidate, permission: Permission): boolean {
  return candidate.organizationPath !== null && permissionsOf(candidate.roles).includes(permission);
}

/**
 * True when a case of an assigned type may be given to this staff member: they hold the type's
 * assignee function and their organisation contains the case's (or they could not see it).
 */
export function mayBeAssigned(candidate: StaffCandidate, kase: { caseType: string; organizationPath: string }): boolean {
  const assignee = WORKFLOWS[kase.caseType]?.assignment?.assignee;
  return (
    !!assignee &&
    staffHolds(candidate, assignee) &&
    candidate.organizationPath !== null &&
    kase.organizationPath.startsWith(candidate.organizationPath)
  );
}
