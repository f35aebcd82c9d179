import { EMPLOYMENT_TYPE_LABEL, type EmploymentType } from '../contracts';
import { id, keyOf, revealReason, text, z } from './common';

/** A name as on the ID card: 2–30 Chinese characters or letters. */
export const personName = z
  .string()
  .min(2, '请填写身份证上的姓名')
  .regex(/^[\u4e00-\u9fa5·A-Za-z\s]{2,30}$/, '姓名只能是 2–30 个汉字或字母')
  .meta({ example: '王小工' });

/** An ID number as typed: 18 characters (the checksum is the service's `invalid_id_number`). */
export const idNumberText = z.string().length(18, '身份证号码应为 18 位').meta({ example: '11010519491231002X' });

/** A mobile number as typed: 11 characters (the form is the service's `invalid_phone`). */
export const phoneText = z.string().length(11, '手机号码应为 11 位').meta({ example: '13800138000' });

/** POST /api/membership/applications */
export const createMembershipApplicationBody = z.strictObject({
  realName: personName,
  idNumber: idNumberText,
  phone: phoneText,
  employerName: z
    .string()
    .trim()
    .min(2, '请填写单位名称；打零工的可以写“无固定单位”')
    .max(100, '最多 100 个字')
    .meta({ example: '县城建筑公司' }),
  employmentType: keyOf<EmploymentType>(EMPLOYMENT_TYPE_LABEL, '请选择一项'),
  organizationId: z.int('请选择一个工会').min(1, '请选择一个工会'),
  hideFromEmployer: z.boolean().meta({ description: '不告诉单位：由上级工会受理，单位工会看不到' }),
});

/** POST /api/membership/transfers */
export const createMembershipTransferBody = z.strictObject({
  toOrganizationId: id,
  newEmployerName: text(2, 100),
  reason: text(0, 300).optional(),
});

/** POST /api/membership/withdraw */
export const withdrawMembershipBody = z.strictObject({
  reason: text(0, 300).optional(),
});

/** GET /api/membership/cards/verify?token=… (public) */
export const verifyCardQuery = z.strictObject({
  token: text(10, 2000),
});

/** POST /api/pii/reveal (audited) */
export const revealBody = z.strictObject({
  subject: z.enum(['membership_application', 'member']),
  id,
  field: z.enum(['idNumber', 'phone']),
  reason: revealReason,
});
export type VerifyCardQuery = z.output<typeof verifyCardQuery>;
