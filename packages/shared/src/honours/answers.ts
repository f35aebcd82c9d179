import { actionsOf, deadlineView, historyEntryView, statesOf } from '../schemas/cases';
import { id, instant, keyOf, z, pageOf } from '../schemas/common';
import { uploadView } from '../uploads';
import { NOMINATION_WORKFLOW } from '../workflow/recognition';
import { NOMINEE_TYPE_LABEL } from './contracts';

/** A nomination as the nominating union and the county see it (the answers' schema). */
export const nominationView = z.object({
  id,
  caseId: id,
  state: statesOf(NOMINATION_WORKFLOW.states),
  stateLabel: z.string(),
  version: z.int().min(1),
  kindName: z.string(),
  nomineeType: keyOf(NOMINEE_TYPE_LABEL),
  nomineeName: z.string(),
  employerName: z.string(),
  deeds: z.string(),
  year: z.int(),
  materials: z.array(uploadView),
  nominatedByName: z.string(),
  excludedReason: z.string().nullable(),
  noticeEndsAt: instant.nullable(),
  openObjections: z.int().min(0),
  objections: z.array(z.object({ id, content: z.string(), resolution: z.string().nullable() })),
  rejectReason: z.string().nullable(),
  revokedReason: z.string().nullable(),
  deadline: deadlineView.nullable(),
  history: z.array(historyEntryView),
  actions: actionsOf(NOMINATION_WORKFLOW.transitions),
});
export const nominationPage = pageOf(nominationView);
