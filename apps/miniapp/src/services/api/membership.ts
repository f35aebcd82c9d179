import type {
  ActionView,
  CardVerification,
  CreateMembershipApplicationRequest,
  CreateMembershipTransferRequest,
  MemberCardView,
  MembershipApplicationAction,
  MembershipApplicationView,
  MembershipTransferAction,
  MembershipTransferView,
} from '@union/shared';
import { http } from '../request';

export const applicationsApi = {
  create: (body: CreateMembershipApplicationRequest) => http.post<MembershipApplicationView>('/membership/applications', body),
  mine: () => http.get<MembershipApplicationView[]>('/membership/applications/mine'),
  get: (id: number) => http.get<MembershipApplicationView>(`/membership/applications/${id}`),
  actions: (id: number) => http.get<ActionView<MembershipApplicationAction>[]>(`/membership/applications/${id}/actions`),
};

export const transfersApi = {
  create: (body: CreateMembershipTransferRequest) => http.post<MembershipTransferView>('/membership/transfers', body),
  get: (id: number) => http.get<MembershipTransferView>(`/membership/transfers/${id}`),
  actions: (id: number) => http.get<ActionView<MembershipTransferAction>[]>(`/membership/transfers/${id}/actions`),
};

export const cardApi = {
  mine: () => http.get<MemberCardView>('/membership/me'),
  verify: (token: string) => http.get<CardVerification>('/membership/cards/verify', { token }, false),
  withdraw: (reason?: string) => http.post<void>('/membership/withdraw', reason ? { reason } : {}),
};
