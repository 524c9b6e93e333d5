import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PackDefinition } from '../pack.ts';
import { createCounterIds, fixedClock } from '../ports.ts';
import { defineTool } from '../tools/define-tool.ts';
import { createRecorder, createSkillContext, type TurnEnvironment } from './turn-context.ts';
import type { ConversationState, SlotName, Understanding } from './types.ts';

interface Shop { cancelled: string[]; notes: string[] }
const cancel = defineTool({ name: 'cancel', description: 'cancel an order', input: z.object({ id: z.string() }), write: true, execute: ({ id }, context: { data: Shop }) => { context.data.cancelled.push(id); return id; } });
const note = defineTool({ name: 'note', description: 'keep a note', input: z.object({ text: z.string() }), write: true, needsApproval: false, execute: ({ text }, context: { data: Shop }) => { context.data.notes.push(text); return text; } });
const pack = { name: 'shop', tools: { cancel, note }, templates: { zh: {}, en: {} } } as unknown as PackDefinition<Shop>;

function contextFor(text: string, step: SlotName | null, started = false) {
  const data: Shop = { cancelled: [], notes: [] };
  const state = { id: 'c', locale: 'en', tone: 'neutral', customerId: 'u1', flow: null, suspended: [], memory: {}, failures: 0, turns: 2, handedOff: false, lastIntent: null, pendingChoices: [] } as ConversationState;
  const understanding = { text, normalized: text.toLowerCase(), locale: 'en', intent: null, confidence: 0, status: 'unknown', ranking: [], entities: [], sentiment: { polarity: 0, emotion: 'neutral', intensity: 0 } } as unknown as Understanding;
  const recorder = createRecorder();
  const env: TurnEnvironment<Shop> = { pack, data, clock: fixedClock('2026-12-07T10:00:00Z'), ids: createCounterIds(), state, understanding, tone: 'neutral', recorder };
  const flow = { name: 'cancel_order', slots: {}, step, attempts: 0 };
  return { ctx: createSkillContext(env, flow, started), data, recorder };
}

describe('ctx.call: a write runs only on a yes to the recap just asked', () => {
  it.each<[string, SlotName | null, boolean, boolean]>([
    ['yes, go ahead', 'confirmation', false, true],
    ['确认无误，请办理', 'confirmation', false, true],
    ['yes, actually no', 'confirmation', false, false],
    ['sure, and also cancel the other one', 'confirmation', false, false],
    ['yes', 'order_id', false, false],
    ['cancel #W1 now', null, true, false],
    ['yes', 'confirmation', true, false],
  ])('"%s" while awaiting %s (flow just started: %s) → runs: %s', async (text, step, started, runs) => {
    const { ctx, data, recorder } = contextFor(text, step, started);
    const outcome = await ctx.call('cancel', { id: '#W1' });
    expect(outcome.ok).toBe(runs);
    expect(data.cancelled).toEqual(runs ? ['#W1'] : []);
    if (!runs) {
      expect(outcome.error).toMatch(/^unconfirmed/);
      expect(recorder.events.some((event) => event.type === 'guardrail.triggered' && event.data.rule === 'confirmation')).toBe(true);
    }
  });

  it('a write that declares needsApproval: false (the customer\'s own answers, on request) runs without a recap', async () => {
    const { ctx, data } = contextFor('here are my answers', null, true);
    expect((await ctx.call('note', { text: 'a' })).ok).toBe(true);
    expect(data.notes).toEqual(['a']);
  });
});
