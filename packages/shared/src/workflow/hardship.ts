import type { WorkflowDef } from './engine';

/** States of a hardship application (困难职工帮扶申请), DOMAIN.md §3. */
export type HardshipApplicationState =
  | 'submitted'
  | 'needs_material'
  | 'home_visit'
  | 'democratic_review'
  | 'public_notice'
  | 'town_review'
  | 'county_approval'
  | 'filed'
  | 'rejected'
  | 'withdrawn';

/** Actions on a hardship application. */
export type HardshipApplicationAction =
  | 'pass_initial_review'
  | 'return_for_material'
  | 'resubmit'
  | 'record_home_visit'
  | 'record_democratic_review'
  | 'complete_public_notice'
  | 'pass_town_review'
  | 'approve_and_file'
  | 'reject'
  | 'town_reject'
  | 'county_reject'
  | 'withdraw';

/** Forms that some steps record through their own endpoint. */
export type HardshipForm = 'return_for_material' | 'resubmit' | 'home_visit' | 'democratic_review' | 'filing';

/**
 * The assistance procedure: grassroots review, home visit, democratic review, public notice,
 * town/industry review, county approval and filing. Grassroots steps may also be done by the
 * town union above (for workers whose employer has no union committee); approval only by the county.
 */
export const HARDSHIP_APPLICATION_WORKFLOW: WorkflowDef<HardshipApplicationState, HardshipApplicationAction> = {
  caseType: 'hardship_application',
  label: '困难帮扶',
  subjectType: 'hardship_applications',
  routes: { applicant: '/pages/hardship/application/index?id={id}', staff: '/staff/pages/hardship/index?id={id}' },
  // Hardship work: every cadre of the hardship line in scope sees its cases, whoever acts.
  seenWith: ['hardship.file.view'],
  initial: 'submitted',
  states: {
    submitted: {
      label: '基层工会初审中',
      tone: 'primary',
      holder: 'staff',
      deadline: 'grassrootsReview',
      nextStep: '基层工会将审核您的材料，需要补充时会告诉您缺什么',
      staffStep: '初审材料：家庭成员、收入和证明是否齐全，需要补充的写明缺什么；齐全后安排入户调查',
    },
    needs_material: {
      label: '待补充材料',
      tone: 'warning',
      holder: 'applicant',
      nextStep: '请按工会列出的清单补充材料后重新提交',
    },
    home_visit: {
      label: '入户调查中',
      tone: 'primary',
      holder: 'staff',
      deadline: 'homeVisit',
      nextStep: '工会干部将上门了解家庭情况，请保持电话畅通',
      staffStep: '两名干部上门核实家庭情况，拍照留存，填写入户调查表',
    },
    democratic_review: {
      label: '民主评议中',
      tone: 'primary',
      holder: 'staff',
      deadline: 'democraticReview',
      nextStep: '工会将组织职工代表进行民主评议',
      staffStep: '组织职工代表民主评议，记录到会人数和表决结果',
    },
    public_notice: {
      label: '公示中',
      tone: 'primary',
      holder: 'staff',
      nextStep: '评议结果正在公示（姓名、身份证号已遮挡，不公开病情），公示期满且无异议后报上级审核',
      staffStep: '公示五个工作日；收到异议要核实处理，公示期满且异议处理完后报上级审核',
      allows: ['objections'],
    },
    town_review: {
      label: '乡镇(行业)工会审核中',
      tone: 'primary',
      holder: 'staff',
      deadline: 'townReview',
      nextStep: '乡镇(街道)或行业工会正在审核',
      staffStep: '审核基层工会的调查、评议和公示材料，同意后报县总工会审批',
    },
    county_approval: {
      label: '县总工会审批中',
      tone: 'primary',
      holder: 'staff',
      deadline: 'countyApproval',
      nextStep: '县总工会帮扶中心正在审批，通过后为您家庭建立困难档案',
      staffStep: '按帮扶标准审批、确定困难类别，批准后建立困难档案',
    },
    filed: {
      label: '已建档',
      tone: 'success',
      terminal: true,
      holder: 'none',
      nextStep: '您家庭已建立困难职工档案，帮扶款物发放后请在小程序里签收',
    },
    rejected: { label: '未通过', tone: 'danger', terminal: true, holder: 'none', nextStep: '可查看原因；家庭情况变化后可以重新申请' },
    withdrawn: { label: '已撤回', tone: 'default', terminal: true, holder: 'none', nextStep: '申请已撤回，需要时可以重新申请' },
  },
  transitions: {
    pass_initial_review: {
      from: ['submitted'],
      to: 'home_visit',
      label: '初审通过，安排入户',
      actor: 'staff',
      permission: 'hardship.review.grassroots',
      levels: ['grassroots', 'town'],
      confirm: '材料齐全，进入入户调查？',
    },
    return_for_material: {
      from: ['submitted'],
      to: 'needs_material',
      label: '退回补正',
      actor: 'staff',
      permission: 'hardship.review.grassroots',
      levels: ['grassroots', 'town'],
      requiresComment: true,
      form: 'return_for_material',
    },
    resubmit: { from: ['needs_material'], to: 'submitted', label: '补充后重新提交', actor: 'applicant', form: 'resubmit' },
    record_home_visit: {
      from: ['home_visit'],
      to: 'democratic_review',
      label: '填写入户调查',
      actor: 'staff',
      permission: 'hardship.review.grassroots',
      levels: ['grassroots', 'town'],
      form: 'home_visit',
    },
    record_democratic_review: {
      from: ['democratic_review'],
      to: 'public_notice',
      label: '填写民主评议并公示',
      actor: 'staff',
      permission: 'hardship.review.grassroots',
      levels: ['grassroots', 'town'],
      form: 'democratic_review',
    },
    complete_public_notice: {
      from: ['public_notice'],
      to: 'town_review',
      label: '公示结束，报上级审核',
      actor: 'staff',
      permission: 'hardship.review.grassroots',
      levels: ['grassroots', 'town'],
      confirm: '公示期已满且异议都已处理，报乡镇(行业)工会审核？',
    },
    pass_town_review: {
      from: ['town_review'],
      to: 'county_approval',
      label: '审核通过，报县总工会',
      actor: 'staff',
      permission: 'hardship.review.town',
      levels: ['town'],
      confirm: '审核通过并报县总工会审批？',
    },
    approve_and_file: {
      from: ['county_approval'],
      to: 'filed',
      label: '批准并建档',
      actor: 'staff',
      permission: 'hardship.approve',
      levels: ['county'],
      form: 'filing',
    },
    reject: {
      from: ['submitted', 'home_visit', 'democratic_review', 'public_notice'],
      to: 'rejected',
      label: '不予通过',
      tone: 'danger',
      actor: 'staff',
      permission: 'hardship.review.grassroots',
      levels: ['grassroots', 'town'],
      requiresComment: true,
    },
    town_reject: {
      from: ['town_review'],
      to: 'rejected',
      label: '不予通过',
      tone: 'danger',
      actor: 'staff',
      permission: 'hardship.review.town',
      levels: ['town'],
      requiresComment: true,
    },
    county_reject: {
      from: ['county_approval'],
      to: 'rejected',
      label: '不予批准',
      tone: 'danger',
      actor: 'staff',
      permission: 'hardship.approve',
      levels: ['county'],
      requiresComment: true,
    },
    withdraw: {
      from: ['submitted', 'needs_material'],
      to: 'withdrawn',
      label: '撤回申请',
      tone: 'danger',
      actor: 'applicant',
      confirm: '确认撤回困难帮扶申请？',
    },
  },
};

/** States of an assistance record (帮扶记录): approved, paid by real name, signed for. */
export type AssistanceRecordState = 'approved' | 'paid' | 'signed' | 'cancelled';

/** Actions on an assistance record. */
export type AssistanceRecordAction = 'pay' | 'sign' | 'record_signed_form' | 'cancel';

/** Real-name approval, payment and receipt (实名审批、实名发放、实名签收). */
export const ASSISTANCE_RECORD_WORKFLOW: WorkflowDef<AssistanceRecordState, AssistanceRecordAction> = {
  caseType: 'assistance_record',
  label: '帮扶发放',
  subjectType: 'hardship_assistance_records',
  routes: { applicant: null, staff: '/staff/pages/aid/index?id={id}' },
  // Hardship work: every cadre of the hardship line in scope sees its cases, whoever acts.
  seenWith: ['hardship.file.view'],
  initial: 'approved',
  states: {
    approved: {
      label: '待发放',
      tone: 'primary',
      holder: 'staff',
      deadline: 'aidPayment',
      nextStep: '帮扶已批准，县总工会将按实名发放到您的账户',
      staffStep: '按实名把帮扶发放到职工账户，登记银行流水号',
    },
    paid: { label: '待签收', tone: 'warning', holder: 'applicant', nextStep: '已发放，请核对后在小程序里确认签收' },
    signed: { label: '已签收', tone: 'success', terminal: true, holder: 'none', nextStep: '已签收，感谢您的确认' },
    cancelled: { label: '已撤销', tone: 'default', terminal: true, holder: 'none', nextStep: '这笔帮扶已撤销，可查看原因' },
  },
  transitions: {
    pay: {
      from: ['approved'],
      to: 'paid',
      label: '登记发放',
      actor: 'staff',
      permission: 'hardship.aid.pay',
      levels: ['county'],
      form: 'payment',
    },
    sign: { from: ['paid'], to: 'signed', label: '确认签收', actor: 'applicant', confirm: '确认已收到这笔帮扶？' },
    record_signed_form: {
      from: ['paid'],
      to: 'signed',
      label: '上传签收单',
      actor: 'staff',
      permission: 'hardship.aid.pay',
      form: 'signed_form',
    },
    cancel: {
      from: ['approved'],
      to: 'cancelled',
      label: '撤销',
      tone: 'danger',
      actor: 'staff',
      permission: 'hardship.aid.pay',
      levels: ['county'],
      requiresComment: true,
    },
  },
};

/** States of a household file (困难档案, 一户一档) after filing. */
export type HardshipFileState = 'active' | 'exited' | 'closed';

/** Actions on a household file: the yearly re-check's outcomes, closing, and the follow-up call after it. */
export type HardshipFileAction = 'keep' | 'change_category' | 'close' | 'follow_up';

/**
 * A filed household's life (动态管理, DOMAIN.md §9): re-checked every year (kept, or moved to another
 * category), closed with a reason the worker is told, and called about three months after it closed.
 * Each step is the re-check form (one endpoint); its due instant (the next re-check, the follow-up)
 * comes from the county's rules.
 */
export const HARDSHIP_FILE_WORKFLOW: WorkflowDef<HardshipFileState, HardshipFileAction> = {
  caseType: 'hardship_file',
  label: '困难档案',
  subjectType: 'hardship_files',
  routes: { applicant: '/pages/hardship/file/index?id={id}', staff: '/staff/pages/aid/index?fileId={id}' },
  seenWith: ['hardship.file.view'],
  initial: 'active',
  states: {
    active: {
      label: '在档',
      tone: 'success',
      holder: 'staff',
      nextStep: '档案在管，工会每年上门复核一次；家里情况有变化请告诉工会',
      staffStep: '每年复核一次：入户或电话了解家庭收入和困难情况，维持、调整类别或关闭档案',
    },
    exited: {
      label: '已关闭，待回访',
      tone: 'default',
      holder: 'staff',
      nextStep: '档案已关闭；家庭再遇困难时可以重新申请',
      staffStep: '档案关闭约三个月后打电话回访这户，了解近况并记录',
    },
    closed: { label: '已关闭', tone: 'default', terminal: true, holder: 'none', nextStep: '档案已关闭；家庭再遇困难时可以重新申请' },
  },
  transitions: {
    keep: {
      from: ['active'],
      to: 'active',
      label: '复核：维持',
      actor: 'staff',
      permission: 'hardship.file.recheck',
      requiresComment: true,
      form: 'file_recheck',
    },
    change_category: {
      from: ['active'],
      to: 'active',
      label: '复核：调整类别',
      actor: 'staff',
      permission: 'hardship.file.recheck',
      requiresComment: true,
      form: 'file_recheck',
    },
    close: {
      from: ['active'],
      to: 'exited',
      label: '关闭档案',
      actor: 'staff',
      permission: 'hardship.file.recheck',
      requiresComment: true,
      form: 'file_recheck',
    },
    follow_up: {
      from: ['exited'],
      to: 'closed',
      label: '记录回访',
      actor: 'staff',
      permission: 'hardship.file.recheck',
      requiresComment: true,
      form: 'file_recheck',
    },
  },
};

/** States of a 金秋助学 grant application (one per student). */
export type GrantApplicationState = 'submitted' | 'approved' | 'rejected' | 'withdrawn';

/** Actions on a grant application. */
export type GrantApplicationAction = 'approve' | 'reject' | 'withdraw';

/** A campaign grant (金秋助学): the worker applies per student, the county checks and approves; payment is an aid record. */
export const GRANT_APPLICATION_WORKFLOW: WorkflowDef<GrantApplicationState, GrantApplicationAction> = {
  caseType: 'grant_application',
  label: '金秋助学',
  subjectType: 'hardship_grant_applications',
  routes: { applicant: '/pages/hardship/grant/index?id={id}', staff: '/staff/pages/grant/index?id={id}' },
  // Hardship work: every cadre of the hardship line in scope sees its cases, whoever acts.
  seenWith: ['hardship.file.view'],
  initial: 'submitted',
  states: {
    submitted: {
      label: '审核中',
      tone: 'primary',
      holder: 'staff',
      deadline: 'grantReview',
      nextStep: '县总工会将核对录取通知书和档案，通过后按实名发放',
      staffStep: '核对录取通知书、困难档案和本次活动的标准，批准或写明不批的原因',
    },
    approved: { label: '已批准', tone: 'success', terminal: true, holder: 'none', nextStep: '助学金已批准，发放后请在“困难档案”里签收' },
    rejected: { label: '未通过', tone: 'danger', terminal: true, holder: 'none', nextStep: '可查看原因' },
    withdrawn: { label: '已撤回', tone: 'default', terminal: true, holder: 'none', nextStep: '申请已撤回' },
  },
  transitions: {
    approve: {
      from: ['submitted'],
      to: 'approved',
      label: '批准助学金',
      actor: 'staff',
      permission: 'hardship.aid.pay',
      levels: ['county'],
      confirm: '核对无误，批准这笔助学金？',
    },
    reject: {
      from: ['submitted'],
      to: 'rejected',
      label: '不予批准',
      tone: 'danger',
      actor: 'staff',
      permission: 'hardship.aid.pay',
      levels: ['county'],
      requiresComment: true,
    },
    withdraw: { from: ['submitted'], to: 'withdrawn', label: '撤回申请', tone: 'danger', actor: 'applicant' },
  },
};
