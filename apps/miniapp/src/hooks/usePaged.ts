import { useCallback, useRef, useState } from 'react';
import type { Page } from '@union/shared';
import { errorMessage } from '../utils/feedback';
import { useReloadOnShow } from './useReloadOnShow';

export interface Paged<T> {
  items: T[];
  /** True once the first page has come (or failed). */
  loaded: boolean;
  error: string | null;
  /** There is a next page: show "加载更多". */
  hasMore: boolean;
  loadingMore: boolean;
  more: () => Promise<void>;
  reload: () => Promise<void>;
  /** Change the loaded rows in place (a row the server answered anew), keeping the pages loaded so far. */
  update: (change: (items: T[]) => T[]) => void;
}

/**
 * A keyset-paged list: the first page each time the page shows, the next one on "加载更多". An
 * answer to an earlier load (the filter changed meanwhile) is dropped.
 */
export function usePaged<T>(fetchPage: (after: string | null) => Promise<Page<T>>, enabled = true): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const ticket = useRef(0);

  const load = useCallback(async (after: string | null) => {
    const mine = ++ticket.current;
    if (after) setLoadingMore(true);
    try {
      const page = await fetchRef.current(after);
      if (mine !== ticket.current) return;
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      if (mine === ticket.current) setError(errorMessage(e));
    } finally {
      if (mine === ticket.current) {
        setLoaded(true);
        setLoadingMore(false);
      }
    }
  }, []);

  const reload = useCallback(() => load(null), [load]);
  const cursorRef = useRef(cursor);
  cursorRef.current = cursor;
  const more = useCallback(async () => {
    if (cursorRef.current) await load(cursorRef.current);
  }, [load]);

  useReloadOnShow(reload, enabled);

  return { items, loaded, error, hasMore: cursor !== null, loadingMore, more, reload, update: setItems };
}
