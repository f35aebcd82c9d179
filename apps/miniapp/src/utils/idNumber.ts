import { isValidIdNumber, isValidPhone, normalizeIdNumber } from '@union/shared';

/** Problem with a typed ID number, or null when it is fine. */
export function idNumberProblem(value: string): string | null {
  const id = normalizeIdNumber(value);
  if (!id) return '请填写身份证号码';
  if (id.length !== 18) return `身份证号码是 18 位，您填了 ${id.length} 位`;
  if (!isValidIdNumber(id)) return '身份证号码不正确，请核对（最后一位可能是 X）';
  return null;
}

/** Problem with a typed phone number, or null when it is fine. */
export function phoneProblem(value: string): string | null {
  const phone = value.trim();
  if (!phone) return '请填写手机号码';
  if (!isValidPhone(phone)) return '手机号码应是 11 位数字，以 1 开头';
  return null;
}
