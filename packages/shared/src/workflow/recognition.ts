import type { WorkflowDef } from './engine';

/** States of a competition (劳动竞赛、技能比武 …), DOMAIN.md §5. */
export type CompetitionState = 'draft' | 'open' | 'running' | 'checking' | 'public_notice' | 'published' | 'cancelled';

/** Actions on a competition. */
export type CompetitionAction =
  'open_registration' | 'close_registration' | 'compute_results' | 'back_to_scoring' | 'start_notice' | 'publish' | 'cancel';

/**
 * A competition: set up, registration open, running (check-in and scoring), results computed and
 * checked (excluded employers), public notice with objections, published. Nothing is published
 * before its checks and notice.
 */
export const COMPETITION_WORKFLOW: WorkflowDef<CompetitionState, CompetitionAction> = {
  caseType: 'competition',
  label: '劳动竞赛',
  subjectType: 'competitions',
  routes: { applicant: '/pages/contest/competition/index?id={id}', staff: '/staff/pages/contest/index?id={id}' },
  initial: 'draft',
  openedByStaff: true,
  states: {
    draft: {
      label: '筹备中',
      tone: 'primary',
      holder: 'staff',
      nextStep: '设置项目、评分办法和奖项后开放报名',
      staffStep: '设置项目、评分办法、评委和奖项，核对无误后开放报名',
      allows: ['edits', 'judge_changes'],
    },
    open: {
      label: '报名中',
      tone: 'primary',
      holder: 'staff',
      nextStep: '报名截止后开始比赛',
      staffStep: '审核报名，报名截止后开始比赛',
      allows: ['registration', 'check_in', 'judge_changes'],
    },
    running: {
      label: '比赛中',
      tone: 'primary',
      holder: 'staff',
      nextStep: '签到、评委打分，全部打完后计算成绩',
      staffStep: '现场签到、评委打分；全部打完后计算成绩',
      allows: ['check_in', 'scoring', 'judge_changes'],
    },
    checking: {
      label: '成绩审核中',
      tone: 'primary',
      holder: 'staff',
      nextStep: '核对成绩和参赛单位情况后开始公示',
      staffStep: '核对成绩、处理参赛单位的限制情况，无误后开始公示',
      allows: ['results'],
    },
    public_notice: {
      label: '公示中',
      tone: 'primary',
      holder: 'staff',
      nextStep: '公示期满且异议处理完后发布结果',
      staffStep: '处理公示期间的异议，公示期满后发布结果',
      allows: ['objections', 'results', 'public_results'],
    },
    published: {
      label: '已发布',
      tone: 'success',
      holder: 'none',
      terminal: true,
      nextStep: '结果已发布',
      allows: ['results', 'public_results'],
    },
    cancelled: { label: '已取消', tone: 'default', holder: 'none', terminal: true, nextStep: '比赛已取消' },
  },
  transitions: {
    open_registration: { from: ['draft'], to: 'open', label: '开放报名', actor: 'staff', permission: 'competition.manage' },
    close_registration: { from: ['open'], to: 'running', label: '截止报名，开始比赛', actor: 'staff', permission: 'competition.manage' },
    compute_results: {
      from: ['running'],
      to: 'checking',
      label: '计算成绩',
      actor: 'staff',
      permission: 'competition.manage',
      confirm: '计算后评委不能再改分（退回可以再改）。确定计算成绩吗？',
    },
    back_to_scoring: {
      from: ['checking'],
      to: 'running',
      label: '退回重新评分',
      actor: 'staff',
      permission: 'competition.manage',
      requiresComment: true,
    },
    start_notice: {
      from: ['checking'],
      to: 'public_notice',
      label: '开始公示',
      actor: 'staff',
      permission: 'competition.manage',
      confirm: '公示内容为各项目名次和获奖名单，公示期内可以收到异议。确定开始公示吗？',
    },
    publish: {
      from: ['public_notice'],
      to: 'published',
      label: '发布结果',
      actor: 'staff',
      permission: 'competition.manage',
      confirm: '发布后名次和奖项对所有人公开，获奖者可以下载证书，不能再改成绩。确定发布吗？',
    },
    cancel: {
      from: ['draft', 'open', 'running'],
      to: 'cancelled',
      label: '取消比赛',
      tone: 'danger',
      actor: 'staff',
      permission: 'competition.manage',
      requiresComment: true,
    },
  },
};

/** States of an entry of a competition (报名). */
export type CompetitionEntryState = 'registered' | 'checked_in' | 'withdrawn';

/** Actions on an entry. */
export type CompetitionEntryAction = 'check_in' | 'withdraw';

/**
 * An entry from registering to the day: the entrant may withdraw while registration is open (the
 * place goes back to the event); on the day the organiser checks the entrant in by scanning their
 * signed code. An entry never checked in stays registered (did not come).
 */
export const COMPETITION_ENTRY_WORKFLOW: WorkflowDef<CompetitionEntryState, CompetitionEntryAction> = {
  caseType: 'competition_entry',
  label: '比赛报名',
  subjectType: 'competition_entries',
  routes: { applicant: '/pages/contest/entry/index?id={id}', staff: null },
  initial: 'registered',
  states: {
    registered: { label: '已报名', tone: 'primary', holder: 'none', nextStep: '比赛当天请带上签到码，到现场扫码签到' },
    checked_in: {
      label: '已签到',
      tone: 'success',
      terminal: true,
      holder: 'none',
      nextStep: '已签到，祝比赛顺利；成绩公布后可以在这里查看',
    },
    withdrawn: { label: '已退出', tone: 'default', terminal: true, holder: 'none', nextStep: '已退出这个项目；报名截止前可以重新报名' },
  },
  transitions: {
    check_in: {
      from: ['registered'],
      to: 'checked_in',
      label: '签到',
      actor: 'staff',
      permission: 'competition.manage',
      form: 'check_in_code',
    },
    withdraw: {
      from: ['registered'],
      to: 'withdrawn',
      label: '退出比赛',
      tone: 'danger',
      actor: 'applicant',
      confirm: '确认退出这个项目？名额会让给其他人。',
    },
  },
};

/** States of a rationalisation proposal (合理化建议). */
export type ProposalState =
  'submitted' | 'under_review' | 'adopted' | 'not_adopted' | 'implemented' | 'evaluated' | 'published' | 'withdrawn';

/** Actions on a proposal. */
export type ProposalAction = 'register' | 'adopt' | 'reject' | 'implement' | 'evaluate' | 'publish' | 'withdraw';

/**
 * A proposal: submitted to the worker's union, registered and sent to experts, adopted or not
 * (with the reason), implemented, its benefit evaluated in yuan and graded, then published.
 */
export const PROPOSAL_WORKFLOW: WorkflowDef<ProposalState, ProposalAction> = {
  caseType: 'proposal',
  label: '合理化建议',
  subjectType: 'proposals',
  routes: { applicant: '/pages/contest/proposal/index?id={id}', staff: '/staff/pages/proposal-review/index?id={id}' },
  initial: 'submitted',
  states: {
    submitted: {
      label: '待登记',
      tone: 'primary',
      holder: 'staff',
      deadline: 'proposalRegister',
      nextStep: '工会将登记您的建议并请专家评审',
      staffStep: '登记建议，指派评审专家',
    },
    under_review: {
      label: '专家评审中',
      tone: 'primary',
      holder: 'staff',
      deadline: 'proposalReview',
      nextStep: '专家正在评审，评审后告诉您是否采纳',
      staffStep: '收齐专家意见后决定是否采纳',
      allows: ['opinions'],
    },
    adopted: {
      label: '已采纳',
      tone: 'success',
      holder: 'staff',
      nextStep: '建议已被采纳，正在组织实施',
      staffStep: '组织实施，实施后登记',
    },
    not_adopted: { label: '未采纳', tone: 'danger', holder: 'none', terminal: true, nextStep: '这次没有采纳，原因见下方；欢迎继续提建议' },
    implemented: {
      label: '已实施',
      tone: 'success',
      holder: 'staff',
      nextStep: '建议已实施，工会将评估它带来的效益',
      staffStep: '评估建议带来的效益并定级',
    },
    evaluated: {
      label: '已评估定级',
      tone: 'success',
      holder: 'staff',
      nextStep: '效益已评估并定级，即将公布',
      staffStep: '公布评估结果和等级',
    },
    published: { label: '已公布', tone: 'success', holder: 'none', terminal: true, nextStep: '结果已公布，谢谢您的建议' },
    withdrawn: { label: '已撤回', tone: 'default', holder: 'none', terminal: true, nextStep: '建议已撤回' },
  },
  transitions: {
    register: {
      from: ['submitted'],
      to: 'under_review',
      label: '登记并送专家评审',
      actor: 'staff',
      permission: 'proposal.manage',
      form: 'proposal_register',
    },
    adopt: { from: ['under_review'], to: 'adopted', label: '采纳', actor: 'staff', permission: 'proposal.manage', form: 'proposal_decide' },
    reject: {
      from: ['under_review'],
      to: 'not_adopted',
      label: '不采纳',
      tone: 'danger',
      actor: 'staff',
      permission: 'proposal.manage',
      requiresComment: true,
      form: 'proposal_decide',
    },
    implement: {
      from: ['adopted'],
      to: 'implemented',
      label: '登记实施',
      actor: 'staff',
      permission: 'proposal.manage',
      form: 'proposal_implement',
    },
    evaluate: {
      from: ['implemented'],
      to: 'evaluated',
      label: '评估效益并定级',
      actor: 'staff',
      permission: 'proposal.manage',
      form: 'proposal_evaluate',
    },
    publish: {
      from: ['evaluated'],
      to: 'published',
      label: '公布',
      actor: 'staff',
      permission: 'proposal.manage',
      confirm: '公布后建议内容、采纳情况和效益评定对职工公开。确定公布吗？',
    },
    withdraw: {
      from: ['submitted'],
      to: 'withdrawn',
      label: '撤回建议',
      tone: 'danger',
      actor: 'applicant',
      confirm: '确定撤回这条建议吗？',
    },
  },
};

/** States of an honour nomination (工人先锋号、劳模 …). */
export type NominationState = 'submitted' | 'public_notice' | 'awarded' | 'rejected' | 'revoked';

/** Actions on a nomination. */
export type NominationAction = 'start_notice' | 'award' | 'reject' | 'revoke';

/**
 * A nomination: submitted with materials, reviewed (employer checks), public notice (default 5
 * days, objections handled), awarded; an award can be revoked with a reason that stays visible.
 */
export const NOMINATION_WORKFLOW: WorkflowDef<NominationState, NominationAction> = {
  caseType: 'honour_nomination',
  label: '荣誉推荐',
  subjectType: 'honour_nominations',
  routes: { applicant: null, staff: '/staff/pages/honour/index?id={id}' },
  initial: 'submitted',
  states: {
    submitted: {
      label: '审核中',
      tone: 'primary',
      holder: 'staff',
      deadline: 'nominationReview',
      nextStep: '县总工会审核推荐材料',
      staffStep: '审核推荐材料和所在单位的参评资格，通过后开始公示',
    },
    public_notice: {
      label: '公示中',
      tone: 'primary',
      holder: 'staff',
      nextStep: '公示期满且异议处理完后授予',
      staffStep: '处理公示期间的异议，公示期满后授予',
      allows: ['objections'],
    },
    awarded: { label: '已授予', tone: 'success', holder: 'none', nextStep: '荣誉已授予' },
    rejected: { label: '未通过', tone: 'danger', holder: 'none', terminal: true, nextStep: '这次推荐没有通过，原因见下方' },
    revoked: { label: '已撤销', tone: 'danger', holder: 'none', terminal: true, nextStep: '荣誉已撤销，原因见下方' },
  },
  transitions: {
    start_notice: {
      from: ['submitted'],
      to: 'public_notice',
      label: '审核通过，开始公示',
      actor: 'staff',
      permission: 'honour.manage',
      levels: ['county'],
      confirm: '公示后被推荐人姓名、单位和事迹对全县职工公开 5 天。确定开始公示吗？',
    },
    award: {
      from: ['public_notice'],
      to: 'awarded',
      label: '授予',
      actor: 'staff',
      permission: 'honour.manage',
      levels: ['county'],
      confirm: '授予后荣誉在荣誉榜上公开，劳模进入劳模档案。确定授予吗？',
    },
    reject: {
      from: ['submitted', 'public_notice'],
      to: 'rejected',
      label: '不予通过',
      tone: 'danger',
      actor: 'staff',
      permission: 'honour.manage',
      levels: ['county'],
      requiresComment: true,
    },
    revoke: {
      from: ['awarded'],
      to: 'revoked',
      label: '撤销荣誉',
      tone: 'danger',
      actor: 'staff',
      permission: 'honour.manage',
      levels: ['county'],
      requiresComment: true,
      confirm: '撤销后原因会公开显示。确定撤销吗？',
    },
  },
};
