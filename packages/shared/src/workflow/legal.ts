import type { WorkflowDef } from './engine';

/** States of a booked consultation with a lawyer (法律咨询预约). */
export type ConsultationState = 'booked' | 'held' | 'cancelled' | 'no_show';

/** Actions on a booked consultation. */
export type ConsultationAction = 'cancel' | 'reschedule' | 'staff_cancel' | 'record_advice' | 'mark_no_show';

/**
 * A consultation: booked for a slot, then held (the lawyer records summary and advice), cancelled
 * by the worker up to the centre's cut-off (or by the centre, with a reason) or missed.
 */
export const CONSULTATION_WORKFLOW: WorkflowDef<ConsultationState, ConsultationAction> = {
  caseType: 'legal_consultation',
  label: '法律咨询预约',
  subjectType: 'legal_consultations',
  routes: { applicant: '/pages/legal/consultation/index?id={id}', staff: '/pages/legal/consultation/index?id={id}' },
  initial: 'booked',
  // Lawyers and the centre's duty staff hold consultations.
  assignment: { supervisor: 'legal.schedule.manage', assignee: 'legal.consult' },
  states: {
    booked: {
      label: '已预约',
      tone: 'primary',
      holder: 'staff',
      nextStep: '请按预约时间参加咨询；不能来请提前取消或改约',
      staffStep: '按时接待；结束后写明咨询情况和建议，职工没来的记为未到',
    },
    held: {
      label: '已咨询',
      tone: 'success',
      holder: 'none',
      terminal: true,
      nextStep: '律师的意见已记录，可以评价，需要时可转为法律援助申请',
      allows: ['rating'],
    },
    cancelled: { label: '已取消', tone: 'default', holder: 'none', terminal: true, nextStep: '预约已取消，可以重新预约' },
    no_show: { label: '未到场', tone: 'default', holder: 'none', terminal: true, nextStep: '您没有按时参加咨询，可以重新预约' },
  },
  transitions: {
    cancel: { from: ['booked'], to: 'cancelled', label: '取消预约', tone: 'danger', actor: 'applicant', confirm: '确定取消这次预约吗？' },
    reschedule: { from: ['booked'], to: 'booked', label: '改约时间', actor: 'applicant', form: 'consultation_reschedule' },
    staff_cancel: {
      from: ['booked'],
      to: 'cancelled',
      label: '中心取消',
      tone: 'danger',
      actor: 'staff',
      permission: 'legal.consult',
      requiresComment: true,
    },
    record_advice: {
      from: ['booked'],
      to: 'held',
      label: '记录咨询意见',
      actor: 'staff',
      permission: 'legal.consult',
      form: 'consultation_advice',
    },
    mark_no_show: {
      from: ['booked'],
      to: 'no_show',
      label: '记为未到场',
      tone: 'danger',
      actor: 'staff',
      permission: 'legal.consult',
      confirm: '确定这位职工没有按时参加吗？',
    },
  },
};

/** States of a legal-aid application (法律援助申请), DOMAIN.md §4; the handling states are its stages. */
export type LegalAidState =
  'submitted' | 'accepted' | 'negotiation' | 'mediation' | 'arbitration' | 'litigation' | 'closed' | 'rejected' | 'withdrawn';

/** Actions on a legal-aid application. */
export type LegalAidAction =
  'accept' | 'reject' | 'withdraw' | 'start_negotiation' | 'start_mediation' | 'start_arbitration' | 'start_litigation' | 'close';

/** The stages a case is handled in, in the order they usually come. */
export const LEGAL_AID_STAGES = ['negotiation', 'mediation', 'arbitration', 'litigation'] as const;

/** One handling stage. */
export type LegalAidStage = (typeof LEGAL_AID_STAGES)[number];

const HANDLING: LegalAidState[] = ['accepted', 'negotiation', 'mediation', 'arbitration', 'litigation'];

/**
 * Legal aid: the centre decides in writing within its deadline (accept with a lawyer, or reject
 * with a reason and where else to go); the lawyer moves the case through its stages and closes it
 * with the outcome and the money recovered.
 */
export const LEGAL_AID_WORKFLOW: WorkflowDef<LegalAidState, LegalAidAction> = {
  caseType: 'legal_aid_application',
  label: '法律援助',
  subjectType: 'legal_aid_applications',
  routes: { applicant: '/pages/legal/case/index?id={id}', staff: '/staff/pages/legal-case/index?id={id}' },
  initial: 'submitted',
  assignment: { supervisor: 'legal.aid.decide', assignee: 'legal.represent' },
  states: {
    submitted: {
      label: '待审查',
      tone: 'primary',
      holder: 'staff',
      deadline: 'legalAidDecision',
      nextStep: '法律援助中心将在 7 个工作日内书面答复是否给予援助',
      staffStep: '在 7 个工作日内审查：符合条件的受理并指派承办律师，不符合的书面说明理由和其他求助渠道',
    },
    accepted: {
      label: '已受理',
      tone: 'primary',
      holder: 'staff',
      nextStep: '承办律师会尽快联系您，商量下一步',
      staffStep: '承办律师联系职工、收集证据，确定协商、调解、仲裁或诉讼',
    },
    negotiation: {
      label: '协商中',
      tone: 'primary',
      holder: 'staff',
      nextStep: '律师正在代您与单位协商',
      staffStep: '与单位协商，记录协商结果；协商不成转调解或仲裁，注意仲裁时效',
    },
    mediation: {
      label: '调解中',
      tone: 'primary',
      holder: 'staff',
      nextStep: '案件在调解中，请留意调解期限',
      staffStep: '跟进调解，在调解期限内记录结果；调解不成及时申请仲裁',
    },
    arbitration: {
      label: '仲裁中',
      tone: 'primary',
      holder: 'staff',
      nextStep: '案件在劳动仲裁中，请留意仲裁期限',
      staffStep: '代理仲裁，记录开庭和裁决日期；不服裁决的在 15 日内起诉',
    },
    litigation: {
      label: '诉讼中',
      tone: 'primary',
      holder: 'staff',
      nextStep: '案件在法院审理中',
      staffStep: '代理诉讼，记录开庭、判决日期和执行到位的金额，结案时填写结案报告',
    },
    closed: { label: '已结案', tone: 'success', holder: 'none', terminal: true, nextStep: '案件已办结，结果见下方' },
    rejected: {
      label: '不予援助',
      tone: 'danger',
      holder: 'none',
      terminal: true,
      nextStep: '本次不符合援助条件，原因和其他求助渠道见下方',
    },
    withdrawn: { label: '已撤回', tone: 'default', holder: 'none', terminal: true, nextStep: '申请已撤回，需要时可以重新申请' },
  },
  transitions: {
    accept: {
      from: ['submitted'],
      to: 'accepted',
      label: '给予援助',
      actor: 'staff',
      permission: 'legal.aid.decide',
      form: 'legal_aid_accept',
    },
    reject: {
      from: ['submitted'],
      to: 'rejected',
      label: '不予援助',
      tone: 'danger',
      actor: 'staff',
      permission: 'legal.aid.decide',
      requiresComment: true,
      form: 'legal_aid_reject',
    },
    withdraw: {
      from: ['submitted'],
      to: 'withdrawn',
      label: '撤回申请',
      tone: 'danger',
      actor: 'applicant',
      confirm: '确定撤回这份法律援助申请吗？',
    },
    start_negotiation: {
      from: ['accepted'],
      to: 'negotiation',
      label: '开始协商',
      actor: 'staff',
      permission: 'legal.aid.handle',
      form: 'legal_aid_stage',
    },
    start_mediation: {
      from: ['accepted', 'negotiation'],
      to: 'mediation',
      label: '申请调解',
      actor: 'staff',
      permission: 'legal.aid.handle',
      form: 'legal_aid_stage',
    },
    start_arbitration: {
      from: ['accepted', 'negotiation', 'mediation'],
      to: 'arbitration',
      label: '申请仲裁',
      actor: 'staff',
      permission: 'legal.aid.handle',
      form: 'legal_aid_stage',
    },
    start_litigation: {
      from: ['accepted', 'negotiation', 'mediation', 'arbitration'],
      to: 'litigation',
      label: '提起诉讼',
      actor: 'staff',
      permission: 'legal.aid.handle',
      form: 'legal_aid_stage',
    },
    close: { from: HANDLING, to: 'closed', label: '结案', actor: 'staff', permission: 'legal.aid.handle', form: 'legal_aid_close' },
  },
};

/** States of an online consultation thread (在线咨询). */
export type LegalThreadState = 'waiting_centre' | 'waiting_worker' | 'closed';

/** Actions on a thread: messages move it between the two sides. */
export type LegalThreadAction = 'reply' | 'follow_up' | 'close' | 'staff_close';

/**
 * An online consultation: the worker writes (text and photos), the assigned lawyer answers within
 * the response deadline; either side may write again; the worker or the centre closes it.
 */
export const LEGAL_THREAD_WORKFLOW: WorkflowDef<LegalThreadState, LegalThreadAction> = {
  caseType: 'legal_thread',
  label: '在线咨询',
  subjectType: 'legal_threads',
  routes: { applicant: '/pages/legal/thread/index?id={id}', staff: '/pages/legal/thread/index?id={id}' },
  initial: 'waiting_centre',
  assignment: { supervisor: 'legal.schedule.manage', assignee: 'legal.represent' },
  states: {
    waiting_centre: {
      label: '等待律师答复',
      tone: 'primary',
      holder: 'staff',
      deadline: 'threadResponse',
      nextStep: '律师会在 2 个工作日内答复，答复后会通知您',
      staffStep: '在 2 个工作日内答复职工的问题，需要面谈的建议预约咨询',
    },
    waiting_worker: { label: '律师已答复', tone: 'warning', holder: 'applicant', nextStep: '请查看律师的答复，还有问题可以继续留言' },
    closed: { label: '已结束', tone: 'default', holder: 'none', terminal: true, nextStep: '咨询已结束，有新问题可以再发起' },
  },
  transitions: {
    reply: {
      from: ['waiting_centre', 'waiting_worker'],
      to: 'waiting_worker',
      label: '答复',
      actor: 'staff',
      permission: 'legal.consult',
      form: 'thread_message',
    },
    follow_up: {
      from: ['waiting_centre', 'waiting_worker'],
      to: 'waiting_centre',
      label: '继续留言',
      actor: 'applicant',
      form: 'thread_message',
    },
    close: {
      from: ['waiting_centre', 'waiting_worker'],
      to: 'closed',
      label: '问题已解决',
      actor: 'applicant',
      confirm: '确定结束这次咨询吗？',
    },
    staff_close: {
      from: ['waiting_worker'],
      to: 'closed',
      label: '结束咨询',
      actor: 'staff',
      permission: 'legal.consult',
      confirm: '职工没有新的问题了吗？结束后职工可以再发起新的咨询。',
    },
  },
};

/** States of a petition or dispute brought to the union (职工信访、劳动争议调处). */
export type PetitionState = 'registered' | 'accepted' | 'resolved' | 'declined';

/** Actions on a petition. */
export type PetitionAction = 'accept' | 'decline' | 'extend' | 'resolve';

/**
 * A petition: registered, then accepted (notice within 15 days) or declined with where to go;
 * resolved within 60 days, extendable once by 30 with a reason; meetings are recorded on the way.
 */
export const PETITION_WORKFLOW: WorkflowDef<PetitionState, PetitionAction> = {
  caseType: 'petition',
  label: '职工信访',
  subjectType: 'petitions',
  routes: { applicant: null, staff: '/staff/pages/petition/index?id={id}' },
  initial: 'registered',
  visibleWith: 'legal.petition.manage',
  // Registered by the centre's staff for a petitioner who is not a user: the registrar is the applicant.
  openedByStaff: true,
  states: {
    registered: {
      label: '已登记，待受理',
      tone: 'primary',
      holder: 'staff',
      deadline: 'petitionAcceptance',
      nextStep: '工会将在 15 日内告知是否受理',
      staffStep: '在 15 日内决定是否受理，不受理的告知理由',
    },
    accepted: {
      label: '已受理，办理中',
      tone: 'primary',
      holder: 'staff',
      deadline: 'petitionResolution',
      nextStep: '工会将在 60 日内办结，情况复杂的可延长 30 日',
      staffStep: '调查、协调单位，在 60 日内办结（复杂的可延长 30 日），办结时写明结果',
    },
    resolved: { label: '已办结', tone: 'success', holder: 'none', terminal: true, nextStep: '已办结，处理结果见下方' },
    declined: { label: '不予受理', tone: 'danger', holder: 'none', terminal: true, nextStep: '不属于工会受理范围，原因和去处见下方' },
  },
  transitions: {
    accept: { from: ['registered'], to: 'accepted', label: '受理', actor: 'staff', permission: 'legal.petition.manage' },
    decline: {
      from: ['registered'],
      to: 'declined',
      label: '不予受理',
      tone: 'danger',
      actor: 'staff',
      permission: 'legal.petition.manage',
      requiresComment: true,
    },
    extend: {
      from: ['accepted'],
      to: 'accepted',
      label: '延长 30 日',
      actor: 'staff',
      permission: 'legal.petition.manage',
      requiresComment: true,
      confirm: '办理期限只能延长一次，确定延长 30 日吗？',
    },
    resolve: {
      from: ['accepted'],
      to: 'resolved',
      label: '办结',
      actor: 'staff',
      permission: 'legal.petition.manage',
      form: 'petition_resolve',
    },
  },
};
