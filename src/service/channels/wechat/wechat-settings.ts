import { z } from 'zod';
import { LingxiError } from '../../../engine/errors.ts';
import type { ChannelConfig } from '../channel.ts';
import type { WechatCredentials } from './wechat-api.ts';

/** Official Account: settings (shown) and secrets (write-only) of a tenant's `wechat` channel configuration. */
export const wechatSettingsSchema = z.object({
  appId: z.string().min(1).max(64),
  apiBaseUrl: z.url().optional(),
  /** Callbacks whose timestamp is further than this from now are refused (replay protection). */
  timestampToleranceSeconds: z.number().int().min(10).max(3600).default(300),
});
export const wechatSecretsSchema = z.object({
  token: z.string().min(3).max(32),
  appSecret: z.string().min(1).optional(),
  /** Set for safe (encrypted) or compatible mode; plain mode works without it. */
  encodingAesKey: z.string().regex(/^[A-Za-z0-9]{43}$/, 'EncodingAESKey has 43 letters and digits').optional(),
});

/** WeCom customer service (微信客服): the corp id receives the encrypted callbacks; `secret` is the 微信客服 app secret. */
export const wecomSettingsSchema = z.object({
  corpId: z.string().min(1).max(64),
  /** Default customer-service account (open_kfid) for messages that do not name one. */
  openKfId: z.string().min(1).max(64).optional(),
  apiBaseUrl: z.url().optional(),
  timestampToleranceSeconds: z.number().int().min(10).max(3600).default(300),
});
export const wecomSecretsSchema = z.object({
  token: z.string().min(3).max(32),
  encodingAesKey: z.string().regex(/^[A-Za-z0-9]{43}$/, 'EncodingAESKey has 43 letters and digits'),
  secret: z.string().min(1).optional(),
});

export type WechatSettings = z.infer<typeof wechatSettingsSchema> & { secrets: z.infer<typeof wechatSecretsSchema> };
export type WecomSettings = z.infer<typeof wecomSettingsSchema> & { secrets: z.infer<typeof wecomSecretsSchema> };

const parse = <T>(schema: z.ZodType<T>, value: unknown, what: string): T => {
  const result = schema.safeParse(value);
  if (!result.success) throw new LingxiError('validation_failed', `Channel ${what} is incomplete: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}.`);
  return result.data;
};

export const readWechatConfig = (config: ChannelConfig): WechatSettings => ({ ...parse(wechatSettingsSchema, config.settings, 'wechat settings'), secrets: parse(wechatSecretsSchema, config.secrets, 'wechat secrets') });
export const readWecomConfig = (config: ChannelConfig): WecomSettings => ({ ...parse(wecomSettingsSchema, config.settings, 'wecom settings'), secrets: parse(wecomSecretsSchema, config.secrets, 'wecom secrets') });

/** API credentials of a configuration; throws when the secret needed for active messages is missing. */
export function credentialsOf(config: ChannelConfig): WechatCredentials {
  if (config.kind === 'wecom') {
    const wecom = readWecomConfig(config);
    if (!wecom.secrets.secret) throw new LingxiError('validation_failed', 'WeCom channel has no `secret`: set it to send messages.');
    return { kind: 'wecom', id: wecom.corpId, secret: wecom.secrets.secret, baseUrl: wecom.apiBaseUrl };
  }
  const wechat = readWechatConfig(config);
  if (!wechat.secrets.appSecret) throw new LingxiError('validation_failed', 'WeChat channel has no `appSecret`: set it to send customer-service messages.');
  return { kind: 'wechat', id: wechat.appId, secret: wechat.secrets.appSecret, baseUrl: wechat.apiBaseUrl };
}
