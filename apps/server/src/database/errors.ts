/** True when a database error is a unique-key violation (MySQL/MariaDB or the embedded SQLite). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; message?: string; driverError?: { code?: string; message?: string } } | null;
  if (!e) return false;
  const code = e.code ?? e.driverError?.code;
  if (code === 'ER_DUP_ENTRY' || e.errno === 1062) return true;
  const message = e.message ?? e.driverError?.message ?? '';
  return /UNIQUE constraint failed/i.test(message);
}
