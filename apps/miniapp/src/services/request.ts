import Taro from '@tarojs/taro';
import { currentPageUrl, loginRoute } from '../utils/nav';
import type { ErrorBody, TokenPair } from '@union/shared';
import { clearTokens, getTokens, saveTokens } from './tokens';

/** Base URL of the API; see config/index.ts for the defaults per platform. */
export const API_BASE: string = process.env.TARO_APP_API_BASE;

const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后再试';

/** An error answered by the API (or the network), carrying the code from the closed list. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: ErrorBody['details'];

  constructor(status: number, code: string, message: string, details?: ErrorBody['details']) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** True when `e` is an ApiError with `code`. */
export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Send the access token (default true). Public endpoints pass false. */
  auth?: boolean;
}

function buildUrl(path: string, query?: Query): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return `${API_BASE}${path}${parts.length ? `?${parts.join('&')}` : ''}`;
}

function toApiError(status: number, data: unknown): ApiError {
  const body = (data && typeof data === 'object' ? data : {}) as Partial<ErrorBody>;
  const code = typeof body.code === 'string' ? body.code : status >= 500 ? 'internal_error' : 'unknown_error';
  const message = typeof body.message === 'string' && body.message ? body.message : `请求失败（${status}），请稍后再试`;
  return new ApiError(status, code, message, body.details);
}

interface RawResponse {
  statusCode: number;
  data: unknown;
}

async function send(method: Method, path: string, options: RequestOptions, token?: string): Promise<RawResponse> {
  // No content-type without a body: the server refuses an empty body declared as JSON.
  const header: Record<string, string> = options.body === undefined ? {} : { 'content-type': 'application/json' };
  if (token) header.Authorization = `Bearer ${token}`;
  try {
    return await Taro.request({
      url: buildUrl(path, options.query),
      method,
      data: options.body === undefined ? undefined : (options.body as Record<string, unknown>),
      header,
      dataType: 'json',
      timeout: 20000,
    });
  } catch {
    throw new ApiError(0, 'network_error', NETWORK_ERROR_MESSAGE);
  }
}

let refreshing: Promise<boolean> | null = null;

/** Exchange the refresh token once; concurrent callers share the same attempt. */
function refreshTokens(): Promise<boolean> {
  if (!refreshing) {
    refreshing = (async () => {
      const tokens = getTokens();
      if (!tokens) return false;
      const res = await send('POST', '/auth/refresh', { body: { refreshToken: tokens.refreshToken } }).catch(() => null);
      if (!res || res.statusCode !== 200) return false;
      saveTokens(res.data as TokenPair);
      return true;
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

let redirectingToLogin = false;

/** The session is gone: forget the tokens and send the user to the login page once. */
function goToLogin() {
  clearTokens();
  if (redirectingToLogin) return;
  const pages = Taro.getCurrentPages();
  const current = pages[pages.length - 1]?.route ?? '';
  if (current.includes('pages/login/index')) return;
  redirectingToLogin = true;
  const login = loginRoute(currentPageUrl());
  Taro.navigateTo({ url: login })
    .catch(() => Taro.reLaunch({ url: login }))
    .finally(() => {
      redirectingToLogin = false;
    });
}

/** Send with the access token; on an expired token refresh once and send again; on 401 go to login. */
async function authorised(useAuth: boolean, sendWith: (token?: string) => Promise<RawResponse>): Promise<RawResponse> {
  let res = await sendWith(useAuth ? getTokens()?.accessToken : undefined);
  if (useAuth && res.statusCode === 401) {
    const code = (res.data as Partial<ErrorBody> | undefined)?.code;
    if (code === 'token_expired' && (await refreshTokens())) {
      res = await sendWith(getTokens()?.accessToken);
    }
    if (res.statusCode === 401) {
      goToLogin();
      throw toApiError(401, res.data);
    }
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw toApiError(res.statusCode, res.data);
  return res;
}

/** One API call: JSON in and out, the token attached, one refresh on an expired token. */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await authorised(options.auth !== false, (token) => send(method, path, options, token));
  if (res.statusCode === 204) return undefined as T;
  return res.data as T;
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return data ? (JSON.parse(data) as unknown) : null;
  } catch {
    return null;
  }
}

/**
 * Send one local file (a path from Taro.chooseImage) as multipart/form-data, with the same token,
 * refresh and error handling as `request`. The answer is JSON.
 */
export async function uploadFile<T>(path: string, filePath: string, name: string, formData: Record<string, string>): Promise<T> {
  const res = await authorised(true, async (token) => {
    try {
      const r = await Taro.uploadFile({
        url: buildUrl(path),
        filePath,
        name,
        formData,
        header: token ? { Authorization: `Bearer ${token}` } : {},
        timeout: 60000,
      });
      return { statusCode: r.statusCode, data: parseJson(r.data) };
    } catch {
      throw new ApiError(0, 'network_error', NETWORK_ERROR_MESSAGE);
    }
  });
  return res.data as T;
}

/** An absolute URL for a path the API hands out under its own host (e.g. a file link `/api/files/<token>`). */
export function absoluteUrl(pathOrUrl: string): string {
  if (/^https?:\/\//.test(pathOrUrl)) return pathOrUrl;
  const origin = /^https?:\/\/[^/]+/.exec(API_BASE)?.[0] ?? '';
  return `${origin}${pathOrUrl}`;
}

export const http = {
  get: <T>(path: string, query?: Query, auth = true) => request<T>('GET', path, { query, auth }),
  post: <T>(path: string, body?: unknown, auth = true) => request<T>('POST', path, { body: body ?? {}, auth }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
