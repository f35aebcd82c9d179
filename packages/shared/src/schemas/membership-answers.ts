import { EMPLOYMENT_TYPE_LABEL } from '../contracts';
import { MEMBERSHIP_APPLICATION_WORKFLOW, MEMBERSHIP_TRANSFER_WORKFLOW } from '../workflow/membership';
import { actionsOf, deadlineView, historyEntryView, statesOf } from './cases';
import { id, instant, keyOf, pageOf, z } from './common';
import { organizationView } from './organizations';

/**
 * The membership answers as schemas: the OpenAPI document shows them and, under the tests, every
 * answer of these routes is parsed by them. The interfaces in contracts.ts stay the types the code
 * uses; `test/answer-schemas.test.ts` proves each schema and its interface are the same type.
 */

/** A membership application as its applicant or a permitted cadre sees it (ID number and phone masked). */
export const membershipApplicationView = z.object({
  id,
  caseId: id,
  state: statesOf(MEMBERSHIP_APPLICATION_WORKFLOW.states),
  stateLabel: z.string(),
  nextStep: z.string(),
  version: z.int().min(1),
  realName: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  employerName: z.string(),
  employmentType: keyOf(EMPLOYMENT_TYPE_LABEL),
  hideFromEmployer: z.boolean(),
  organization: organizationView,
  submittedAt: instant,
  deadline: deadlineView.nullable(),
  history: z.array(historyEntryView),
  lastReviewerComment: z.string().nullable(),
  actions: actionsOf(MEMBERSHIP_APPLICATION_WORKFLOW.transitions),
});
/** GET /api/membership/applications/mine: the worker's own applications, newest first. */
export const membershipApplicationPage = pageOf(membershipApplicationView);

/** The member's own card, with the short-lived signed token its QR code carries. */
export const memberCardView = z.object({
  memberId: id,
  memberNo: z.string(),
  realName: z.string(),
  idNumberMasked: z.string(),
  organization: organizationView,
  joinedAt: instant,
  status: z.enum(['active', 'withdrawn']),
  cardToken: z.string(),
  cardTokenExpiresAt: instant,
  qrDataUrl: z.string().startsWith('data:image/png;base64,'),
  pendingTransferId: id.nullable(),
});

/** A transfer of membership (会籍接转) as its member or the receiving union sees it. */
export const membershipTransferView = z.object({
  id,
  caseId: id,
  state: statesOf(MEMBERSHIP_TRANSFER_WORKFLOW.states),
  stateLabel: z.string(),
  nextStep: z.string(),
  version: z.int().min(1),
  memberNo: z.string(),
  realName: z.string(),
  fromOrganization: organizationView,
  toOrganization: organizationView,
  newEmployerName: z.string(),
  reason: z.string().nullable(),
  requestedAt: instant,
  deadline: deadlineView.nullable(),
  history: z.array(historyEntryView),
  actions: actionsOf(MEMBERSHIP_TRANSFER_WORKFLOW.transitions),
});

/** GET /api/membership/cards/verify (public): what a scanned card says; who it is only for a card that exists. */
export const cardVerification = z.object({
  result: z.enum(['valid', 'expired', 'revoked', 'invalid']),
  resultLabel: z.string(),
  memberNo: z.string().optional(),
  realNameMasked: z.string().optional(),
  organizationName: z.string().optional(),
});
