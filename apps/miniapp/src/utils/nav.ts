import Taro from '@tarojs/taro';

export const TAB_PAGES = ['/pages/index/index', '/pages/messages/index', '/pages/mine/index'];

/** Build a route with query parameters. */
export function route(path: string, query: Record<string, string | number> = {}): string {
  const q = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return q ? `${path}?${q}` : path;
}

/** The current page with its query, to come back to. */
export function currentPageUrl(): string | undefined {
  const pages = Taro.getCurrentPages();
  const page = pages[pages.length - 1] as { route?: string; options?: Record<string, string> } | undefined;
  return page?.route ? route(`/${page.route.replace(/^\//, '')}`, page.options ?? {}) : undefined;
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

/** The login page, which returns to `then` once the user is logged in. */
export function loginRoute(then?: string): string {
  return then ? route('/pages/login/index', { then }) : '/pages/login/index';
}

/** Open `url` when logged in; else log in first and land on `url` afterwards. */
export async function openLoggedIn(url: string, loggedIn: boolean): Promise<void> {
  await Taro.navigateTo({ url: loggedIn ? url : loginRoute(url) });
}

/** After logging in: replace the login page with the page the user was opening, else go back. */
export async function afterLogin(then: string | undefined): Promise<void> {
  const target = then && then.startsWith('/pages/') ? then : null;
  if (!target) return backOrHome();
  if (TAB_PAGES.includes(target.split('?')[0])) {
    await Taro.switchTab({ url: target.split('?')[0] });
    return;
  }
  await Taro.redirectTo({ url: target });
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
