import type { WorkflowDef } from './engine';

/** States of a membership application (入会申请). */
export type MembershipApplicationState = 'submitted' | 'needs_info' | 'approved' | 'rejected' | 'withdrawn';

/** Actions on a membership application. */
export type MembershipApplicationAction = 'approve' | 'reject' | 'request_info' | 'transfer' | 'resubmit' | 'withdraw';

/** The joining procedure (DOMAIN.md §2): the union reviews, the worker may supplement. */
export const MEMBERSHIP_APPLICATION_WORKFLOW: WorkflowDef<MembershipApplicationState, MembershipApplicationAction> = {
  caseType: 'membership_application',
  label: '入会申请',
  subjectType: 'membership_applications',
  routes: {
    applicant: '/pages/membership/application/index?id={id}',
    staff: '/staff/pages/case/index?type=membership_application&id={id}',
  },
  initial: 'submitted',
  states: {
    submitted: {
      label: '工会审核中',
      tone: 'primary',
      holder: 'staff',
      deadline: 'membershipReview',
      nextStep: '工会将在期限内审核，结果会通过消息通知您',
      staffStep: '核对身份、工作单位和所选工会，材料齐全就批准入会；缺材料请写明要补什么',
    },
    needs_info: {
      label: '待补充材料',
      tone: 'warning',
      holder: 'applicant',
      nextStep: '请按工会的要求补充信息后重新提交',
    },
    approved: { label: '已入会', tone: 'success', terminal: true, holder: 'none', nextStep: '您已成为工会会员，可在“我的”查看电子会员卡' },
    rejected: { label: '未通过', tone: 'danger', terminal: true, holder: 'none', nextStep: '可查看原因；情况变化后可以重新申请' },
    withdrawn: { label: '已撤回', tone: 'default', terminal: true, holder: 'none', nextStep: '申请已撤回，需要时可以重新申请' },
  },
  transitions: {
    approve: {
      from: ['submitted'],
      to: 'approved',
      label: '同意入会',
      actor: 'staff',
      permission: 'membership.review',
      confirm: '确认同意该职工入会？',
    },
    reject: {
      from: ['submitted'],
      to: 'rejected',
      label: '不予通过',
      tone: 'danger',
      actor: 'staff',
      permission: 'membership.review',
      requiresComment: true,
    },
    request_info: {
      from: ['submitted'],
      to: 'needs_info',
      label: '请补充信息',
      actor: 'staff',
      permission: 'membership.review',
      requiresComment: true,
    },
    transfer: {
      from: ['submitted'],
      to: 'submitted',
      label: '转给其他工会',
      actor: 'staff',
      permission: 'membership.review',
      requiresTargetOrganization: true,
      requiresComment: true,
    },
    resubmit: { from: ['needs_info'], to: 'submitted', label: '补充后重新提交', actor: 'applicant' },
    withdraw: {
      from: ['submitted', 'needs_info'],
      to: 'withdrawn',
      label: '撤回申请',
      tone: 'danger',
      actor: 'applicant',
      confirm: '确认撤回入会申请？',
    },
  },
};

/** States of a membership transfer (会籍接转). */
export type MembershipTransferState = 'requested' | 'accepted' | 'declined' | 'cancelled';

/** Actions on a membership transfer. */
export type MembershipTransferAction = 'accept' | 'decline' | 'cancel';

/** "Join once, transfer as you move": the receiving union accepts or declines. */
export const MEMBERSHIP_TRANSFER_WORKFLOW: WorkflowDef<MembershipTransferState, MembershipTransferAction> = {
  caseType: 'membership_transfer',
  label: '会籍接转',
  subjectType: 'membership_transfers',
  routes: { applicant: '/pages/membership/transfer/index?id={id}', staff: '/staff/pages/case/index?type=membership_transfer&id={id}' },
  initial: 'requested',
  states: {
    requested: {
      label: '待接收工会确认',
      tone: 'primary',
      holder: 'staff',
      deadline: 'membershipTransfer',
      nextStep: '接收工会将在期限内确认，期间您的会籍不受影响',
      staffStep: '核对会员的新工作单位，确认接收或写明不能接收的原因',
    },
    accepted: { label: '已转入', tone: 'success', terminal: true, holder: 'none', nextStep: '会籍已转入新的工会，会员卡已更新' },
    declined: { label: '未接收', tone: 'danger', terminal: true, holder: 'none', nextStep: '可查看原因，会籍仍在原工会' },
    cancelled: { label: '已取消', tone: 'default', terminal: true, holder: 'none', nextStep: '会籍仍在原工会' },
  },
  transitions: {
    accept: {
      from: ['requested'],
      to: 'accepted',
      label: '同意接收',
      actor: 'staff',
      permission: 'membership.transfer.review',
      confirm: '确认接收该会员？',
    },
    decline: {
      from: ['requested'],
      to: 'declined',
      label: '不予接收',
      tone: 'danger',
      actor: 'staff',
      permission: 'membership.transfer.review',
      requiresComment: true,
    },
    cancel: { from: ['requested'], to: 'cancelled', label: '取消接转', tone: 'danger', actor: 'applicant' },
  },
};

/** States of a membership (会籍), from joining to leaving. */
export type MembershipState = 'active' | 'withdrawn';

/** Actions on a membership. */
export type MembershipAction = 'withdraw';

/**
 * A membership from approval to leaving (会员有退会的自由): the member withdraws whenever they
 * wish and the card is revoked at once; the union is told. Transfers between unions are cases of
 * their own (membership_transfer) and move the membership's place.
 */
export const MEMBERSHIP_WORKFLOW: WorkflowDef<MembershipState, MembershipAction> = {
  caseType: 'membership',
  label: '会籍',
  subjectType: 'members',
  routes: { applicant: '/pages/membership/card/index?memberId={id}', staff: null },
  // The unions' membership work sees its members' memberships (not to act: leaving is the member's).
  seenWith: ['membership.review'],
  initial: 'active',
  states: {
    active: { label: '在会', tone: 'success', holder: 'none', nextStep: '您是工会会员，可在“我的”查看电子会员卡' },
    withdrawn: {
      label: '已退会',
      tone: 'default',
      terminal: true,
      holder: 'none',
      nextStep: '已退出工会，会员卡已失效；需要时可以重新申请入会',
    },
  },
  transitions: {
    withdraw: {
      from: ['active'],
      to: 'withdrawn',
      label: '退出工会',
      tone: 'danger',
      actor: 'applicant',
      confirm: '确认退出工会？退会后会员卡立即失效。',
    },
  },
};

/** Default step deadlines in working days; each county overrides them in configuration. */
export const DEFAULT_DEADLINE_WORKING_DAYS: Record<string, number> = {
  membershipReview: 15,
  membershipTransfer: 15,
};
