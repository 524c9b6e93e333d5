import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../http/service-context.ts';
import { registerJsonVoiceHttp } from './json-voice-http.ts';
import { registerTwilioVoiceHttp } from './twilio-voice-http.ts';
import { createVoiceCalls } from './voice-call.ts';

/**
 * The voice channel's routes (Twilio webhook, generic JSON protocol), declared in voice-channel.ts; does nothing when
 * the service runs without channels (no SQL client).
 */
export function registerVoiceHttp(app: FastifyInstance, context: ServiceContext): void {
  if (!context.channels) return;
  const calls = createVoiceCalls({ gateway: context.channels.gateway, store: context.store, logger: context.logger });
  registerTwilioVoiceHttp(app, context, calls);
  registerJsonVoiceHttp(app, context, calls);
}
