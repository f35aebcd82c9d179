import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';

/** Why a WeChat call failed, in the terms our callers act on. */
export type WechatFailure =
  | 'invalid_code' // the login code is wrong, expired or used: ask the user to log in again
  | 'rate_limited'
  | 'token_invalid' // our access token was refused: refresh and retry once
  | 'refused' // the user has not subscribed / has no quota: do not retry
  | 'bad_request' // our request is wrong (template, page, data): do not retry
  | 'unavailable'; // busy, network, timeout: retry later

/** A failed WeChat call, with WeChat's own errcode when it sent one. */
export class WechatError extends Error {
  constructor(
    readonly failure: WechatFailure,
    readonly errcode: number | null,
    message: string,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.failure === 'unavailable' || this.failure === 'rate_limited' || this.failure === 'token_invalid';
  }
}

function classify(errcode: number): WechatFailure {
  if ([40029, 40163, 40226].includes(errcode)) return 'invalid_code';
  if ([45011, 45009].includes(errcode)) return 'rate_limited';
  if ([40001, 42001, 40014].includes(errcode)) return 'token_invalid';
  if ([43101, 43107].includes(errcode)) return 'refused';
  if (errcode === -1) return 'unavailable';
  return 'bad_request';
}

/** A subscribe message (订阅消息) to one user. */
export interface SubscribeMessage {
  openid: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
}

/**
 * Our own small client of WeChat's server API (base URL configurable, so tests and the demo
 * point it at the local stand-in). Only the calls the platform needs.
 */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger(WechatClient.name);
  private accessToken: { value: string; expiresAt: number } | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Exchange a `wx.login` code for the openid and session key (jscode2session). */
  async code2Session(code: string): Promise<{ openid: string; sessionKey: string; unionid?: string }> {
    const { appId, appSecret } = this.config.wechat;
    const query = new URLSearchParams({ appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' });
    const body = await this.call('GET', `/sns/jscode2session?${query}`);
    if (typeof body.openid !== 'string' || typeof body.session_key !== 'string') {
      throw new WechatError('unavailable', null, 'jscode2session answered without openid');
    }
    return { openid: body.openid, sessionKey: body.session_key, ...(typeof body.unionid === 'string' ? { unionid: body.unionid } : {}) };
  }

  /** Send a subscribe message; refreshes our access token once when WeChat refuses it. */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    const payload = {
      touser: message.openid,
      template_id: message.templateId,
      ...(message.page ? { page: message.page } : {}),
      data: message.data,
      miniprogram_state: this.config.wechat.miniprogramState,
      lang: 'zh_CN',
    };
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.getAccessToken(attempt > 0);
      try {
        await this.call('POST', `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, payload);
        return;
      } catch (err) {
        if (err instanceof WechatError && err.failure === 'token_invalid' && attempt === 0) continue;
        throw err;
      }
    }
  }

  private async getAccessToken(forceRefresh: boolean): Promise<string> {
    if (!forceRefresh && this.accessToken && this.accessToken.expiresAt > Date.now()) return this.accessToken.value;
    const { appId, appSecret } = this.config.wechat;
    const body = await this.call('POST', '/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: appId,
      secret: appSecret,
      force_refresh: forceRefresh,
    });
    if (typeof body.access_token !== 'string') throw new WechatError('unavailable', null, 'stable_token answered without a token');
    const ttl = typeof body.expires_in === 'number' ? body.expires_in : 7200;
    // Refresh five minutes early so a token never expires mid-call.
    this.accessToken = { value: body.access_token, expiresAt: Date.now() + Math.max(ttl - 300, 60) * 1000 };
    return body.access_token;
  }

  private async call(method: 'GET' | 'POST', path: string, json?: unknown): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(`${this.config.wechat.apiBase}${path}`, {
        method,
        headers: json ? { 'content-type': 'application/json' } : undefined,
        body: json ? JSON.stringify(json) : undefined,
        signal: AbortSignal.timeout(5000),
      });
    } catch (err) {
      throw new WechatError('unavailable', null, `WeChat unreachable: ${(err as Error).message}`);
    }
    if (!response.ok) throw new WechatError('unavailable', null, `WeChat HTTP ${response.status}`);
    let body: Record<string, unknown>;
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch {
      throw new WechatError('unavailable', null, 'WeChat answered with something that is not JSON');
    }
    const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
    if (errcode !== 0) {
      const failure = classify(errcode);
      // The path may hold the app secret or the login code: log only the endpoint name.
      this.logger.warn({ endpoint: path.split('?')[0], errcode, failure }, 'WeChat refused a call');
      throw new WechatError(failure, errcode, `WeChat errcode ${errcode}: ${String(body.errmsg ?? '')}`);
    }
    return body;
  }
}
