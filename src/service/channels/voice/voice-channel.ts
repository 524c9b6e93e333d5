import { defineChannel } from '../define-channel.ts';
import { registerVoiceHttp } from './voice-http.ts';
import { createVoiceSender } from './voice-sender.ts';
import { voiceSecretsSchema, voiceSettingsSchema } from './voice-settings.ts';

/** Telephone (Twilio webhook, generic JSON protocol): answers in the webhook response; later messages are skipped. */
export const voiceChannel = defineChannel({
  kind: 'voice',
  settings: voiceSettingsSchema,
  secrets: voiceSecretsSchema,
  inboundPath: (tenantId) => `/channels/voice/twilio/${tenantId} or /channels/voice/json/${tenantId}`,
  sender: () => createVoiceSender(),
  routes: registerVoiceHttp,
});
