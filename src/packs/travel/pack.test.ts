import { describe, expect, it } from 'vitest';
import { loadTravelPack } from './pack.ts';

const pack = await loadTravelPack();
const ENGINE_KEYS = ['greeting', 'fallback.not_understood', 'fallback.offer_human', 'handoff.customer_request', 'handoff.waiting', 'flow.cancelled',
  'flow.back', 'flow.resume', 'flow.reprompt_generic', 'input.empty', 'input.unreadable', 'input.symbols', 'clarify.two', 'quick.starters',
  'smalltalk.greet', 'smalltalk.thanks', 'action.not_done', 'action.failed'];

describe('travel pack definition', () => {
  it('has every template key in both locales, including the engine-level ones', () => {
    expect(Object.keys(pack.templates.zh).sort()).toEqual(Object.keys(pack.templates.en).sort());
    for (const key of ENGINE_KEYS) expect(pack.templates.zh[key], key).toBeDefined();
  });
  it('has at least 30 phrases per intent and language', () => {
    for (const [intent, phrases] of Object.entries(pack.intents)) {
      expect(phrases.zh.length, `${intent} zh`).toBeGreaterThanOrEqual(30);
      expect(phrases.en.length, `${intent} en`).toBeGreaterThanOrEqual(30);
    }
  });
  it('has at least 40 booking-policy FAQ entries per language, with the same ids', () => {
    const ids = (locale: string) => pack.knowledge.filter((doc) => doc.locale === locale).map((doc) => doc.id.split('/').pop()).sort();
    expect(ids('zh').length).toBeGreaterThanOrEqual(40);
    expect(ids('zh')).toEqual(ids('en'));
  });
  it('sends policy wording to the FAQ, not to the place lookup, even when a hotel is named', () => {
    const hint = (text: string) => pack.intentHints!.find((h) => h.pattern.test(text))?.intent;
    expect(hint('can I cancel my hotel booking?')).toBeUndefined();
    expect(hint('酒店可以取消吗')).toBeUndefined();
    expect(hint('a hotel near Wangfujing under 500 yuan')).toBe('place_lookup');
    expect(hint('故宫门票多少钱')).toBe('place_lookup');
  });
});
