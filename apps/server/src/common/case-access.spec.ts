import { permissionsOf, type OrganizationLevel, type Role } from '@union/shared';
import type { Actor } from './actor';
import { caseAccess, handledCaseTypes, isOwnCase, mayBeAssigned, mayHandle, staffMayHandleCase, type CaseAccessRow } from './case-access';

/**
 * The access helper on its own: place (the organisation subtree) and function (the case type's
 * permissions, from the real role table), assignment for assigned case types, and the rule that
 * nobody handles their own case as staff.
 */
function actorOf(userId: number, roles: Role[], path: string | null, level: OrganizationLevel = 'grassroots'): Actor {
  return {
    userId,
    displayName: `用户${userId}`,
    roles,
    permissions: permissionsOf(roles),
    organization: path ? { id: Number(path.split('/').filter(Boolean).pop()), path, level } : null,
  } as unknown as Actor;
}

const hardship = (over: Partial<CaseAccessRow> = {}): CaseAccessRow => ({
  caseType: 'hardship_application',
  organizationPath: '/1/2/5/',
  applicantUserId: 100,
  assigneeUserId: null,
  ...over,
});
const legalAid = (over: Partial<CaseAccessRow> = {}): CaseAccessRow => ({ ...hardship(), caseType: 'legal_aid_application', ...over });

const grassrootsCadre = actorOf(1, ['grassroots_cadre'], '/1/2/5/');
const townCadre = actorOf(2, ['town_cadre'], '/1/2/', 'town');
const otherTown = actorOf(3, ['town_cadre'], '/1/3/', 'town');
const countyLawyer = actorOf(4, ['lawyer'], '/1/', 'county');
const legalStaff = actorOf(5, ['legal_staff'], '/1/', 'county');
const worker = actorOf(100, ['worker'], null);

describe('case access (place and function)', () => {
  it('lets staff handle a case in their subtree and of their function; not a sibling subtree, not another function', () => {
    expect(staffMayHandleCase(grassrootsCadre, hardship())).toBe(true);
    expect(staffMayHandleCase(townCadre, hardship())).toBe(true);
    expect(staffMayHandleCase(otherTown, hardship())).toBe(false);
    // A lawyer at the county federation covers the whole tree, but sees legal cases, not hardship households.
    expect(staffMayHandleCase(countyLawyer, hardship())).toBe(false);
    expect(handledCaseTypes(countyLawyer)).not.toContain('hardship_application');
    expect(handledCaseTypes(countyLawyer)).toContain('legal_aid_application');
  });

  it('gives an assigned case to its lawyer only, and to the centre’s staff who supervise', () => {
    expect(staffMayHandleCase(countyLawyer, legalAid())).toBe(false);
    expect(staffMayHandleCase(countyLawyer, legalAid({ assigneeUserId: countyLawyer.userId }))).toBe(true);
    expect(staffMayHandleCase(legalStaff, legalAid())).toBe(true);
  });

  it('answers the applicant’s view to the applicant and nothing to a stranger', () => {
    expect(caseAccess(worker, hardship())).toEqual({ isApplicant: true, permissions: worker.permissions, staffLevel: undefined });
    expect(caseAccess(actorOf(101, ['worker'], null), hardship())).toBeNull();
    expect(caseAccess(otherTown, hardship())).toBeNull();
    expect(caseAccess(townCadre, hardship())).toMatchObject({ isApplicant: false, staffLevel: 'town' });
  });

  it('lets nobody handle their own case as staff: the cadre who applied sees it as the applicant, with no staff level', () => {
    const own = hardship({ applicantUserId: grassrootsCadre.userId });
    expect(isOwnCase(grassrootsCadre, own)).toBe(true);
    expect(caseAccess(grassrootsCadre, own)).toEqual({
      isApplicant: true,
      permissions: grassrootsCadre.permissions,
      staffLevel: undefined,
    });
    // Another cadre of the union, or the level above, handles it.
    expect(caseAccess(townCadre, own)).toMatchObject({ staffLevel: 'town' });
    // A competition is opened by its organiser on purpose: that is not their own case.
    expect(isOwnCase(grassrootsCadre, { ...own, caseType: 'competition' })).toBe(false);
  });

  it('checks a domain record by function and place (a household file), and a lawyer to assign by function and place', () => {
    expect(mayHandle(grassrootsCadre, 'hardship.file.recheck', '/1/2/5/')).toBe(true);
    expect(mayHandle(grassrootsCadre, 'hardship.file.recheck', '/1/2/6/')).toBe(false);
    expect(mayHandle(countyLawyer, 'hardship.file.recheck', '/1/2/5/')).toBe(false);
    expect(
      mayBeAssigned({ roles: ['lawyer'], organizationPath: '/1/' }, { caseType: 'legal_aid_application', organizationPath: '/1/2/' }),
    ).toBe(true);
    expect(
      mayBeAssigned({ roles: ['lawyer'], organizationPath: '/1/3/' }, { caseType: 'legal_aid_application', organizationPath: '/1/2/' }),
    ).toBe(false);
    expect(
      mayBeAssigned(
        { roles: ['grassroots_cadre'], organizationPath: '/1/' },
        { caseType: 'legal_aid_application', organizationPath: '/1/2/' },
      ),
    ).toBe(false);
    expect(
      mayBeAssigned({ roles: ['lawyer'], organizationPath: null }, { caseType: 'legal_aid_application', organizationPath: '/1/2/' }),
    ).toBe(false);
    expect(
      mayBeAssigned({ roles: ['lawyer'], organizationPath: '/1/' }, { caseType: 'hardship_application', organizationPath: '/1/2/' }),
    ).toBe(false);
  });
});
