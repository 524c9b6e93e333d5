import type { Localized } from '../../../engine/types.ts';

/** A permanent WeChat / WeCom API refusal: what it means, and what the account must change before sending works. */
export interface WechatPermanentError {
  outcome: string;
  /** True when the whole channel is affected (permission, whitelist, credentials), not only one recipient. */
  channelWide: boolean;
  hint: Localized<string>;
}

/**
 * errcodes that no retry can fix (from the 全局返回码 pages of the Official Account and WeCom documentation). They are
 * recorded at once instead of being retried five times, and the channel-wide ones are shown in the admin's channel
 * status with what the account lacks. Everything not listed here is treated as transient and retried.
 */
export const WECHAT_PERMANENT_ERRORS = new Map<number, WechatPermanentError>([
  [48001, { outcome: 'api_unauthorized', channelWide: true, hint: {
    zh: '账号没有该接口权限（48001）：公众号需完成微信认证并具备客服消息接口权限；企业微信需在「微信客服 → API」中把调用接口的应用设为本应用。',
    en: 'The account lacks permission for this API (48001): an Official Account needs WeChat verification (微信认证) and the customer-service message permission; in WeCom, grant the 微信客服 API to this app (微信客服 → API).',
  } }],
  [48004, { outcome: 'api_forbidden', channelWide: true, hint: { zh: '该接口已被封禁（48004），请查看公众平台的通知。', en: 'The API is banned for this account (48004); see the notice in the WeChat admin console.' } }],
  [40164, { outcome: 'ip_not_whitelisted', channelWide: true, hint: { zh: '服务器出口 IP 不在公众号的 IP 白名单中（40164）：在「基本配置 → IP白名单」中添加。', en: 'The server\'s outgoing IP is not in the account\'s IP whitelist (40164): add it under 基本配置 → IP白名单.' } }],
  [60020, { outcome: 'ip_not_whitelisted', channelWide: true, hint: { zh: '服务器出口 IP 不是企业微信应用的可信 IP（60020）：在应用的「企业可信IP」中添加。', en: 'The server\'s outgoing IP is not a trusted IP of the WeCom app (60020): add it under 企业可信IP.' } }],
  [40013, { outcome: 'invalid_app_id', channelWide: true, hint: { zh: 'AppID / CorpID 无效（40013），请检查渠道设置。', en: 'The AppID / CorpID is invalid (40013): check the channel settings.' } }],
  [40125, { outcome: 'invalid_app_secret', channelWide: true, hint: { zh: 'AppSecret 无效或已重置（40125），请重新填写。', en: 'The AppSecret is invalid or was reset (40125): enter it again.' } }],
  [50002, { outcome: 'account_restricted', channelWide: true, hint: { zh: '账号被限制（50002），请查看公众平台的通知。', en: 'The account is restricted (50002); see the notice in the WeChat admin console.' } }],
  [40003, { outcome: 'invalid_recipient', channelWide: false, hint: { zh: '收件人 OpenID 不属于本账号（40003）。', en: 'The recipient\'s OpenID does not belong to this account (40003).' } }],
]);
