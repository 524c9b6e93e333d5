import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Locale } from '../../../engine/types.ts';
import type { ServiceContext } from '../../http/service-context.ts';
import { verifyTwilioSignature, type FormParameters } from './twilio-signature.ts';
import { renderTwiml, twimlApology } from './twiml.ts';
import type { VoiceCalls, VoiceInput } from './voice-call.ts';
import { voiceSettingsOf } from './voice-settings.ts';

const FORM_LIMIT_BYTES = 32 * 1024;

/** The URL Twilio requested (what it signed): the configured public base URL, else this request's own origin. */
function requestUrl(request: FastifyRequest, publicBaseUrl: unknown): string {
  const base = typeof publicBaseUrl === 'string' && publicBaseUrl ? publicBaseUrl.replace(/\/$/, '') : `${request.protocol}://${request.headers.host ?? 'localhost'}`;
  return `${base}${request.url}`;
}

/**
 * Twilio Programmable Voice webhook: `POST /channels/voice/twilio/:tenantId` (set it as the number's "A call comes in"
 * webhook). Form-encoded posts are verified against X-Twilio-Signature with the tenant's auth token before anything
 * else is read; answers are TwiML. The next turn's state (turn, silences, language, awaiting) travels in the action URL,
 * which Twilio signs too.
 */
export function registerTwilioVoiceHttp(app: FastifyInstance, context: ServiceContext, calls: VoiceCalls): void {
  const { store, logger } = context;
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (_request, body, done) => {
      done(null, [...new URLSearchParams(body as string)] as FormParameters);
    });
    scope.post<{ Params: { tenantId: string }; Querystring: Record<string, string | undefined> }>('/channels/voice/twilio/:tenantId', {
      schema: { hide: true },
    }, async (request, reply) => {
      const xml = (text: string, status = 200) => reply.code(status).type('text/xml; charset=utf-8').send(text);
      const config = await context.channels?.configs.get(request.params.tenantId, 'voice');
      const tenant = config?.enabled ? await store.getTenant(request.params.tenantId) : null;
      if (!config?.enabled || !tenant) return reply.code(404).type('text/plain').send('No voice channel is configured for this tenant.');
      const parameters = Array.isArray(request.body) ? (request.body as FormParameters) : [];
      const signature = request.headers['x-twilio-signature'];
      if (!verifyTwilioSignature(config.secrets.authToken ?? '', requestUrl(request, config.settings.publicBaseUrl), parameters, typeof signature === 'string' ? signature : undefined)) {
        logger.warn({ tenantId: tenant.id }, 'twilio voice webhook with a bad signature refused');
        return reply.code(401).type('text/plain').send('Bad X-Twilio-Signature: check the auth token of the voice channel and its publicBaseUrl.');
      }
      const form = new Map(parameters);
      const query = request.query;
      const locale: Locale = query.lang === 'en' || query.lang === 'zh' ? query.lang : tenant.settings.locale;
      try {
        const settings = voiceSettingsOf(config);
        const callId = form.get('CallSid') ?? '';
        const from = form.get('From') ?? form.get('Caller') ?? '';
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(callId) || !from) return xml(twimlApology(locale), 400);
        if (['completed', 'busy', 'failed', 'no-answer', 'canceled'].includes(form.get('CallStatus') ?? '')) return xml('<?xml version="1.0" encoding="UTF-8"?><Response/>');
        const speech = form.get('SpeechResult')?.trim();
        const digits = form.get('Digits')?.replace(/[^0-9*#]/g, '');
        const confidence = Number(form.get('Confidence'));
        const input: VoiceInput = speech ? { kind: 'speech', text: speech.slice(0, context.config.messageMaxChars), ...(Number.isFinite(confidence) ? { confidence } : {}) }
          : digits ? { kind: 'dtmf', digits }
          : query.turn === undefined ? { kind: 'start' } : { kind: 'silence' };
        const answer = await calls.answer(tenant, { ...settings, locale: settings.locale ?? locale }, {
          callId, from, input, locale: query.lang === undefined ? (settings.locale ?? tenant.settings.locale) : locale,
          turn: Math.max(0, Math.min(10_000, Number.parseInt(query.turn ?? '0', 10) || 0)),
          silences: Math.max(0, Math.min(10, Number.parseInt(query.silences ?? '0', 10) || 0)),
          awaiting: query.awaiting === '1',
        });
        return xml(renderTwiml(answer, settings, (state) => `/channels/voice/twilio/${encodeURIComponent(tenant.id)}?${new URLSearchParams({ turn: String(state.turn), silences: String(state.silences), lang: state.locale, ...(state.awaiting ? { awaiting: '1' } : {}) })}`));
      } catch (error) {
        logger.error({ err: error, tenantId: tenant.id }, 'twilio voice webhook failed');
        return xml(twimlApology(locale));
      }
    });
  });
}
