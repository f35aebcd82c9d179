import { createHash, randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';

/** A subscribe message the stand-in accepted. */
export interface StandInSentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** Shared state of one stand-in: issued tokens, queued failures, accepted messages. */
export interface StandInState {
  appId: string;
  appSecret: string;
  tokens: Set<string>;
  /** errcodes to answer the next subscribe/send calls with, in order. */
  failNextSends: number[];
  sent: StandInSentMessage[];
}

/** The openid the stand-in gives a login code (exported so the demo seed can match it). */
export function openidFor(appId: string, code: string): string {
  // Codes of the form `user-<name>-<nonce>` log the same person in every time (tests, demo);
  // any other code is a new person, like a fresh WeChat account.
  const match = /^user-([A-Za-z0-9_]+)-/.exec(code);
  const seed = match ? `user:${match[1]}` : `code:${code}`;
  return `o${createHash('sha256').update(`${appId}:${seed}`).digest('base64url').slice(0, 27)}`;
}

/**
 * Routes of a local stand-in for WeChat's server API, answering like WeChat does, including its
 * error codes: jscode2session (40029 invalid code, 40163 code used, 45011 rate limit, -1 busy),
 * stable_token (40013 bad appid, 40125 bad secret) and subscribe/send (40001 bad token, 43101
 * user refused, 47003 bad data, -1 busy). Test hooks: `POST /__control/fail-next-sends` with
 * `{ errcodes: [...] }`, `GET /__control/sent`.
 */
export function registerWechatStandIn(app: FastifyInstance, state: StandInState, prefix = ''): void {
  const usedCodes = new Set<string>();

  app.get(`${prefix}/sns/jscode2session`, async (req) => {
    const q = req.query as Record<string, string | undefined>;
    if (q.appid !== state.appId) return { errcode: 40013, errmsg: 'invalid appid' };
    if (q.secret !== state.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    const code = q.js_code ?? '';
    if (code === 'busy') return { errcode: -1, errmsg: 'system error' };
    if (code === 'ratelimit') return { errcode: 45011, errmsg: 'api minute-quota reach limit' };
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(code) || code.startsWith('invalid')) return { errcode: 40029, errmsg: 'invalid code' };
    if (usedCodes.has(code)) return { errcode: 40163, errmsg: 'code been used' };
    usedCodes.add(code);
    return { openid: openidFor(state.appId, code), session_key: randomBytes(16).toString('base64') };
  });

  app.post(`${prefix}/cgi-bin/stable_token`, async (req) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    if (b.appid !== state.appId) return { errcode: 40013, errmsg: 'invalid appid' };
    if (b.secret !== state.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    const token = randomBytes(24).toString('base64url');
    if (b.force_refresh) state.tokens.clear();
    state.tokens.add(token);
    return { access_token: token, expires_in: 7200 };
  });

  app.post(`${prefix}/cgi-bin/message/subscribe/send`, async (req) => {
    const token = (req.query as Record<string, string | undefined>).access_token ?? '';
    if (!state.tokens.has(token)) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    const failure = state.failNextSends.shift();
    if (failure !== undefined) return { errcode: failure, errmsg: 'injected failure' };
    const b = (req.body ?? {}) as Partial<StandInSentMessage>;
    if (!b.touser || !b.template_id || typeof b.data !== 'object') return { errcode: 47003, errmsg: 'argument invalid!' };
    state.sent.push(b as StandInSentMessage);
    return { errcode: 0, errmsg: 'ok', msgid: state.sent.length };
  });

  app.post(`${prefix}/__control/fail-next-sends`, async (req) => {
    const b = (req.body ?? {}) as { errcodes?: number[] };
    state.failNextSends.push(...(b.errcodes ?? []));
    return { ok: true };
  });

  app.get(`${prefix}/__control/sent`, async () => ({ sent: state.sent }));
}

/** A fresh stand-in state for an app id and secret. */
export function newStandInState(appId: string, appSecret: string): StandInState {
  return { appId, appSecret, tokens: new Set(), failNextSends: [], sent: [] };
}

/** Start a stand-in on its own port (tests); resolves with its base URL and a stop function. */
export async function startWechatStandIn(
  appId: string,
  appSecret: string,
): Promise<{ baseUrl: string; state: StandInState; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  const state = newStandInState(appId, appSecret);
  registerWechatStandIn(app, state);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: address, state, close: () => app.close() };
}
