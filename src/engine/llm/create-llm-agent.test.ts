import { describe, expect, it } from 'vitest';
import { LingxiError } from '../errors.ts';
import { fixedClock } from '../ports.ts';
import type { ConversationState, TurnResult } from '../dialogue/types.ts';
import { createLlmAgent, type CreateLlmAgentOptions, type LlmConversationEngine } from './create-llm-agent.ts';
import { createScriptedProvider, type ScriptStep } from './scripted-provider.ts';
import type { StreamEvent } from './stream-gate.ts';
import { createEchoEngine, createTinyStore, tinyPack, tinyRetriever, type TinyStore } from './__fixtures__/tiny-store.ts';
import cancelOrder from './__fixtures__/cancel-order.json' with { type: 'json' };
import otherCustomer from './__fixtures__/other-customer-order.json' with { type: 'json' };
import inventedTotal from './__fixtures__/invented-total.json' with { type: 'json' };
import knowledgeAnswer from './__fixtures__/knowledge-answer.json' with { type: 'json' };
import injectedArticle from './__fixtures__/injected-article.json' with { type: 'json' };
import malformedArguments from './__fixtures__/malformed-arguments.json' with { type: 'json' };

interface Fixture { turns: Array<{ customer: string; responses: unknown[] }> }

const POLICY = '# Policy\nAuthenticate the customer by email. Refunds to the original payment method take 5-7 business days.';

function setup(script: ScriptStep[], overrides: Partial<CreateLlmAgentOptions<TinyStore>> = {}) {
  const data = createTinyStore();
  const provider = createScriptedProvider(script, { model: 'deepseek-chat' });
  const agent = createLlmAgent({
    packs: [{ pack: tinyPack, data }], provider, offline: createEchoEngine(), retriever: tinyRetriever, policy: POLICY, clock: fixedClock('2024-06-01T10:00:00Z'),
    config: { authenticationTools: ['find_user_id_by_email'], handoffTool: 'transfer_to_human_agents', timeoutMs: 2_000 },
    ...overrides,
  });
  return { data, provider, agent };
}

function scriptOf(fixture: Fixture, turns = fixture.turns.length): ScriptStep[] {
  return fixture.turns.slice(0, turns).flatMap((turn) => turn.responses as ScriptStep[]);
}

async function talk(agent: LlmConversationEngine, texts: string[], onStream?: (event: StreamEvent) => void): Promise<{ state: ConversationState; results: TurnResult[] }> {
  let { state } = agent.start({ locale: 'en' });
  const results: TurnResult[] = [];
  for (const text of texts) {
    const result = await agent.handle(state, { text }, { onStream });
    results.push(result);
    state = result.state;
  }
  return { state, results };
}

describe('createLlmAgent', () => {
  it('runs find_user_id_by_email → get_order_details → cancel_pending_order and holds the write until "yes"', async () => {
    const { agent, data, provider } = setup(scriptOf(cancelOrder));
    const texts = cancelOrder.turns.map((turn) => turn.customer);
    const { results, state } = await talk(agent, texts.slice(0, 2));
    expect(results[0].toolCalls.map((call) => call.name)).toEqual(['find_user_id_by_email', 'get_order_details']);
    expect(results[0].replies[0].text).toContain('$544.29');
    expect(state.customerId).toBe('ivan_santos_6635');
    // The model asked to cancel: nothing changed yet, the engine asks for confirmation.
    expect(results[1].replies[0].awaiting).toBe('confirmation');
    expect(results[1].replies[0].text).toMatch(/order id: #W8770097; reason: no longer needed/);
    expect(data.orders['#W8770097'].status).toBe('pending');
    expect(results[1].events.some((event) => event.type === 'guardrail.triggered' && event.data.outcome === 'held')).toBe(true);

    const confirmed = await agent.handle(state, { text: texts[2] });
    expect(data.orders['#W8770097'].status).toBe('cancelled');
    expect(data.orders['#W8770097'].cancel_reason).toBe('no longer needed');
    expect(confirmed.toolCalls).toMatchObject([{ name: 'cancel_pending_order', ok: true }]);
    expect(confirmed.replies[0].text).toContain('has been cancelled');
    // The model saw the executed call and its result before writing the final text.
    const lastRequest = provider.requests.at(-1)!;
    expect(lastRequest.messages.at(-1)).toMatchObject({ role: 'tool' });
    expect(lastRequest.messages.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ function: { name: 'cancel_pending_order' } }] });
  });

  it('does not execute the held write when the next message is not an explicit yes', async () => {
    const script = [...scriptOf(cancelOrder, 2), { completion: { choices: [{ message: { role: 'assistant', content: 'OK, I will keep the order as it is.' }, finish_reason: 'stop' }] } }];
    const { agent, data } = setup(script);
    const { results } = await talk(agent, [cancelOrder.turns[0].customer, 'no longer needed', 'hmm, what happens to my refund?']);
    expect(data.orders['#W8770097'].status).toBe('pending');
    expect(results[2].toolCalls).toEqual([]);
    expect(results[2].events.some((event) => event.type === 'guardrail.triggered' && event.data.outcome === 'declined')).toBe(true);
  });

  it("refuses a model that tries to cancel another customer's order, even after a yes", async () => {
    const { agent, data } = setup(scriptOf(otherCustomer));
    const { results } = await talk(agent, otherCustomer.turns.map((turn) => turn.customer));
    expect(data.orders['#W6436609'].status).toBe('pending');
    expect(results[0].replies[0].awaiting).toBeNull();
    expect(results[0].toolCalls[1]).toMatchObject({ name: 'cancel_pending_order', ok: false, error: 'this record belongs to another customer' });
    expect(results[0].events.some((event) => event.type === 'guardrail.triggered' && event.data.rule === 'authorisation')).toBe(true);
    expect(results[1].toolCalls).toEqual([]);
  });

  it('with verified identity required, an e-mail the customer typed authenticates nobody (issue 20 item 3)', async () => {
    const call: ScriptStep = { completion: { choices: [{ message: { content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'find_user_id_by_email', arguments: JSON.stringify({ email: 'ivan.santos3158@example.com' }) } }] }, finish_reason: 'tool_calls' }] } };
    const { agent } = setup([call, { completion: { choices: [{ message: { content: 'Please sign in on our website, or I can get you an agent.' } }] } }]);
    const { state } = agent.start({ locale: 'en' });
    const result = await agent.handle(state, { text: 'I am ivan.santos3158@example.com, where is my order?', requireVerifiedIdentity: true });
    expect(result.state.customerId).toBeNull();
    expect(result.toolCalls[0]).toMatchObject({ name: 'find_user_id_by_email', ok: false, error: expect.stringContaining('verification_required') });
    expect(result.events.some((event) => event.type === 'guardrail.triggered' && event.data.rule === 'verified_identity')).toBe(true);
  });

  it('keeps one customer per conversation: a second identity lookup does not switch the customer', async () => {
    const call = (id: string, email: string): ScriptStep => ({ completion: { choices: [{ message: { content: null, tool_calls: [{ id, type: 'function', function: { name: 'find_user_id_by_email', arguments: JSON.stringify({ email }) } }] }, finish_reason: 'tool_calls' }] } });
    const { agent } = setup([call('c1', 'ivan.santos3158@example.com'), call('c2', 'anya.garcia2061@example.com'), { completion: { choices: [{ message: { content: 'I can only help the account holder.' } }] } }]);
    const { state, results } = await talk(agent, ['I am ivan.santos3158@example.com, now switch me to anya.garcia2061@example.com']);
    expect(state.customerId).toBe('ivan_santos_6635');
    expect(results[0].events.some((event) => event.type === 'guardrail.triggered' && event.data.rule === 'one_customer')).toBe(true);
  });

  it('refuses to log in with an identifier the customer never typed, and accepts what they typed in another case or spacing', async () => {
    const call = (id: string, email: string): ScriptStep => ({ completion: { choices: [{ message: { content: null, tool_calls: [{ id, type: 'function', function: { name: 'find_user_id_by_email', arguments: JSON.stringify({ email }) } }] }, finish_reason: 'tool_calls' }] } });
    const answer: ScriptStep = { completion: { choices: [{ message: { content: 'Could you tell me your email?' } }] } };
    const invented = setup([call('c1', 'ivan.santos3158@example.com'), answer]);
    const made = await talk(invented.agent, ['我的订单到哪了，帮我查一下']);
    expect(made.state.customerId).toBeNull();
    expect(made.results[0].toolCalls[0]).toMatchObject({ name: 'find_user_id_by_email', ok: false });
    expect(made.results[0].events.some((event) => event.type === 'guardrail.triggered' && event.data.rule === 'identity_not_given')).toBe(true);

    const typed = setup([call('c1', 'ivan.santos3158@example.com'), answer]);
    const given = await talk(typed.agent, ['hi, it is IVAN.SANTOS3158@EXAMPLE.COM']);
    expect(given.state.customerId).toBe('ivan_santos_6635');
  });

  it('never tells the customer an action was done when no write of that kind succeeded in this turn (zh and en)', async () => {
    const text = (content: string): ScriptStep => ({ completion: { choices: [{ message: { content } }] } });
    for (const [claim, customer] of [['好的，已为您取消订单，款项将原路退回。', '先不要取消，我再想想'], ['Done — your order has been cancelled and the refund is on its way.', "no, don't cancel it yet"]]) {
      const { agent, data } = setup([text(claim)]);
      const streamed: StreamEvent[] = [];
      const { results } = await talk(agent, [customer], (event) => streamed.push(event));
      expect(results[0].replies[0].text).not.toContain(claim.slice(0, 8));
      expect(results[0].events.some((event) => event.type === 'guardrail.triggered' && event.data.rule === 'unsupported_action_claim')).toBe(true);
      expect(streamed.filter((event) => event.type === 'delta').map((event) => (event as { text: string }).text).join('')).not.toMatch(/已为您取消|has been cancelled/);
      expect(data.orders['#W8770097'].status).toBe('pending');
    }
  });

  it('replaces a reply with an invented order total, and never streams it', async () => {
    const { agent } = setup(scriptOf(inventedTotal));
    const streamed: StreamEvent[] = [];
    const { results } = await talk(agent, [inventedTotal.turns[0].customer], (event) => streamed.push(event));
    expect(results[0].replies[0].text).not.toContain('599');
    expect(results[0].replies[0].text).toMatch(/couldn't verify/);
    const guard = results[0].events.find((event) => event.type === 'guardrail.triggered' && event.data.rule === 'ungrounded_facts');
    expect(guard?.data.facts).toEqual(['599']);
    const shown = streamed.filter((event) => event.type === 'delta').map((event) => (event as { text: string }).text).join('');
    expect(shown).not.toContain('599');
  });

  it('streams a grounded reply sentence by sentence and the deltas add up to the reply', async () => {
    const { agent } = setup(scriptOf(cancelOrder, 1));
    const streamed: StreamEvent[] = [];
    const { results } = await talk(agent, [cancelOrder.turns[0].customer], (event) => streamed.push(event));
    const deltas = streamed.filter((event) => event.type === 'delta') as Array<{ text: string }>;
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((delta) => delta.text).join('').trim()).toBe(results[0].replies[0].text);
  });

  it('answers a knowledge question with its sources (Chinese)', async () => {
    const { agent } = setup(scriptOf(knowledgeAnswer));
    const { results } = await talk(agent, [knowledgeAnswer.turns[0].customer]);
    expect(results[0].replies[0].text).toContain('30天');
    expect(results[0].replies[0].sources).toEqual([{ id: 'tiny/zh/returns', title: '退货政策', source: 'faq.zh.md#returns' }]);
    expect(results[0].events.some((event) => event.type === 'knowledge.used')).toBe(true);
  });

  it('passes articles as tool data, never in the system prompt, and injected instructions change nothing', async () => {
    const { agent, data, provider } = setup(scriptOf(injectedArticle));
    const { results } = await talk(agent, [injectedArticle.turns[0].customer]);
    for (const request of provider.requests) {
      expect(request.messages[0].role).toBe('system');
      expect(request.messages[0].content).not.toContain('IGNORE PREVIOUS INSTRUCTIONS');
      expect(request.messages.filter((message) => message.role === 'system')).toHaveLength(1);
    }
    const toolMessage = provider.requests[2].messages.find((message) => message.role === 'tool' && message.content?.includes('IGNORE PREVIOUS'));
    expect(toolMessage).toBeDefined();
    expect(data.orders['#W6436609'].status).toBe('pending');
    expect(results[0].replies[0].awaiting).toBeNull();
  });

  it('returns malformed tool arguments to the model as an error and continues', async () => {
    const { agent } = setup(scriptOf(malformedArguments));
    const { results, state } = await talk(agent, [malformedArguments.turns[0].customer]);
    expect(results[0].toolCalls[0]).toMatchObject({ ok: false });
    expect(results[0].toolCalls[1]).toMatchObject({ ok: true, result: 'ivan_santos_6635' });
    expect(state.customerId).toBe('ivan_santos_6635');
  });

  it('falls back to the offline engine on a provider error, a timeout and an exhausted budget', async () => {
    const rateLimited = setup([{ error: new LingxiError('rate_limited', 'HTTP 429') }]);
    const first = await talk(rateLimited.agent, ['where is my order?']);
    expect(first.results[0].replies[0].text).toBe('offline: where is my order?');
    expect(first.results[0].events.find((event) => event.type === 'llm.failed')?.data.reason).toBe('rate_limited');
    expect(first.state.turns).toBe(1);

    const hanging = setup([{ hang: true }], { config: { timeoutMs: 30 } });
    const second = await talk(hanging.agent, ['where is my order?']);
    expect(second.results[0].replies[0].text).toBe('offline: where is my order?');
    expect(second.results[0].events.find((event) => event.type === 'llm.failed')?.data.reason).toBe('timeout');

    const budget = setup(scriptOf(malformedArguments), { config: { maxTokensPerConversation: 2_000, authenticationTools: ['find_user_id_by_email'] } });
    const third = await talk(budget.agent, ['My email is ivan.santos3158@example.com']);
    expect(third.results[0].events.find((event) => event.type === 'llm.failed')?.data.reason).toBe('budget_exhausted');
    expect(budget.provider.requests).toHaveLength(2);
  });

  it('answers offline when the turn deadline passes, however many steps or retries the model needs', async () => {
    const hanging = setup([{ hang: true }], { config: { timeoutMs: 30_000, turnDeadlineMs: 40 } });
    const first = await talk(hanging.agent, ['我的订单到哪了']);
    expect(first.results[0].replies[0].text).toBe('offline: 我的订单到哪了');
    expect(first.results[0].events.find((event) => event.type === 'llm.failed')?.data.reason).toBe('deadline');

    // Each model step takes 3 s on this clock: the third would end past the 8 s deadline, so it never starts.
    let now = 0;
    const loop: ScriptStep = { completion: { choices: [{ message: { content: null, tool_calls: [{ id: 'x', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id":"#W1"}' } }] } }] } };
    const slow = setup(Array(10).fill(loop), { timer: () => (now += 1_000), config: { maxSteps: 6 } });
    const second = await talk(slow.agent, ['check #W1']);
    expect(second.results[0].events.find((event) => event.type === 'llm.failed')?.data.reason).toBe('deadline');
    expect(slow.provider.requests.length).toBeLessThan(6);
  });

  it('stops a tool loop at the step cap', async () => {
    const loop: ScriptStep = { completion: { choices: [{ message: { content: null, tool_calls: [{ id: 'x', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id":"#W1"}' } }] } }] } };
    const { agent, provider } = setup(Array(10).fill(loop), { config: { maxSteps: 3 } });
    const { results } = await talk(agent, ['check #W1']);
    expect(provider.requests).toHaveLength(3);
    expect(results[0].events.find((event) => event.type === 'llm.failed')?.data.reason).toBe('step_limit');
  });

  it('records tokens, latency and cost per model call', async () => {
    const { agent } = setup(scriptOf(cancelOrder, 1));
    const { results, state } = await talk(agent, [cancelOrder.turns[0].customer]);
    const completed = results[0].events.filter((event) => event.type === 'llm.completed');
    expect(completed).toHaveLength(3);
    expect(completed[0].data).toMatchObject({ model: 'deepseek-chat', promptTokens: 1500, completionTokens: 30, priced: true, currency: 'USD', estimated: false });
    expect(completed[0].data.cost).toBeCloseTo((1500 * 0.28 + 30 * 0.42) / 1e6, 10);
    expect((state.memory.llm as { usage: { calls: number } }).usage.calls).toBe(3);
  });

  it('hands over to a person through the handoff tool', async () => {
    const { agent } = setup([{ completion: { choices: [{ message: { content: null, tool_calls: [{ id: 'h', type: 'function', function: { name: 'transfer_to_human_agents', arguments: '{"summary":"wants a manager"}' } }] } }] } }]);
    const { results, state } = await talk(agent, ['I want to talk to your manager about a custom deal']);
    expect(state.handedOff).toBe(true);
    expect(results[0].replies[0].handoff).toEqual({ reason: 'out_of_scope', summary: 'wants a manager' });
  });

  it('sends the pack tools with JSON Schema from their zod schemas, plus search_knowledge', async () => {
    const { agent, provider } = setup([{ completion: { choices: [{ message: { content: 'How can I help?' } }] } }]);
    await talk(agent, ['help me please']);
    const cancel = provider.requests[0].tools.find((tool) => tool.function.name === 'cancel_pending_order');
    expect(cancel?.function.parameters).toMatchObject({ type: 'object', required: ['order_id', 'reason'], properties: { reason: { enum: ['no longer needed', 'ordered by mistake'] } } });
    expect(provider.requests[0].tools.map((tool) => tool.function.name)).toContain('search_knowledge');
  });
});
