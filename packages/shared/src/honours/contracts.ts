import type { ActionView, DeadlineView, HistoryEntryView } from '../contracts';
import type { z } from '../schemas/common';
import type { UploadView } from '../uploads';
import type { createHonourKindBody, createNominationBody, modelWorkerRecordBody } from './schemas';
import type { NominationAction, NominationState } from '../workflow/recognition';

/** Who an honour goes to. */
export type NomineeType = 'person' | 'team' | 'organization';

/** Chinese names of the nominee types. */
export const NOMINEE_TYPE_LABEL: Record<NomineeType, string> = { person: '个人', team: '集体（班组）', organization: '基层工会' };

/** The honours every county has (more can be added by the county). */
export const BUILT_IN_HONOURS: { code: string; name: string; nomineeType: NomineeType }[] = [
  { code: 'vanguard', name: '工人先锋号', nomineeType: 'team' },
  { code: 'model_worker', name: '劳动模范', nomineeType: 'person' },
  { code: 'advanced_union', name: '先进基层工会组织', nomineeType: 'organization' },
  { code: 'model_home', name: '模范职工之家', nomineeType: 'organization' },
];

/** An honour that can be nominated for. */
export interface HonourKindView {
  id: number;
  code: string;
  name: string;
  nomineeType: NomineeType;
}

/** POST /api/honours/kinds */
export type CreateHonourKindRequest = z.output<typeof createHonourKindBody>;

/** POST /api/honours/nominations */
export type CreateNominationRequest = z.output<typeof createNominationBody>;

/** A nomination as the nominating union and the county see it. */
export interface NominationView {
  id: number;
  /** The case (workflow_cases.id): what /api/cases/:id answers for. */
  caseId: number;
  state: NominationState;
  stateLabel: string;
  version: number;
  kindName: string;
  nomineeType: NomineeType;
  nomineeName: string;
  employerName: string;
  deeds: string;
  year: number;
  /** Materials attached to the nomination. */
  materials: UploadView[];
  nominatedByName: string;
  /** Set when the employer is excluded (the county cannot put it on notice). */
  excludedReason: string | null;
  noticeEndsAt: string | null;
  openObjections: number;
  /** Objections to the notice (the county's staff only). */
  objections: { id: number; content: string; resolution: string | null }[];
  rejectReason: string | null;
  revokedReason: string | null;
  deadline: DeadlineView | null;
  history: HistoryEntryView[];
  actions: ActionView<NominationAction>[];
}

/** One line of the public honour roll (awarded, and revoked with the reason). */
export interface HonourRollLine {
  id: number;
  kindName: string;
  nomineeName: string;
  employerName: string;
  year: number;
  revokedReason: string | null;
}

/** Kinds of record kept for a model worker. */
export type ModelWorkerRecordKind = 'health_check' | 'care_visit' | 'support';

/** Chinese names of the record kinds. */
export const MODEL_WORKER_RECORD_LABEL: Record<ModelWorkerRecordKind, string> = {
  health_check: '健康体检',
  care_visit: '走访慰问',
  support: '帮扶补助',
};

/** POST /api/honours/model-workers/:id/records */
export type ModelWorkerRecordRequest = z.output<typeof modelWorkerRecordBody>;

/** A model worker in the registry, with the care records of recent years. */
export interface ModelWorkerView {
  id: number;
  name: string;
  employerName: string;
  title: string;
  awardedYear: number;
  records: {
    id: number;
    kind: ModelWorkerRecordKind;
    kindLabel: string;
    date: string;
    /** The note; a health check's is masked (`sensitive`) and read through the audited reveal. */
    note: string;
    sensitive: boolean;
    amountFen: number | null;
    recordedByName: string;
  }[];
  /** The health check of this year is missing. */
  healthCheckDue: boolean;
}

/** GET /api/honours/statistics */
export interface HonourStatistics {
  from: string;
  to: string;
  awarded: { kindName: string; count: number }[];
  revoked: number;
  modelWorkers: number;
  healthChecks: number;
  careVisits: number;
  supportFen: number;
}

/** A nomination on public notice, as every signed-in worker sees it (to object if they know better). */
export interface NominationNoticeView {
  id: number;
  kindName: string;
  nomineeName: string;
  employerName: string;
  deeds: string;
  noticeEndsAt: string;
}
