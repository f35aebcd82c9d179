import Taro from '@tarojs/taro';

export const TAB_PAGES = ['/pages/index/index', '/pages/messages/index', '/pages/mine/index'];

/** Build a route with query parameters. */
export function route(path: string, query: Record<string, string | number> = {}): string {
  const q = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return q ? `${path}?${q}` : path;
}

/** Go to any page of the app: tab pages need switchTab. */
export async function go(url: string): Promise<void> {
  const path = url.startsWith('/') ? url : `/${url}`;
  const bare = path.split('?')[0];
  if (TAB_PAGES.includes(bare)) {
    await Taro.switchTab({ url: bare });
    return;
  }
  await Taro.navigateTo({ url: path });
}

/** Go back when there is a page behind, else to the home tab. */
export async function backOrHome(): Promise<void> {
  if (Taro.getCurrentPages().length > 1) {
    await Taro.navigateBack();
    return;
  }
  await Taro.switchTab({ url: '/pages/index/index' });
}

/** Numeric route parameter of the current page, or null. */
export function numberParam(value: string | undefined): number | null {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : null;
}
