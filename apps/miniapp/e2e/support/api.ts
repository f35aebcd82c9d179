/* The server under test, as the global setup started it, and a minimal JSON client of its API. */
import path from 'path';
import { SHOTS } from './checks';

/** Written by the global setup: everything the server printed. */
export const SERVER_LOG = path.join(SHOTS, 'server.log');

/** The server the global setup started (it sets E2E_BASE_URL for the workers). */
export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run the suite with `playwright test` (the global setup starts the server)');
  return url;
}

/** Minimal JSON client for test setup through the public API. */
export async function api<T>(method: string, apiPath: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl()}/api${apiPath}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${apiPath} -> ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** An access token of a demo persona. */
export async function tokenOf(persona: string): Promise<string> {
  return (await api<{ accessToken: string }>('POST', '/auth/demo-login', null, { persona })).accessToken;
}
