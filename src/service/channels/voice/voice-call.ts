import type { Logger } from 'pino';
import { chooseLocale } from '../../../engine/text/language.ts';
import type { Locale } from '../../../engine/types.ts';
import type { Message, Store, Tenant } from '../../storage/store.ts';
import type { ChannelGateway, ReceiveResult } from '../channel.ts';
import { speechForMessage } from './speech-text.ts';
import type { VoiceMenuItem, VoiceSettings } from './voice-settings.ts';

/** What the caller did since the last prompt. */
export type VoiceInput =
  | { kind: 'start' }
  | { kind: 'speech'; text: string; confidence?: number }
  | { kind: 'dtmf'; digits: string }
  | { kind: 'silence' };

/** One webhook of a call, provider-neutral. `turn`, `silences`, `locale` and `awaiting` come back from our own action URL. */
export interface VoiceTurn {
  callId: string;
  /** Caller's number (E.164), the customer identity of the voice channel. */
  from: string;
  turn: number;
  silences: number;
  locale: Locale;
  /** The last reply asked for a value (order number …): digits are that value, not a menu choice. */
  awaiting: boolean;
  input: VoiceInput;
}

/** What to do next on the line; rendered as TwiML or as the generic JSON protocol. */
export interface VoiceAnswer {
  locale: Locale;
  /** Speech texts in order (plain text, not yet escaped). */
  say: string[];
  next:
    | { kind: 'gather'; turn: number; silences: number; awaiting: boolean }
    | { kind: 'transfer'; transfer: Exclude<VoiceSettings['transfer'], { mode: 'none' }> }
    | { kind: 'hangup' };
  conversationId?: string;
}

const phrases = {
  zh: {
    welcome: (tenant: string, persona: string) => `您好，欢迎致电${tenant}，我是智能客服${persona}。请直接说出您的问题，或者`,
    menuItem: (item: VoiceMenuItem) => `按 ${item.digit} ${item.label.zh}`,
    menuJoin: '，', menuEnd: '。',
    notHeard: '抱歉，我没有听到您的声音。',
    noSuchOption: '抱歉，没有这个选项。',
    transferring: '正在为您转接人工客服，请稍候。',
    callBack: '人工客服会尽快给您回电，感谢您的来电，再见。',
    goodbye: '感谢您的来电，再见。',
    handoffText: '转人工',
  },
  en: {
    welcome: (tenant: string, persona: string) => `Hello, thank you for calling ${tenant}. I am ${persona}, the virtual assistant. Tell me how I can help, or`,
    menuItem: (item: VoiceMenuItem) => `press ${item.digit} for ${item.label.en}`,
    menuJoin: ', ', menuEnd: '.',
    notHeard: 'Sorry, I did not hear anything.',
    noSuchOption: 'Sorry, that is not an option.',
    transferring: 'Connecting you to an agent, please hold.',
    callBack: 'An agent will call you back soon. Thank you for calling, goodbye.',
    goodbye: 'Thank you for calling, goodbye.',
    handoffText: 'I want to talk to a human',
  },
};

/** The DTMF menu as one sentence: "按 1 查询订单，按 2 退换货，按 0 转人工。" / "press 1 for order status, …". */
export function menuSentence(menu: VoiceMenuItem[], locale: Locale): string {
  const words = phrases[locale];
  return menu.length ? `${menu.map(words.menuItem).join(words.menuJoin)}${words.menuEnd}` : '';
}

export interface VoiceCallsDeps {
  gateway: ChannelGateway;
  store: Store;
  logger?: Logger;
}

/**
 * The call logic of the voice channel, independent of the telephony provider: a welcome with the DTMF menu, menu
 * digits mapped to customer text, recognised speech handed to the engine through the channel gateway (one stored
 * message per turn, keyed `callId:turn`, so a retried webhook is stored once), silence handling (re-prompt with the
 * menu, then transfer or goodbye) and transfer once the conversation is queued for or owned by a person.
 */
export function createVoiceCalls(deps: VoiceCallsDeps) {
  const { gateway, store } = deps;

  async function spokenReplies(tenant: Tenant, result: ReceiveResult, messageId: string): Promise<Message[]> {
    // A new conversation's greeting comes first in `replies`; on the phone the welcome was already spoken.
    const own = await store.getMessageByClientId(tenant.id, result.conversation.id, `voice:${messageId}`);
    return result.replies.filter((reply) => (own ? reply.seq > own.seq : true) && (reply.author === 'bot' || reply.author === 'agent' || reply.author === 'system'));
  }

  function handedOff(result: ReceiveResult, settings: VoiceSettings, say: string[], locale: Locale): VoiceAnswer {
    const words = phrases[locale];
    if (settings.transfer.mode === 'none') return { locale, say: [...say, words.callBack], next: { kind: 'hangup' }, conversationId: result.conversation.id };
    return { locale, say: say.length ? say : [words.transferring], next: { kind: 'transfer', transfer: settings.transfer }, conversationId: result.conversation.id };
  }

  async function converse(tenant: Tenant, settings: VoiceSettings, turn: VoiceTurn, text: string, messageId: string, meta: Record<string, unknown>): Promise<VoiceAnswer> {
    const result = await gateway.receive(tenant, { channel: 'voice', senderId: turn.from, text, messageId, threadKey: turn.callId, locale: chooseLocale(text, turn.locale), meta: { callId: turn.callId, ...meta } });
    const locale = result.conversation.locale;
    const replies = await spokenReplies(tenant, result, messageId);
    const say = replies.map((reply) => speechForMessage(reply, locale)).filter(Boolean);
    if (result.conversation.owner === 'queued' || result.conversation.owner === 'human') return handedOff(result, settings, say, locale);
    const awaiting = replies.some((reply) => reply.author === 'bot' && typeof reply.payload.awaiting === 'string');
    return { locale, say, next: { kind: 'gather', turn: turn.turn + 1, silences: 0, awaiting }, conversationId: result.conversation.id };
  }

  return {
    /** The answer to one webhook of a call. */
    async answer(tenant: Tenant, settings: VoiceSettings, turn: VoiceTurn): Promise<VoiceAnswer> {
      const { locale, input } = turn;
      const words = phrases[locale];
      const menu = menuSentence(settings.menu, locale);
      const again = (lead: string, silences: number): VoiceAnswer => ({ locale, say: [`${lead}${menu ? (locale === 'zh' ? '请' : ' Please ') + menu : ''}`], next: { kind: 'gather', turn: turn.turn, silences, awaiting: false } });
      if (input.kind === 'start') {
        const welcome = settings.greeting?.[locale] ?? words.welcome(tenant.name, tenant.settings.personaName);
        return { locale, say: [settings.greeting ? `${welcome}${menu ? (locale === 'zh' ? '' : ' ') + menu : ''}` : `${welcome}${locale === 'zh' ? '' : ' '}${menu}`], next: { kind: 'gather', turn: Math.max(1, turn.turn), silences: 0, awaiting: false } };
      }
      if (input.kind === 'silence' || (input.kind === 'speech' && !input.text.trim()) || (input.kind === 'dtmf' && !input.digits)) {
        const silences = turn.silences + 1;
        if (silences < settings.maxSilences) return again(words.notHeard, silences);
        if (settings.transfer.mode === 'none') return { locale, say: [words.goodbye], next: { kind: 'hangup' } };
        const transferText = settings.menu.find((item) => item.digit === '0')?.text[locale] ?? words.handoffText;
        return converse(tenant, settings, turn, transferText, `${turn.callId}:${turn.turn}:silence`, { input: 'silence' });
      }
      if (input.kind === 'dtmf') {
        if (turn.awaiting) return converse(tenant, settings, turn, input.digits, `${turn.callId}:${turn.turn}`, { input: 'dtmf', digits: input.digits });
        const item = settings.menu.find((entry) => entry.digit === input.digits[0]);
        if (!item) return again(words.noSuchOption, turn.silences);
        return converse(tenant, settings, turn, item.text[locale], `${turn.callId}:${turn.turn}`, { input: 'dtmf', digits: item.digit });
      }
      return converse(tenant, settings, turn, input.text.trim(), `${turn.callId}:${turn.turn}`, { input: 'speech', ...(input.confidence !== undefined ? { confidence: input.confidence } : {}) });
    },
  };
}

export type VoiceCalls = ReturnType<typeof createVoiceCalls>;
