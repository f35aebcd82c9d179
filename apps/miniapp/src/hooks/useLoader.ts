import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { errorMessage } from '../utils/feedback';

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

  const enabledRef = useRef(enabled);
  useDidShow(() => {
    if (enabledRef.current) void reload();
  });
  // Becoming enabled (the user just logged in and came back) loads at once.
  useEffect(() => {
    const was = enabledRef.current;
    enabledRef.current = enabled;
    if (enabled && !was) void reload();
  }, [enabled, reload]);

  return { data, error, loading, reload };
}
