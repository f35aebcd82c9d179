import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';

/**
 * A form's answers kept on the phone as they are typed, so a long form survives a closed app, a
 * lost connection or a call: reopening the page continues where it was. Only what the caller puts
 * in the object is kept (leave out phone numbers and other values that must not sit on the phone).
 * `clear` after a successful submit.
 */
export function useLocalDraft<T extends object>(
  key: string,
  initial: T,
): [T, (patch: Partial<T> | ((current: T) => Partial<T>)) => void, () => void, boolean] {
  const [restored] = useState<T | null>(() => {
    try {
      const saved = Taro.getStorageSync(key) as { v: 1; data: Partial<T> } | '' | undefined;
      return saved && typeof saved === 'object' && saved.v === 1 ? { ...initial, ...saved.data } : null;
    } catch {
      return null;
    }
  });
  const [value, setValue] = useState<T>(restored ?? initial);
  const cleared = useRef(false);

  useEffect(() => {
    if (cleared.current) return;
    try {
      Taro.setStorageSync(key, { v: 1, data: value });
    } catch {
      // Storage full or unavailable: the form still works, it just is not kept.
    }
  }, [key, value]);

  const patch = useCallback(
    (p: Partial<T> | ((current: T) => Partial<T>)) => setValue((v) => ({ ...v, ...(typeof p === 'function' ? p(v) : p) })),
    [],
  );
  const clear = useCallback(() => {
    cleared.current = true;
    Taro.removeStorageSync(key);
  }, [key]);
  return [value, patch, clear, restored !== null];
}
