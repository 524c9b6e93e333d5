/** Which API family: WeChat Official Account (api.weixin.qq.com) or WeCom (qyapi.weixin.qq.com). */
export type WechatApiKind = 'wechat' | 'wecom';

/** App id + app secret (Official Account) or corp id + the customer-service app's secret (WeCom). */
export interface WechatCredentials {
  kind: WechatApiKind;
  id: string;
  secret: string;
  /** Default: https://api.weixin.qq.com (wechat) / https://qyapi.weixin.qq.com (wecom); tests point it at 127.0.0.1. */
  baseUrl?: string;
}

/** An API answer with a non-zero `errcode`. */
export class WechatApiError extends Error {
  constructor(readonly errcode: number, readonly errmsg: string, readonly path: string) {
    super(`WeChat API ${path} answered errcode ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

export const DEFAULT_BASE_URLS: Record<WechatApiKind, string> = { wechat: 'https://api.weixin.qq.com', wecom: 'https://qyapi.weixin.qq.com' };
/** errcodes meaning "the access token is invalid or expired": drop the cached one and retry once. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

/**
 * Calls to the WeChat / WeCom server APIs with the access token fetched (`cgi-bin/token` or `cgi-bin/gettoken`) and
 * cached per account until five minutes before it expires. One instance per process: WeChat invalidates older tokens
 * when a new one is fetched, so every caller must share this cache (several nodes: see docs/channels.md).
 */
export function createWechatApi(deps: { fetch: typeof fetch; now: () => Date; timeoutMs?: number }) {
  const tokens = new Map<string, { value: string; expiresAt: number } | Promise<string>>();
  const base = (credentials: WechatCredentials) => (credentials.baseUrl ?? DEFAULT_BASE_URLS[credentials.kind]).replace(/\/+$/, '');
  const cacheKey = (credentials: WechatCredentials) => `${credentials.kind}:${base(credentials)}:${credentials.id}`;

  async function request(url: string, init: RequestInit, path: string): Promise<Record<string, unknown>> {
    const response = await deps.fetch(url, { ...init, signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000) });
    if (!response.ok) throw new Error(`WeChat API ${path} answered HTTP ${response.status}`);
    const body = (await response.json()) as Record<string, unknown>;
    const errcode = Number(body.errcode ?? 0);
    if (errcode !== 0) throw new WechatApiError(errcode, String(body.errmsg ?? ''), path);
    return body;
  }

  async function fetchToken(credentials: WechatCredentials): Promise<string> {
    const query = credentials.kind === 'wechat'
      ? `/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(credentials.id)}&secret=${encodeURIComponent(credentials.secret)}`
      : `/cgi-bin/gettoken?corpid=${encodeURIComponent(credentials.id)}&corpsecret=${encodeURIComponent(credentials.secret)}`;
    const body = await request(base(credentials) + query, { method: 'GET' }, query.split('?')[0]);
    if (typeof body.access_token !== 'string') throw new Error('WeChat token answer has no access_token');
    const lifetime = Number(body.expires_in ?? 7200) * 1000;
    tokens.set(cacheKey(credentials), { value: body.access_token, expiresAt: deps.now().getTime() + Math.max(60_000, lifetime - 300_000) });
    return body.access_token;
  }

  async function accessToken(credentials: WechatCredentials): Promise<string> {
    const cached = tokens.get(cacheKey(credentials));
    if (cached instanceof Promise) return cached;
    if (cached && cached.expiresAt > deps.now().getTime()) return cached.value;
    // One fetch at a time per account: concurrent senders wait for the same token.
    const pending = fetchToken(credentials).catch((error: unknown) => {
      tokens.delete(cacheKey(credentials));
      throw error;
    });
    tokens.set(cacheKey(credentials), pending);
    return pending;
  }

  /** POSTs JSON to `path` with the access token; retries once with a fresh token when the token was rejected. */
  async function call(credentials: WechatCredentials, path: string, body: unknown): Promise<Record<string, unknown>> {
    for (let attempt = 1; ; attempt++) {
      const token = await accessToken(credentials);
      try {
        return await request(`${base(credentials)}${path}?access_token=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, path);
      } catch (error) {
        if (attempt === 1 && error instanceof WechatApiError && TOKEN_ERRORS.has(error.errcode)) {
          tokens.delete(cacheKey(credentials));
          continue;
        }
        throw error;
      }
    }
  }

  return { accessToken, call };
}

export type WechatApi = ReturnType<typeof createWechatApi>;
