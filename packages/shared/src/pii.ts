/** Weights of the GB 11643 check digit. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Normalise an ID number as typed: trim, upper-case the X. */
export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/**
 * True for a valid 18-digit resident ID number (GB 11643-1999): shape, a real birth date and the
 * check digit.
 */
export function isValidIdNumber(value: string): boolean {
  const id = normalizeIdNumber(value);
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const parsed = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== birth) return false;
  if (parsed.getUTCFullYear() < 1900) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17];
}

/** Compute the check digit for the first 17 digits (for test factories and demo data). */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** True for a mainland mobile number (11 digits starting with 1[3-9]). */
export function isValidPhone(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value.trim());
}

/** ID number masked for display: first 3 and last 4 characters kept. */
export function maskIdNumber(value: string): string {
  const id = normalizeIdNumber(value);
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** Phone masked for display: `3****4` style, first 3 and last 4 digits kept. */
export function maskPhone(value: string): string {
  const phone = value.trim();
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** Name masked for public notices: the family name kept (张** / 欧阳*). */
export function maskName(value: string): string {
  const name = value.trim();
  if (name.length <= 1) return name;
  return `${name[0]}${'*'.repeat(name.length - 1)}`;
}

/** Fields that can be revealed through the audited reveal action. */
export type RevealableField = 'idNumber' | 'phone';
