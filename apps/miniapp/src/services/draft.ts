import Taro from '@tarojs/taro';
import type { EmploymentType } from '@union/shared';

const KEY = 'union.membershipDraft';

/** What the apply form keeps between visits. The ID number is never stored: it is sensitive. */
export interface MembershipDraft {
  step: number;
  realName: string;
  phone: string;
  employerName: string;
  employmentType: EmploymentType | '';
  organizationId: number | null;
  organizationName: string;
  hideFromEmployer: boolean;
}

export const EMPTY_DRAFT: MembershipDraft = {
  step: 0,
  realName: '',
  phone: '',
  employerName: '',
  employmentType: '',
  organizationId: null,
  organizationName: '',
  hideFromEmployer: false,
};

export function loadDraft(): MembershipDraft {
  const stored = Taro.getStorageSync(KEY) as Partial<MembershipDraft> | '';
  return { ...EMPTY_DRAFT, ...(stored && typeof stored === 'object' ? stored : {}) };
}

export function saveDraft(draft: MembershipDraft): void {
  // Copy field by field so nothing else (an ID number) can slip into storage.
  const safe: MembershipDraft = {
    step: draft.step,
    realName: draft.realName,
    phone: draft.phone,
    employerName: draft.employerName,
    employmentType: draft.employmentType,
    organizationId: draft.organizationId,
    organizationName: draft.organizationName,
    hideFromEmployer: draft.hideFromEmployer,
  };
  Taro.setStorageSync(KEY, safe);
}

export function clearDraft(): void {
  Taro.removeStorageSync(KEY);
}
