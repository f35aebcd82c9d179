import { z } from 'zod';
import { zhCN } from 'zod/locales';

// Messages zod writes itself (a missing field, a wrong type) are in Chinese too, on every side.
z.config(zhCN());

export { z };

/** A field problem as the API returns it in `details` and a form shows it under its field. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** `a.b.0.c` of an issue path, the form the API has always used for `details[].field`. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * The problems of a failed parse, one per field and message. An unknown field is named as its own
 * field ("不认识的字段"), the way the old whitelist did.
 */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: fieldOf([...issue.path, key]), message: '不认识的字段' }));
    }
    return [{ field: fieldOf(issue.path) || '(body)', message: issue.message }];
  });
}

/**
 * Parse a value against a schema: the parsed value, or the field problems (first message per
 * field) a form shows under its fields. The same rules the server applies, in the same words.
 */
export function checkAgainst<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; value: z.output<S> } | { ok: false; problems: Record<string, string> } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems: Record<string, string> = {};
  for (const p of fieldProblems(parsed.error)) problems[p.field] ??= p.message;
  return { ok: false, problems };
}

/** The first problem of a value against a schema, in the order of its fields, or null when it passes. */
export function firstProblem(schema: z.ZodType, value: unknown): string | null {
  const checked = checkAgainst(schema, value);
  return checked.ok ? null : (Object.values(checked.problems)[0] ?? null);
}

// --- building blocks ------------------------------------------------------------------------

/** Is `YYYY-MM-DD` a day of the calendar (2026-02-30 is not)? */
export function isCalendarDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar day written YYYY-MM-DD that exists (2026-02-30 is refused). */
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期按 2026-01-15 这样填')
  .refine(isCalendarDay, '没有这一天')
  .meta({ format: 'date', example: '2026-01-15' });

/** A moment in ISO 8601 with its offset (`2026-12-01T09:30:00+08:00`). */
export const instant = z.iso.datetime({ offset: true, error: '时间按 2026-01-15T09:30:00+08:00 这样填' });

/** The id of a row: a whole number from 1. */
export const id = z.int('应是整数编号').min(1, '编号从 1 开始');

/** An amount of money in fen (分): a whole number, never a float of yuan. */
export const fen = z.int('金额以分计，应是整数').min(0, '金额不能是负数').meta({ description: '金额（分）' });

/** Text of a given length (counted in characters). */
export function text(min: number, max: number): z.ZodString {
  return min > 0
    ? z
        .string()
        .min(min, min === 1 ? '请填写' : `至少 ${min} 个字`)
        .max(max, `最多 ${max} 个字`)
    : z.string().max(max, `最多 ${max} 个字`);
}

/** One of a fixed list of keys (an enum of the domain), with a Chinese refusal. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  message = '不在可选范围内',
): z.ZodEnum<{ [K in T[number]]: K }> {
  return z.enum(values, message);
}

/** One of the keys of a label table (`EMPLOYMENT_TYPE_LABEL`). */
export function keyOf<K extends string>(labels: Record<K, string>, message = '不在可选范围内'): z.ZodType<K> {
  return z.enum(Object.keys(labels) as [K, ...K[]], message) as unknown as z.ZodType<K>;
}

/**
 * A whole number in a query string or path (`?limit=20`, `/cases/12`): the text of digits,
 * handed on as a number.
 */
export function wholeNumberText(min: number, max = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .regex(/^\d{1,15}$/, '应是整数')
    .transform(Number)
    .pipe(z.int().min(min, `不能小于 ${min}`).max(max, `不能大于 ${max}`));
}

/** A yes/no in a query string: `true`/`1` or `false`/`0`. */
export const flagText = z.enum(['true', 'false', '1', '0'], '应是 true 或 false').transform((v) => v === 'true' || v === '1');

/** `:id` of a route. */
export const idParam = wholeNumberText(1);

/** `?after=<cursor>&limit=20` of every keyset-paged list. */
export const pageQuery = z.strictObject({
  after: z.string().max(200).optional().meta({ description: '上一页返回的 nextCursor' }),
  limit: wholeNumberText(1, 50).optional().meta({ description: '每页条数，默认 20，最多 50' }),
});
export type PageQuery = z.output<typeof pageQuery>;

/** The answer of a keyset-paged list: a page of `item` and the cursor of the next one. */
export function pageOf<S extends z.ZodType>(item: S) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().meta({ description: '下一页的 after；没有更多时为 null' }),
  });
}

/** `?from=2026-01-01&to=2026-06-30` of every statistics page (both ends optional, days inclusive). */
export const periodQuery = z.strictObject({
  from: day.optional().meta({ example: '2026-01-01' }),
  to: day.optional().meta({ example: '2026-06-30' }),
});
export type PeriodQuery = z.output<typeof periodQuery>;

/** Why a cadre reveals a sensitive value (every reveal's reason, written once: the forms check it with this too). */
export const revealReason = z
  .string()
  .trim()
  .min(2, '请写明查看原因')
  .max(200, '最多 200 个字')
  .meta({ description: '查看原因（记入审计日志）' });

/** The reason given for an audited reveal of one sensitive value of one record. */
export const recordRevealBody = z.strictObject({ reason: revealReason });
export type RecordRevealRequest = z.output<typeof recordRevealBody>;

/** The answer of every audited reveal: the value in clear. */
export const revealResponse = z.object({ value: z.string() });

/** The answer of a POST that only says what it created (an objection): its id. */
export const createdId = z.object({ id });

/** POST .../transitions: a named step at the version the client saw. */
export const transitionBody = z.strictObject({
  action: z
    .string()
    .regex(/^[a-z_]{1,40}$/, '不是一个步骤名')
    .meta({ example: 'approve' }),
  version: z.int('版本号应是整数').min(1).meta({ description: '客户端看到的版本号；已过时则 409' }),
  comment: z.string().max(500, '最多 500 个字').optional(),
  targetOrganizationId: id.optional(),
});
export type TransitionBody = z.output<typeof transitionBody>;
