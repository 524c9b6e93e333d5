import type { ChannelDefinition } from './define-channel.ts';
import { emailChannel } from './email/email-channel.ts';
import { voiceChannel } from './voice/voice-channel.ts';
import { webhookChannel } from './webhook/webhook-channel.ts';
import { wechatChannel, wecomChannel } from './wechat/wechat-channel.ts';

/** Every external channel, once: create-service, build-app and the admin API iterate this list. */
export const CHANNELS: readonly ChannelDefinition[] = [wechatChannel, wecomChannel, webhookChannel, emailChannel, voiceChannel];
