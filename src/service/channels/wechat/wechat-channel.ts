import { defineChannel } from '../define-channel.ts';
import { registerWechatHttp } from './wechat-http.ts';
import { createWechatSender } from './wechat-sender.ts';
import { wechatSecretsSchema, wechatSettingsSchema, wecomSecretsSchema, wecomSettingsSchema } from './wechat-settings.ts';

/** WeChat Official Account (微信公众号): XML callbacks, customer-service API replies. Its routes also serve WeCom (shared crypto and replay guard). */
export const wechatChannel = defineChannel({
  kind: 'wechat',
  settings: wechatSettingsSchema,
  secrets: wechatSecretsSchema,
  inboundPath: (tenantId) => `/channels/wechat/${tenantId}`,
  sender: ({ store, channels }) => createWechatSender('wechat', { api: channels.wechatApi, store, now: channels.now }),
  routes: registerWechatHttp,
});

/** WeCom customer service (微信客服): encrypted callbacks → sync_msg pulls, kf/send_msg replies. Routes: see {@link wechatChannel}. */
export const wecomChannel = defineChannel({
  kind: 'wecom',
  settings: wecomSettingsSchema,
  secrets: wecomSecretsSchema,
  inboundPath: (tenantId) => `/channels/wecom/${tenantId}`,
  sender: ({ store, channels }) => createWechatSender('wecom', { api: channels.wechatApi, store, now: channels.now }),
});
