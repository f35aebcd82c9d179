import { formatYuan } from '@union/shared';

/** Fen from what a person typed in yuan ("1200", "1200.5"); null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const t = text.trim().replace(/[,，\s]/g, '');
  if (!/^\d{1,9}(\.\d{0,2})?$/.test(t)) return null;
  const [whole, part = ''] = t.split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0'));
}

/** Problem with a typed amount, or null when it is fine (empty counts as missing). */
export function amountProblem(text: string, what = '金额'): string | null {
  if (!text.trim()) return `请填写${what}，没有就填 0`;
  return yuanToFen(text) === null ? `${what}只填数字，单位是元，例如 1200 或 1200.50` : null;
}

/** "1,234.50 元" for people: money is fen on the wire, yuan on screen. */
export function yuan(fen: number): string {
  const text = formatYuan(fen);
  return text.replace(/^(-?)(\d+)/, (_m, sign: string, whole: string) => sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}
