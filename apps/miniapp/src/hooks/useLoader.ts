import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../utils/feedback';
import { useReloadOnShow } from './useReloadOnShow';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Load data every time the page shows (so coming back from another page refreshes it). */
export function useLoader<T>(load: () => Promise<T>, enabled = true): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await loadRef.current());
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useReloadOnShow(reload, enabled);

  return { data, error, loading, reload };
}
