import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServiceContext } from '../../http/service-context.ts';
import { verifyWebhookSignature } from '../webhook/webhook-channel-http.ts';
import { escapeSpeech } from './speech-text.ts';
import type { VoiceAnswer, VoiceCalls, VoiceInput } from './voice-call.ts';
import { voiceSettingsOf, type VoiceSettings } from './voice-settings.ts';

const BODY_LIMIT_BYTES = 32 * 1024;
const TOLERANCE_SECONDS = 300;

const stateSchema = z.object({ turn: z.number().int().min(0).max(10_000), silences: z.number().int().min(0).max(10), locale: z.enum(['zh', 'en']), awaiting: z.boolean() });
const eventSchema = z.object({
  callId: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'use 1-64 letters, digits, _ . : -'),
  from: z.string().min(1).max(64),
  event: z.enum(['start', 'speech', 'dtmf', 'silence']),
  text: z.string().max(4000).optional(),
  digits: z.string().regex(/^[0-9*#]{0,32}$/).optional(),
  confidence: z.number().min(0).max(1).optional(),
  /** Opaque state from the previous answer's gather action, echoed back unchanged. */
  state: z.string().max(400).optional(),
});

/** Same signing as the generic webhook channel: X-Lingxi-Timestamp + X-Lingxi-Signature over `timestamp + "." + raw body`. */
function verify(secret: string, timestamp: string, signature: string | undefined, body: string, nowSeconds: number): boolean {
  if (!secret || !/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  return verifyWebhookSignature(secret, timestamp, body, signature);
}

/** A {@link VoiceAnswer} as provider-neutral actions (say with SSML, gather, transfer, hangup). */
export function jsonActions(answer: VoiceAnswer, settings: VoiceSettings) {
  const language = answer.locale === 'zh' ? 'zh-CN' : 'en-US';
  const actions: Array<Record<string, unknown>> = answer.say.filter((text) => text.trim()).map((text) => ({ type: 'say', text, ssml: `<speak xml:lang="${language}">${escapeSpeech(text)}</speak>` }));
  const { next } = answer;
  if (next.kind === 'gather') {
    const state = Buffer.from(JSON.stringify({ turn: next.turn, silences: next.silences, locale: answer.locale, awaiting: next.awaiting })).toString('base64url');
    actions.push({ type: 'gather', input: ['speech', 'dtmf'], language, timeoutSeconds: settings.timeoutSeconds, bargeIn: true, maxDigits: next.awaiting ? null : 1, finishOnKey: next.awaiting ? '#' : null, state });
  } else if (next.kind === 'transfer') {
    actions.push(next.transfer.mode === 'dial' ? { type: 'transfer', mode: 'dial', number: next.transfer.number, timeoutSeconds: next.transfer.timeoutSeconds } : { type: 'transfer', mode: 'queue', queue: next.transfer.queue });
  } else actions.push({ type: 'hangup' });
  return { locale: answer.locale, language, conversationId: answer.conversationId ?? null, actions };
}

/**
 * Generic JSON voice protocol for providers without Twilio's format (Alibaba Cloud / Tencent Cloud intelligent call
 * bots, in-house IVRs): `POST /channels/voice/json/:tenantId` with a signed JSON event, answered with JSON actions.
 * See docs/channels.md ("Voice — generic JSON protocol").
 */
export function registerJsonVoiceHttp(app: FastifyInstance, context: ServiceContext, calls: VoiceCalls): void {
  const { store, logger } = context;
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
    scope.post<{ Params: { tenantId: string } }>('/channels/voice/json/:tenantId', { schema: { hide: true } }, async (request, reply) => {
      const config = await context.channels?.configs.get(request.params.tenantId, 'voice');
      const tenant = config?.enabled ? await store.getTenant(request.params.tenantId) : null;
      if (!config?.enabled || !tenant) return reply.code(404).send({ error: 'not_found', message: 'No voice channel is configured for this tenant.' });
      const raw = typeof request.body === 'string' ? request.body : '';
      const signature = request.headers['x-lingxi-signature'];
      const now = Math.floor((context.channels?.now() ?? new Date()).getTime() / 1000);
      if (!verify(config.secrets.signingSecret ?? '', String(request.headers['x-lingxi-timestamp'] ?? ''), typeof signature === 'string' ? signature : undefined, raw, now)) {
        return reply.code(401).send({ error: 'unauthenticated', message: 'Bad or stale signature: send X-Lingxi-Timestamp (Unix seconds, within 5 min) and X-Lingxi-Signature: sha256=<hex HMAC-SHA256(signingSecret, timestamp + "." + raw body)>.' });
      }
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return reply.code(400).send({ error: 'validation_failed', message: 'The body is not JSON.' });
      }
      const parsed = eventSchema.safeParse(json);
      if (!parsed.success) return reply.code(400).send({ error: 'validation_failed', message: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
      const event = parsed.data;
      let state: z.infer<typeof stateSchema> | null = null;
      try {
        state = event.state ? stateSchema.parse(JSON.parse(Buffer.from(event.state, 'base64url').toString('utf8'))) : null;
      } catch {
        return reply.code(400).send({ error: 'validation_failed', message: 'state: echo the value of the last gather action unchanged.' });
      }
      try {
        const settings = voiceSettingsOf(config);
        const input: VoiceInput = event.event === 'speech' ? { kind: 'speech', text: event.text ?? '', ...(event.confidence !== undefined ? { confidence: event.confidence } : {}) }
          : event.event === 'dtmf' ? { kind: 'dtmf', digits: (event.digits ?? '').replace(/#$/, '') }
          : event.event === 'start' ? { kind: 'start' } : { kind: 'silence' };
        const answer = await calls.answer(tenant, settings, {
          callId: event.callId, from: event.from, input,
          locale: state?.locale ?? settings.locale ?? tenant.settings.locale, turn: state?.turn ?? 0, silences: state?.silences ?? 0, awaiting: state?.awaiting ?? false,
        });
        return jsonActions(answer, settings);
      } catch (error) {
        logger.error({ err: error, tenantId: tenant.id }, 'json voice webhook failed');
        return reply.code(500).send({ error: 'internal', message: 'The call could not be handled; say sorry and hang up.' });
      }
    });
  });
}
