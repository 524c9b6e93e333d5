import { describe, expect, it } from 'vitest';
import { createLlmAgent } from '../../engine/llm/create-llm-agent.ts';
import { createScriptedProvider, type ScriptStep } from '../../engine/llm/scripted-provider.ts';
import type { CompletionChunk, LlmProvider } from '../../engine/llm/types.ts';
import { fixedClock } from '../../engine/ports.ts';
import { createEchoEngine, createTinyStore, tinyPack, tinyRetriever } from '../../engine/llm/__fixtures__/tiny-store.ts';
import { createPrivacyProvider } from './privacy-provider.ts';

const EMAIL = 'ivan.santos3158@example.com';
const call = (id: string, name: string, args: Record<string, unknown>): ScriptStep => ({
  completion: { id, object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }] }, finish_reason: 'tool_calls' }] },
} as unknown as ScriptStep);
const say = (...pieces: string[]): ScriptStep => ({
  chunks: pieces.map((content) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
} as unknown as ScriptStep);

function agentWith(inner: LlmProvider) {
  return createLlmAgent({
    packs: [{ pack: tinyPack, data: createTinyStore() }], provider: createPrivacyProvider(inner), offline: createEchoEngine(), retriever: tinyRetriever,
    policy: 'Help customers.', clock: fixedClock('2024-06-01T10:00:00Z'), config: { authenticationTools: ['find_user_id_by_email'], timeoutMs: 2_000 },
  });
}

describe('strict privacy provider', () => {
  it('sends no e-mail, user id or conversation id, yet the tools run on the real values', async () => {
    // The model answers with placeholders it was given: the look-up must still run on the real e-mail.
    const inner = createScriptedProvider((request, index) => {
      const placeholder = (text: string, kind: string) => new RegExp(`\\[${kind}_\\d+\\]`).exec(text)?.[0] ?? 'missing';
      const all = JSON.stringify(request.messages);
      if (index === 0) return call('call_1', 'find_user_id_by_email', { email: placeholder(all, 'email') });
      if (index === 1) return call('call_2', 'get_order_details', { order_id: '#W8770097' });
      return say('Your order #W8770097 is pending, ', placeholder(all, 'personal').slice(0, 4), `${placeholder(all, 'personal').slice(4)}.`);
    });
    const agent = agentWith(inner);
    const { state } = agent.start({ locale: 'en', id: 'conv_secret_42' });
    const streamed: string[] = [];
    const turn = await agent.handle(state, { text: `Where is my order #W8770097? My email is ${EMAIL}` }, { onStream: (event) => event.type === 'delta' && streamed.push(event.text) });
    expect(turn.state.customerId).toBe('ivan_santos_6635');
    expect(turn.toolCalls.map((toolCall) => [toolCall.name, toolCall.ok])).toEqual([['find_user_id_by_email', true], ['get_order_details', true]]);
    const left = JSON.stringify(inner.requests);
    expect(left).not.toContain(EMAIL);
    expect(left).not.toContain('ivan_santos_6635');
    expect(left).not.toContain('conv_secret_42');
    expect(left).toContain('#W8770097');
    expect(left).toContain('"authenticated\\":true');
    // The placeholder the model wrote (split across two deltas) reaches the customer as the real value.
    expect(turn.replies[0].text).toBe('Your order #W8770097 is pending, ivan_santos_6635.');
    expect(streamed.join('')).toBe(turn.replies[0].text);
  });

  it('masks Chinese mobile numbers and ID numbers in customer text', async () => {
    const inner = createScriptedProvider(() => say('好的。'));
    const agent = agentWith(inner);
    const { state } = agent.start({ locale: 'zh' });
    await agent.handle(state, { text: '我的手机 13812345678，身份证 110101199003071234，请帮我查询' });
    const left = JSON.stringify(inner.requests);
    expect(left).not.toContain('13812345678');
    expect(left).not.toContain('110101199003071234');
    expect(left).toMatch(/\[phone_\d+\].*\[id_\d+\]/);
  });

  it('restores a placeholder split across stream chunks and passes other chunks through', async () => {
    const inner: LlmProvider = {
      model: 'm', describe: () => ({ provider: 'p', baseUrl: 'b', model: 'm', apiKey: '(none)' }),
      async *complete(request): AsyncGenerator<CompletionChunk> {
        const placeholder = /\[email_\d+\]/.exec(JSON.stringify(request.messages))![0];
        yield { type: 'text', text: `Mail ${placeholder.slice(0, 3)}` };
        yield { type: 'text', text: `${placeholder.slice(3)} ok` };
        yield { type: 'finish', reason: 'stop' };
      },
    };
    const chunks: CompletionChunk[] = [];
    for await (const chunk of createPrivacyProvider(inner).complete({ messages: [{ role: 'user', content: `me: ${EMAIL}` }], tools: [] })) chunks.push(chunk);
    expect(chunks.filter((chunk) => chunk.type === 'text').map((chunk) => (chunk as { text: string }).text).join('')).toBe(`Mail ${EMAIL} ok`);
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    expect(createPrivacyProvider(inner).describe().provider).toContain('strict privacy');
  });
});
