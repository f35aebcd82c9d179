/** The closed list of error codes the API answers with; clients switch on `code`. */
export const ERROR_CODES = {
  validation_failed: { status: 400, message: '填写的内容有误，请检查后再提交' },
  payload_too_large: { status: 413, message: '提交的内容太大了，请减少后再试' },
  unauthenticated: { status: 401, message: '请先登录' },
  token_expired: { status: 401, message: '登录已过期，请重新登录' },
  forbidden: { status: 403, message: '您没有权限做这件事' },
  not_found: { status: 404, message: '没有找到这条记录' },
  state_conflict: { status: 409, message: '这件事刚刚已被别人处理，请刷新后再看' },
  action_not_allowed: { status: 409, message: '当前步骤不能做这个操作' },
  duplicate_application: { status: 409, message: '您已有一份正在办理的入会申请，请勿重复提交' },
  already_member: { status: 409, message: '您已经是工会会员，不需要重复入会' },
  consent_required: { status: 409, message: '请先阅读并同意个人信息保护告知，再填写身份证号等信息' },
  invalid_id_number: { status: 400, message: '身份证号码不正确，请核对' },
  invalid_phone: { status: 400, message: '手机号码不正确，请核对' },
  invalid_organization: { status: 400, message: '所选的工会不能受理这项申请' },
  invitation_invalid: { status: 400, message: '邀请码无效或已被使用' },
  wechat_code_invalid: { status: 400, message: '微信登录凭证无效，请重新进入小程序' },
  wechat_unavailable: { status: 503, message: '微信服务暂时不可用，请稍后再试' },
  wechat_rate_limited: { status: 503, message: '请求太频繁，请稍后再试' },
  demo_login_disabled: { status: 404, message: '演示登录未开启' },
  not_a_member: { status: 409, message: '您还不是会员' },
  transfer_in_progress: { status: 409, message: '您已有一份正在办理的会籍接转' },
  hardship_application_open: { status: 409, message: '您已有一份正在办理的困难帮扶申请，请在“我的申请”里查看进度' },
  household_already_filed: { status: 409, message: '您的家庭已建立困难档案，无需重复申请' },
  over_ceiling: { status: 409, message: '超过了这户家庭本年度该类帮扶的上限' },
  objection_open: { status: 409, message: '还有未处理的公示异议，处理完才能继续' },
  notice_period_running: { status: 409, message: '公示期还没有结束' },
  grant_already_applied: { status: 409, message: '这名学生已经申请过本次助学金' },
  over_budget: { status: 409, message: '超出了活动预算' },
  rule_set_missing: { status: 409, message: '本县还没有可用的帮扶认定标准，请联系县总工会' },
  file_type_not_allowed: { status: 400, message: '只能上传照片（JPG、PNG、WebP）或 PDF 文件' },
  file_too_large: { status: 400, message: '文件太大了，请压缩后再上传' },
  link_expired: { status: 410, message: '链接已过期，请返回重新打开' },
  file_unreadable: { status: 422, message: '这个文件无法读取（可能已损坏），请重新上传或联系管理员' },
  slot_taken: { status: 409, message: '这个时段刚被别人约走了，请换一个时间' },
  slot_unavailable: { status: 409, message: '这个时段不能预约（不在值班时间、已经过去或是节假日）' },
  change_too_late: { status: 409, message: '离咨询开始太近了，不能再取消或改约，请直接联系法律援助中心' },
  booking_limit: { status: 409, message: '您已有未完成的预约，请先参加或取消后再约' },
  legal_aid_open: { status: 409, message: '您对这家单位已有一份正在办理的法律援助申请' },
  event_full: { status: 409, message: '这个项目的名额已经报满了' },
  already_registered: { status: 409, message: '您已经报名了这个项目' },
  employer_excluded: { status: 409, message: '该单位存在拖欠工资、未建工会或近三年发生重大安全事故等情形，不能参评' },
  rate_limited: { status: 429, message: '操作太频繁，请稍后再试' },
  internal_error: { status: 500, message: '系统出了点问题，请稍后再试' },
  service_unavailable: { status: 503, message: '服务暂时不可用，请稍后再试' },
} as const;

/** One of the closed list of error codes. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems for `validation_failed`. */
  details?: { field: string; message: string }[];
  requestId?: string;
}

/** True when `value` is one of the known codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}
