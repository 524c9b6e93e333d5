import { escapeSpeech } from './speech-text.ts';
import type { VoiceAnswer } from './voice-call.ts';
import type { VoiceSettings } from './voice-settings.ts';

const attribute = (value: string | number) => escapeSpeech(String(value));
const languageOf = (locale: 'zh' | 'en') => (locale === 'zh' ? 'zh-CN' : 'en-US');

/**
 * TwiML for a {@link VoiceAnswer}. Prompts are spoken inside <Gather input="speech dtmf" bargeIn="true"> so that the
 * caller can interrupt (barge in) by talking or pressing a key; `actionOnEmptyResult` makes Twilio call back on a
 * timeout too, which is how silence is counted. `actionUrl(next)` builds the signed-over URL of the next turn.
 */
export function renderTwiml(answer: VoiceAnswer, settings: VoiceSettings, actionUrl: (state: { turn: number; silences: number; locale: 'zh' | 'en'; awaiting: boolean }) => string): string {
  const language = languageOf(answer.locale);
  const voice = settings.voices[answer.locale];
  const say = (text: string) => `<Say language="${language}"${voice ? ` voice="${attribute(voice)}"` : ''}>${escapeSpeech(text)}</Say>`;
  const spoken = answer.say.filter((text) => text.trim()).map(say).join('');
  const { next } = answer;
  let body: string;
  if (next.kind === 'gather') {
    const action = actionUrl({ turn: next.turn, silences: next.silences, locale: answer.locale, awaiting: next.awaiting });
    const digits = next.awaiting ? ' finishOnKey="#"' : ' numDigits="1"';
    body = `<Gather input="speech dtmf" language="${language}" timeout="${settings.timeoutSeconds}" speechTimeout="auto" bargeIn="true"${digits} actionOnEmptyResult="true" method="POST" action="${attribute(action)}">${spoken}</Gather>`;
  } else if (next.kind === 'transfer') {
    const { transfer } = next;
    body = transfer.mode === 'dial'
      ? `${spoken}<Dial answerOnBridge="true" timeout="${transfer.timeoutSeconds}"${transfer.callerId ? ` callerId="${attribute(transfer.callerId)}"` : ''}><Number>${escapeSpeech(transfer.number)}</Number></Dial>${say(answer.locale === 'zh' ? '抱歉，客服暂时无法接听，我们会尽快给您回电。' : 'Sorry, no agent could take the call. We will call you back soon.')}<Hangup/>`
      : `${spoken}<Enqueue${transfer.waitUrl ? ` waitUrl="${attribute(transfer.waitUrl)}"` : ''}>${escapeSpeech(transfer.queue)}</Enqueue>`;
  } else {
    body = `${spoken}<Hangup/>`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}

/** Spoken error answer (bad configuration, failure): apologise and hang up rather than leaving the caller in silence. */
export function twimlApology(locale: 'zh' | 'en'): string {
  const text = locale === 'zh' ? '抱歉，系统暂时无法处理您的来电，请稍后再拨。' : 'Sorry, we cannot take your call right now. Please call again later.';
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Say language="${languageOf(locale)}">${escapeSpeech(text)}</Say><Hangup/></Response>`;
}

