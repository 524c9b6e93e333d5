import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEngine, type EngineComponents } from './create-engine.ts';
import type { PackDefinition, Skill } from '../pack.ts';
import type { IntentPrediction } from '../nlu/types.ts';
import type { KnowledgeDoc } from '../knowledge/types.ts';
import { fixedClock } from '../ports.ts';

// A tiny pack and keyword "classifier" so the dialogue policy is tested on its own, independent of NLU quality.
const rules: Array<[RegExp, string]> = [[/human|人工/, 'handoff'], [/never ?mind|算了/, 'cancel_flow'], [/book|预约/, 'book'], [/hello|你好/, 'greet'], [/thanks|谢谢/, 'thanks']];
const classifier = {
  classify(text: string): IntentPrediction {
    if (/maybe/.test(text)) return { label: 'book', confidence: 0.4, status: 'ambiguous', ranking: [{ label: 'book', confidence: 0.4 }, { label: 'greet', confidence: 0.35 }] };
    const hit = rules.find(([re]) => re.test(text.toLowerCase()));
    return hit ? { label: hit[1], confidence: 0.95, status: 'confident', ranking: [{ label: hit[1], confidence: 0.95 }] } : { label: null, confidence: 0.1, status: 'unknown', ranking: [] };
  },
  labels: () => ['handoff', 'cancel_flow', 'book', 'greet', 'thanks'],
  serialize: () => '{}',
};
const faq: KnowledgeDoc = { id: 'p/en/hours', locale: 'en', title: 'Opening hours', questions: ['when are you open?'], answer: 'We are open 9–18.', source: 'faq.en.md#hours' };
const components: EngineComponents = {
  classifier,
  extractor: { extract: (text) => (/\d{4}-\d{2}-\d{2}/.test(text) ? [{ type: 'date', value: /\d{4}-\d{2}-\d{2}/.exec(text)![0], text, start: 0, end: 10 }] : []) },
  sentiment: { analyze: (text) => (/!!!|angry|气死/.test(text) ? { polarity: -0.9, label: 'negative', emotion: 'anger', urgency: 0.8 } : { polarity: 0, label: 'neutral', emotion: 'neutral', urgency: 0 }) },
  retriever: { retrieve: (query) => (/open/.test(query) ? [{ doc: faq, score: 5, confidence: 0.9, coverage: 1 }] : []), size: () => 1 },
};
const bookSkill: Skill<{ booked: string[] }> = {
  name: 'book', intents: ['book'], writes: true,
  run(ctx) {
    const date = ctx.entities('date')[0]?.value;
    if (date) ctx.slots.date = date;
    if (!ctx.slots.date) { ctx.ask('date', 'ask_date'); return 'waiting'; }
    if (ctx.awaiting === 'confirmation' && ctx.isAffirm()) { ctx.data.booked.push(String(ctx.slots.date)); ctx.say('booked', { date: ctx.slots.date }); return 'done'; }
    if (ctx.awaiting === 'confirmation' && ctx.isDeny()) { ctx.say('not_booked'); return 'done'; }
    ctx.ask('confirmation', 'confirm', { date: ctx.slots.date });
    return 'waiting';
  },
};
const en = {
  greeting: 'Hi!', ask_date: 'Which date?', confirm: 'Book {date}?', booked: 'Booked {date}.', not_booked: 'Not booked.',
  'clarify.two': 'Do you mean {a} or {b}?', 'fallback.not_understood': 'Sorry?', 'fallback.offer_human': 'Want a person?', 'quick.human': 'Person',
  'handoff.customer_request': 'Connecting you.', 'handoff.repeated_failure': 'Let me get a person.', 'handoff.negative_sentiment': 'Sorry, getting a person.',
  'handoff.waiting': 'In queue.', 'flow.cancelled': 'Stopped.', 'flow.back': 'Back to it:', 'flow.resume': 'Resuming.', 'smalltalk.greet': 'Hello there.', 'smalltalk.thanks': 'Welcome.',
  'input.empty': 'Empty?', 'input.unreadable': 'Unreadable.', 'input.symbols': 'Symbols only.',
};
function makeEngine() {
  const data = { booked: [] as string[] };
  const pack: PackDefinition<{ booked: string[] }> = {
    name: 'test', locales: ['en', 'zh'], intents: {}, templates: { en, zh: en }, knowledge: [faq], tools: {}, skills: [bookSkill],
    catalog: () => ({ products: [], options: [] }), smallTalk: { greet: 'smalltalk.greet', thanks: 'smalltalk.thanks' },
    intentLabels: { book: { en: 'Book', zh: '预约' }, greet: { en: 'Greet', zh: '问候' } },
  };
  return { engine: createEngine({ pack, data, components, clock: fixedClock('2026-11-20T10:00:00Z'), config: { locale: 'en' } }), data };
}

async function talk(lines: string[]) {
  const { engine, data } = makeEngine();
  let { state } = engine.start();
  const results = [];
  for (const text of lines) {
    const result = await engine.handle(state, { text });
    state = result.state;
    results.push(result);
  }
  return { results, state, data };
}

describe('dialogue policy', () => {
  it('fills a slot, asks for confirmation and acts only after yes', async () => {
    const { results, data } = await talk(['book please', '2026-12-01', 'yes']);
    expect(results[0].replies[0]).toMatchObject({ text: 'Which date?', awaiting: 'date' });
    expect(results[1].replies[0]).toMatchObject({ text: 'Book 2026-12-01?', awaiting: 'confirmation' });
    expect(data.booked).toEqual(['2026-12-01']);
    expect(results[2].events.map((e) => e.type)).toContain('flow.completed');
  });
  it('does not act on no', async () => {
    const { data, results } = await talk(['book 2026-12-01', 'no']);
    expect(data.booked).toEqual([]);
    expect(results[1].replies[0].text).toBe('Not booked.');
  });
  it('answers a digression from the knowledge base and returns to the question', async () => {
    const { results, state } = await talk(['book please', 'when are you open?']);
    const texts = results[1].replies.map((r) => r.text);
    expect(texts).toEqual(['We are open 9–18.', 'Back to it:', 'Which date?']);
    expect(results[1].replies[0].sources[0].source).toBe('faq.en.md#hours');
    expect(state.flow?.name).toBe('book');
  });
  it('cancels a running flow', async () => {
    const { results, state } = await talk(['book please', 'never mind']);
    expect(results[1].replies[0].text).toBe('Stopped.');
    expect(state.flow).toBeNull();
  });
  it('hands over on request and stays quiet afterwards', async () => {
    const { results, state } = await talk(['I want a human', 'hello?']);
    expect(results[0].replies[0].handoff?.reason).toBe('customer_request');
    expect(state.handedOff).toBe(true);
    expect(results[1].replies[0].text).toBe('In queue.');
  });
  it('offers a person after repeated failure, then hands over', async () => {
    const { results } = await talk(['blorp', 'zzz', 'qqq']);
    expect(results[0].replies[0].text).toBe('Sorry?');
    expect(results[1].replies[0].text).toBe('Want a person?');
    expect(results[2].replies[0].handoff?.reason).toBe('repeated_failure');
  });
  it('asks a clarifying question with the two best guesses and accepts the choice', async () => {
    const { results } = await talk(['maybe something', '1']);
    expect(results[0].replies[0].text).toBe('Do you mean Book or Greet?');
    expect(results[0].replies[0].quickReplies.map((q) => q.label)).toEqual(['Book', 'Greet']);
    expect(results[1].replies[0].awaiting).toBe('date');
  });
  it('hands over after sustained anger and answers angry customers apologetically', async () => {
    const { results } = await talk(['angry!!!', 'angry!!!', 'angry!!!']);
    expect(results[0].replies[0].tone).toBe('apologetic');
    expect(results[2].replies.at(-1)?.handoff?.reason).toBe('negative_sentiment');
  });
  it('handles empty and symbol-only input', async () => {
    const { results } = await talk(['', '   ', '😀😀!!']);
    expect(results.map((r) => r.replies[0].text)).toEqual(['Empty?', 'Empty?', 'Symbols only.']);
  });
  it('never throws on arbitrary input', async () => {
    const { engine } = makeEngine();
    const { state } = engine.start();
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 500 }), async (text) => {
      const result = await engine.handle(state, { text });
      expect(result.replies.length).toBeGreaterThan(0);
    }), { numRuns: 200 });
  });
});

describe('a skill claiming a free-text answer (Skill.answers)', () => {
  // Waits on a slot a description does not fill by itself (here 'email'; a sentence does answer 'reason' since the
  // reason slot takes free text); "book" in the description would otherwise start the booking skill as a digression.
  const noteSkill = (claims: boolean): Skill<{ booked: string[] }> => ({
    name: 'note', intents: ['greet'],
    answers: claims ? (u, step) => step === 'email' && /for my/.test(u.normalized) : undefined,
    run(ctx) {
      if (ctx.awaiting === 'email') { ctx.say('booked', { date: ctx.turn.text }); return 'done'; }
      ctx.ask('email', 'ask_date');
      return 'waiting';
    },
  });
  async function run(claims: boolean) {
    const data = { booked: [] as string[] };
    const pack: PackDefinition<{ booked: string[] }> = {
      name: 'test', locales: ['en'], intents: {}, templates: { en, zh: en }, knowledge: [], tools: {}, skills: [bookSkill, noteSkill(claims)],
      catalog: () => ({ products: [], options: [] }), smallTalk: {}, intentLabels: {},
    };
    const engine = createEngine({ pack, data, components, clock: fixedClock('2026-11-20T10:00:00Z'), config: { locale: 'en' } });
    let { state } = engine.start();
    state = (await engine.handle(state, { text: 'hello' })).state;
    const result = await engine.handle(state, { text: 'I would book it for my sister, she is away' });
    return result.replies.map((r) => r.text);
  }
  it('keeps the message with the waiting skill when the skill says it answers the question', async () => {
    expect(await run(true)).toEqual(['Booked I would book it for my sister, she is away.']);
  });
  it('without the claim the same message starts the other skill', async () => {
    expect(await run(false)).toContain('Which date?');
  });
});
