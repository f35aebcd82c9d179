import type { ActionView, DeadlineView, HistoryEntryView } from '../contracts';
import type { z } from '../schemas/common';
import type { UploadView } from '../uploads';
import type { createProposalBody } from './schemas';
import type { ProposalAction, ProposalState } from '../workflow/recognition';

/** Grades of an implemented proposal (合理化建议评级). */
export type ProposalGrade = 'special' | 'first' | 'second' | 'third' | 'encouragement';

/** Chinese names of the grades. */
export const PROPOSAL_GRADE_LABEL: Record<ProposalGrade, string> = {
  special: '特等奖',
  first: '一等奖',
  second: '二等奖',
  third: '三等奖',
  encouragement: '鼓励奖',
};

/** Step deadlines of a proposal in working days (register; expert review). */
export const PROPOSAL_DEADLINES = { proposalRegister: 10, proposalReview: 20 } as const;

/** POST /api/proposals */
export type CreateProposalRequest = z.output<typeof createProposalBody>;

/** An expert's opinion. */
export interface ExpertOpinionView {
  expertName: string;
  recommend: 'adopt' | 'reject';
  opinion: string;
  at: string;
}

/** An expert who reviews proposals (staff holding proposal.review). */
export interface ExpertView {
  userId: number;
  name: string;
}

/** A proposal as its author, its union's staff or its experts see it. */
export interface ProposalView {
  id: number;
  /** The case (workflow_cases.id): what /api/cases/:id answers for. */
  caseId: number;
  state: ProposalState;
  stateLabel: string;
  nextStep: string;
  version: number;
  registeredNo: string | null;
  title: string;
  problem: string;
  suggestion: string;
  expectedBenefit: string;
  attachments: UploadView[];
  submitterName: string;
  organizationName: string;
  experts: ExpertView[];
  opinions: ExpertOpinionView[];
  decisionReason: string | null;
  implementedOn: string | null;
  implementationNote: string | null;
  benefitFen: number | null;
  grade: ProposalGrade | null;
  gradeLabel: string | null;
  submittedAt: string;
  deadline: DeadlineView | null;
  history: HistoryEntryView[];
  actions: ActionView<ProposalAction>[];
  /** The viewer is an expert of this proposal who has not given an opinion yet. */
  awaitingMyOpinion: boolean;
}

/** GET /api/proposals/statistics */
export interface ProposalStatistics {
  from: string;
  to: string;
  submitted: number;
  adopted: number;
  implemented: number;
  /** Evaluated benefit of proposals evaluated in the period, fen. */
  benefitFen: number;
  byGrade: { grade: ProposalGrade; gradeLabel: string; count: number }[];
}
