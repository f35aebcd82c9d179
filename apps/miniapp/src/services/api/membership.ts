import type {
  CardVerification,
  CreateMembershipApplicationRequest,
  CreateMembershipTransferRequest,
  MemberCardView,
  MembershipApplicationView,
  MembershipTransferView,
} from '@union/shared';
import { http } from '../request';

export const applicationsApi = {
  create: (body: CreateMembershipApplicationRequest) => http.post<MembershipApplicationView>('/membership/applications', body),
  mine: () => http.get<MembershipApplicationView[]>('/membership/applications/mine'),
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
