import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { fail } from './app-exception';

/** Encode a keyset position as an opaque cursor. */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** Decode a cursor made by encodeCursor; a tampered cursor is a 400. */
export function decodeCursor<T extends (string | number)[]>(cursor: string, shape: ('string' | 'number')[]): T {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === shape.length && parts.every((p, i) => typeof p === shape[i])) return parts as T;
  } catch {
    // fall through
  }
  fail('validation_failed', '分页参数无效', [{ field: 'after', message: '分页参数无效' }]);
}

/**
 * One page of a list newest first, by keyset on a unique id column (`p.id`): `after` is the
 * `nextCursor` of the page before. No OFFSET, so a page costs the same however deep it is.
 */
export async function newestFirst<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  idColumn: string,
  page: { after?: string; limit?: number },
  idOf: (row: T) => number = (row) => (row as unknown as { id: number }).id,
): Promise<{ rows: T[]; nextCursor: string | null }> {
  const limit = page.limit ?? 20;
  if (page.after) {
    const [afterId] = decodeCursor<[number]>(page.after, ['number']);
    qb.andWhere(`${idColumn} < :pageAfterId`, { pageAfterId: afterId });
  }
  const rows = await qb
    .orderBy(idColumn, 'DESC')
    .limit(limit + 1)
    .getMany();
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return { rows: kept, nextCursor: rows.length > limit && last ? encodeCursor([idOf(last)]) : null };
}

/** The sort key of a keyset page ordered by one column, then the id ascending. */
export interface SortKey<T> {
  column: string;
  direction: 'ASC' | 'DESC';
  /** How the key travels in the cursor: a number, a string, or an instant (ISO text, a Date in the query). */
  kind: 'number' | 'string' | 'instant';
  of: (row: T) => number | string | Date;
}

/**
 * One page of a list ordered by `sort` and then by `idColumn` ascending (the awarded year newest
 * first, a day's consultations by start time), by keyset on both: `after` is the `nextCursor` of
 * the page before; a cursor that is not one of these answers 400.
 */
export async function pageBy<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  sort: SortKey<T>,
  idColumn: string,
  page: { after?: string; limit?: number },
  idOf: (row: T) => number = (row) => (row as unknown as { id: number }).id,
): Promise<{ rows: T[]; nextCursor: string | null }> {
  const limit = page.limit ?? 20;
  if (page.after) {
    const [key, afterId] = decodeCursor<[number | string, number]>(page.after, [sort.kind === 'number' ? 'number' : 'string', 'number']);
    const value = sort.kind === 'instant' ? new Date(key as string) : key;
    if (value instanceof Date && Number.isNaN(value.getTime()))
      fail('validation_failed', '分页参数无效', [{ field: 'after', message: '分页参数无效' }]);
    const beyond = sort.direction === 'DESC' ? '<' : '>';
    // The plain bound first: every database starts its index range at the cursor (SQLite does not for the OR alone).
    qb.andWhere(`${sort.column} ${beyond}= :pageKey AND (${sort.column} ${beyond} :pageKey OR ${idColumn} > :pageAfterId)`, {
      pageKey: value,
      pageAfterId: afterId,
    });
  }
  const rows = await qb
    .orderBy(sort.column, sort.direction)
    .addOrderBy(idColumn, 'ASC')
    .limit(limit + 1)
    .getMany();
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  const keyOf = (row: T) => {
    const v = sort.of(row);
    return v instanceof Date ? v.toISOString() : v;
  };
  return { rows: kept, nextCursor: rows.length > limit && last ? encodeCursor([keyOf(last), idOf(last)]) : null };
}
