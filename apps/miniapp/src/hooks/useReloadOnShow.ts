import { useEffect, useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

/**
 * Call `reload` every time the page shows (coming back from another page refreshes it) while
 * `enabled`, and at once when it becomes enabled (the user just logged in and came back).
 */
export function useReloadOnShow(reload: () => Promise<void>, enabled: boolean): void {
  const enabledRef = useRef(enabled);
  useDidShow(() => {
    if (enabledRef.current) void reload();
  });
  useEffect(() => {
    const was = enabledRef.current;
    enabledRef.current = enabled;
    if (enabled && !was) void reload();
  }, [enabled, reload]);
}
