import { z } from 'zod';
import { LingxiError } from '../../../engine/errors.ts';
import type { ChannelConfig } from '../channel.ts';

const localized = z.object({ zh: z.string().min(1).max(300), en: z.string().min(1).max(300) });

const defaultMenu = [
  { digit: '1', label: { zh: '查询订单', en: 'order status' }, text: { zh: '我的订单到哪了', en: 'Where is my order?' } },
  { digit: '2', label: { zh: '退换货', en: 'returns and exchanges' }, text: { zh: '我要退换货', en: 'I want to return or exchange an item' } },
  { digit: '0', label: { zh: '转人工', en: 'an agent' }, text: { zh: '转人工', en: 'I want to talk to a human' } },
];

/**
 * A tenant's voice channel settings (channel_configs.settings of kind 'voice'). Twilio's auth token is a secret
 * (`secrets.authToken`); the generic JSON protocol's signing key is `secrets.signingSecret`.
 */
export const voiceSettingsSchema = z.object({
  /** Public base URL Twilio calls (e.g. https://support.example.com): the signature covers the exact URL, and behind a proxy the request's own host is not it. */
  publicBaseUrl: z.string().url().transform((url) => url.replace(/\/$/, '')).optional(),
  /** Language of a new call; default: the tenant's locale. The caller's detected language takes over after the first turn. */
  locale: z.enum(['zh', 'en']).optional(),
  /** First words of a call; default: a built-in welcome with the tenant's name. */
  greeting: localized.optional(),
  /** DTMF main menu; each digit is mapped to customer text for the engine. */
  menu: z.array(z.object({ digit: z.string().regex(/^[0-9]$/), label: localized, text: localized })).max(10).default(defaultMenu),
  /** Seconds Twilio waits for the caller to start speaking or pressing. */
  timeoutSeconds: z.number().int().min(1).max(30).default(5),
  /** After this many silent prompts in a row: transfer to a person (or hang up when transfer is 'none'). */
  maxSilences: z.number().int().min(1).max(5).default(2),
  /** Where a handed-off call goes: dial an agent line, or wait in a Twilio queue (TaskRouter / your agents' softphones). */
  transfer: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('dial'), number: z.string().regex(/^\+?[0-9*#]{3,20}$/, 'must be a phone number like +8610xxxxxxx'), callerId: z.string().optional(), timeoutSeconds: z.number().int().min(5).max(120).default(30) }),
    z.object({ mode: z.literal('enqueue'), queue: z.string().min(1).max(64), waitUrl: z.string().url().optional() }),
    z.object({ mode: z.literal('none') }),
  ]).default({ mode: 'none' }),
  /** Twilio <Say> voices by locale, e.g. { zh: 'Polly.Zhiyu', en: 'Polly.Joanna' }; default: Twilio's default voice. */
  voices: z.object({ zh: z.string().optional(), en: z.string().optional() }).default({}),
});
export type VoiceSettings = z.infer<typeof voiceSettingsSchema>;

/** Secrets of the voice channel: Twilio's auth token (signature check) and the generic JSON protocol's signing secret. */
export const voiceSecretsSchema = z.object({ authToken: z.string().min(8).max(256).optional(), signingSecret: z.string().min(16).max(256).optional() });
export type VoiceMenuItem = VoiceSettings['menu'][number];

/** The parsed settings of a voice channel config; a bad config fails naming the field to fix. */
export function voiceSettingsOf(config: Pick<ChannelConfig, 'settings' | 'tenantId'>): VoiceSettings {
  const parsed = voiceSettingsSchema.safeParse(config.settings);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`).join('; ');
    throw new LingxiError('validation_failed', `Voice channel settings of tenant ${config.tenantId} are invalid: ${problems}`);
  }
  return parsed.data;
}
