import type {
  CardVerification,
  CreateMembershipApplicationRequest,
  CreateMembershipTransferRequest,
  MemberCardView,
  MembershipApplicationView,
  MembershipTransferView,
  Page,
} from '@union/shared';
import { http } from '../request';

export const applicationsApi = {
  create: (body: CreateMembershipApplicationRequest) => http.post<MembershipApplicationView>('/membership/applications', body),
  /** The worker's own applications, newest first, a page at a time. */
  mine: (after?: string | null, limit?: number) =>
    http.get<Page<MembershipApplicationView>>('/membership/applications/mine', { after: after ?? undefined, limit }),
  get: (id: number) => http.get<MembershipApplicationView>(`/membership/applications/${id}`),
};

export const transfersApi = {
  create: (body: CreateMembershipTransferRequest) => http.post<MembershipTransferView>('/membership/transfers', body),
  get: (id: number) => http.get<MembershipTransferView>(`/membership/transfers/${id}`),
};

export const cardApi = {
  mine: () => http.get<MemberCardView>('/membership/me'),
  verify: (token: string) => http.get<CardVerification>('/membership/cards/verify', { token }, false),
  withdraw: (reason?: string) => http.post<void>('/membership/withdraw', reason ? { reason } : {}),
};
