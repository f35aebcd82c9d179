import type { ConsentKind, MeView } from '@union/shared';
import { http } from '../request';

export const meApi = {
  get: () => http.get<MeView>('/me'),
  recordConsent: (kind: ConsentKind, version: string) => http.post<MeView>('/me/consents', { kind, version }),
};
