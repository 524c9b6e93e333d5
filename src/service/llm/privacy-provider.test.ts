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
    await agent.handle(state, { text: '我的手机 13812345678，身份证 110101199003071234，请帮我查询；另一个号 138-0013-8000，座机 010-12345678，(021) 6234 5678，订单 #CN2611502925' });
    const left = JSON.stringify(inner.requests);
    for (const phone of ['138-0013-8000', '010-12345678', '6234 5678']) expect(left).not.toContain(phone);
    expect(left).toContain('#CN2611502925');
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

describe('strict privacy provider: one placeholder per value', () => {
  it('a personal tool result is masked once, so every placeholder the model uses restores to the real value', async () => {
    const user = { first_name: '文博', last_name: '潘', address: { address1: '渝中区建设路323号', address2: '3单元502', city: '重庆市' } };
    let sent = '';
    const inner: LlmProvider = {
      model: 'm', describe: () => ({ provider: 'p', baseUrl: 'b', model: 'm', apiKey: '(none)' }),
      async *complete(request): AsyncGenerator<CompletionChunk> {
        sent = JSON.stringify(request.messages);
        const tool = request.messages.find((message) => message.role === 'tool')!;
        const result = (JSON.parse(tool.content) as { result: typeof user }).result;
        yield { type: 'text', text: `${result.last_name}${result.first_name}您好，默认地址是 ${result.address.address1}` };
        yield { type: 'tool_calls', calls: [{ id: 't2', type: 'function', function: { name: 'modify_user_address', arguments: JSON.stringify({ address1: result.address.address1, address2: result.address.address2 }) } }] };
        yield { type: 'finish', reason: 'tool_calls' };
      },
    };
    const chunks: CompletionChunk[] = [];
    const messages = [
      { role: 'user' as const, content: '我的手机 13812345678' },
      { role: 'assistant' as const, content: null, tool_calls: [{ id: 't1', type: 'function' as const, function: { name: 'find_user_id_by_phone', arguments: JSON.stringify({ phone: '13812345678' }) } }] },
      { role: 'tool' as const, tool_call_id: 't1', content: JSON.stringify({ ok: true, result: user }) },
    ];
    for await (const chunk of createPrivacyProvider(inner).complete({ messages, tools: [] })) chunks.push(chunk);
    for (const secret of ['渝中区建设路323号', '3单元502', '13812345678', '文博']) expect(sent).not.toContain(secret);
    const text = chunks.filter((chunk) => chunk.type === 'text').map((chunk) => (chunk as { text: string }).text).join('');
    expect(text).toBe('潘文博您好，默认地址是 渝中区建设路323号');
    expect(text).not.toMatch(/\[(personal|phone)_\d+\]/);
    const calls = chunks.find((chunk) => chunk.type === 'tool_calls') as { calls: Array<{ function: { arguments: string } }> };
    expect(JSON.parse(calls.calls[0].function.arguments)).toEqual({ address1: '渝中区建设路323号', address2: '3单元502' });
  });
});

describe('strict privacy provider: what the customer types', () => {
  it.each([
    ['zh', '我叫张伟，手机 138-0013-8000，座机 010-12345678，寄到浙江省杭州市西湖区文三路88号', ['张伟', '138-0013-8000', '010-12345678', '文三路88号', '杭州市']],
    ['en', 'my name is yusuf rossi, ship it to 445 Maple Drive, Mesa, AZ 85201; call +1 415-555-0134', ['yusuf', 'rossi', '445 Maple Drive', 'Mesa', '85201', '415-555-0134']],
  ])('%s: typed names, addresses and phone numbers never leave, and placeholders come back as the real values', async (_locale, text, secrets) => {
    let sent = '';
    const inner: LlmProvider = {
      model: 'm', describe: () => ({ provider: 'p', baseUrl: 'b', model: 'm', apiKey: '(none)' }),
      async *complete(request): AsyncGenerator<CompletionChunk> {
        sent = JSON.stringify(request.messages);
        const first = /\[personal_\d+\]/.exec(sent)![0];
        yield { type: 'text', text: `OK ${first}` };
        yield { type: 'finish', reason: 'stop' };
      },
    };
    const chunks: CompletionChunk[] = [];
    for await (const chunk of createPrivacyProvider(inner).complete({ messages: [{ role: 'system', content: 'Help.' }, { role: 'user', content: text }], tools: [] })) chunks.push(chunk);
    for (const secret of secrets) expect(sent.toLowerCase()).not.toContain(secret.toLowerCase());
    const reply = chunks.filter((chunk) => chunk.type === 'text').map((chunk) => (chunk as { text: string }).text).join('');
    expect(reply).not.toMatch(/\[personal_\d+\]/);
    expect(text).toContain(reply.slice(3));
  });
});
