import { actionsOf, deadlineView, historyEntryView, statesOf } from '../schemas/cases';
import { day, fen, id, instant, keyOf, z, pageOf } from '../schemas/common';
import { uploadView } from '../uploads';
import { PROPOSAL_WORKFLOW } from '../workflow/recognition';
import { PROPOSAL_GRADE_LABEL } from './contracts';

/** An expert who reviews proposals (GET /api/proposals/experts lists those the union can name). */
export const expertView = z.object({ userId: id, name: z.string() });
export const expertList = z.array(expertView);

/** A proposal as its author, its union's staff or its experts see it (the answers' schema). */
export const proposalView = z.object({
  id,
  caseId: id,
  state: statesOf(PROPOSAL_WORKFLOW.states),
  stateLabel: z.string(),
  nextStep: z.string(),
  version: z.int().min(1),
  registeredNo: z.string().nullable(),
  title: z.string(),
  problem: z.string(),
  suggestion: z.string(),
  expectedBenefit: z.string(),
  attachments: z.array(uploadView),
  submitterName: z.string(),
  organizationName: z.string(),
  experts: z.array(expertView),
  opinions: z.array(z.object({ expertName: z.string(), recommend: z.enum(['adopt', 'reject']), opinion: z.string(), at: instant })),
  decisionReason: z.string().nullable(),
  implementedOn: day.nullable(),
  implementationNote: z.string().nullable(),
  benefitFen: fen.nullable(),
  grade: keyOf(PROPOSAL_GRADE_LABEL).nullable(),
  gradeLabel: z.string().nullable(),
  submittedAt: instant,
  deadline: deadlineView.nullable(),
  history: z.array(historyEntryView),
  actions: actionsOf(PROPOSAL_WORKFLOW.transitions),
  awaitingMyOpinion: z.boolean(),
});
export const proposalPage = pageOf(proposalView);

/** GET /api/proposals/statistics */
export const proposalStatistics = z.object({
  from: day,
  to: day,
  submitted: z.int().min(0),
  adopted: z.int().min(0),
  implemented: z.int().min(0),
  benefitFen: fen,
  byGrade: z.array(z.object({ grade: keyOf(PROPOSAL_GRADE_LABEL), gradeLabel: z.string(), count: z.int().min(0) })),
});
