import { useCallback, useEffect, useRef } from 'react';
import { useDidHide, useUnload } from '@tarojs/taro';

/**
 * Keep a draft on the server: each change is sent after `delayMs` of quiet, and at once when the
 * page hides or closes. Failures are ignored (offline is fine: the caller keeps a local copy).
 */
export function useDraftSync<T>(draft: T | null, enabled: boolean, save: (draft: T) => Promise<unknown>, delayMs = 1500) {
  const pending = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const d = pending.current;
    pending.current = null;
    if (d !== null) saveRef.current(d).catch(() => undefined);
  }, []);

  /** Drop what is waiting (after submitting, a late save must not bring the draft back). */
  const cancel = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
  }, []);

  useEffect(() => {
    if (draft === null || !enabled) return;
    pending.current = draft;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(flush, delayMs);
  }, [draft, enabled, delayMs, flush]);

  useDidHide(flush);
  useUnload(flush);
  return { flush, cancel };
}
