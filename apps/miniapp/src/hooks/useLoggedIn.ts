import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { isLoggedIn } from '../services/tokens';

/**
 * Whether the user is logged in, read again every time the page shows: coming back from the login
 * page re-renders the page as logged in (it used to say 请先登录 until a reload).
 */
export function useLoggedIn(): boolean {
  const [loggedIn, setLoggedIn] = useState(isLoggedIn());
  useDidShow(() => setLoggedIn(isLoggedIn()));
  return loggedIn;
}
