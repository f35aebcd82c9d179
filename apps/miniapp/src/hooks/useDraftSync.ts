import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useUnload } from '@tarojs/taro';

/** Where the draft stands: on the server, being sent, or only on the phone because the last send failed. */
export type DraftSyncStatus = 'local' | 'saving' | 'saved' | 'offline';

/**
 * Keep a draft on the server: each change is sent after `delayMs` of quiet, and at once when the
 * page hides or closes. A failed send (offline) is kept and tried again after `retryMs` and on the
 * next change; `status` says honestly where the draft is, so the page never claims a save that
 * did not happen (the caller keeps a local copy on the phone meanwhile).
 */
export function useDraftSync<T>(draft: T | null, enabled: boolean, save: (draft: T) => Promise<unknown>, delayMs = 1500, retryMs = 15000) {
  const pending = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  const [status, setStatus] = useState<DraftSyncStatus>('local');
  const flushRef = useRef<() => void>(() => undefined);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const d = pending.current;
    if (d === null) return;
    setStatus('saving');
    saveRef.current(d).then(
      () => {
        // A newer change may have arrived while this one was on its way: it keeps its own timer.
        if (pending.current === d) pending.current = null;
        setStatus(pending.current === null ? 'saved' : 'saving');
      },
      () => {
        setStatus('offline');
        if (!timer.current) timer.current = setTimeout(() => flushRef.current(), retryMs);
      },
    );
  }, [retryMs]);
  flushRef.current = flush;

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

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  useDidHide(flush);
  useUnload(flush);
  return { flush, cancel, status: enabled ? status : 'local' };
}

/** What to tell the person about their draft, in plain words. */
export function draftStatusText(status: DraftSyncStatus): string {
  switch (status) {
    case 'saved':
      return '已自动保存，下次打开接着填。';
    case 'saving':
      return '正在保存…';
    case 'offline':
      return '网络不通：填写的内容先保存在这部手机上（身份证号、银行卡号不存在手机上），联网后会自动同步。';
    default:
      return '填写的内容保存在这部手机上，下次打开接着填。';
  }
}
