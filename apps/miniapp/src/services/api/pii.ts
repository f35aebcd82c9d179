import type { RevealRequest, RevealResponse } from '@union/shared';
import { http } from '../request';

export const piiApi = {
  reveal: (body: RevealRequest) => http.post<RevealResponse>('/pii/reveal', body),
};
