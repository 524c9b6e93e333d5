import { describe, expect, it } from 'vitest';
import { chunksFromCompletion, chunksFromStream, parseServerSentEvents, type WireChunk } from './openai-wire.ts';
import type { CompletionChunk } from './types.ts';

async function collect(stream: AsyncIterable<CompletionChunk>): Promise<CompletionChunk[]> {
  const out: CompletionChunk[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}
async function* of(chunks: WireChunk[]) { yield* chunks; }

describe('openai wire decoding', () => {
  it('assembles two parallel streamed tool calls by index', async () => {
    const sse = [
      'data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a","type":"function","function":{"name":"get_order_details","arguments":"{\\"order_id\\":"}},{"index":1,"id":"b","type":"function","function":{"name":"get_user_details","arguments":""}}]}}]}',
      '',
      'data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\\"user_id\\":\\"u1\\"}"}},{"index":0,"function":{"arguments":"\\"#W1\\"}"}}]},"finish_reason":"tool_calls"}]}',
      '',
      'data: [DONE]',
    ].join('\n');
    const chunks = await collect(chunksFromStream(of(parseServerSentEvents(sse))));
    expect(chunks).toEqual([
      { type: 'tool_calls', calls: [
        { id: 'a', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id":"#W1"}' } },
        { id: 'b', type: 'function', function: { name: 'get_user_details', arguments: '{"user_id":"u1"}' } },
      ] },
      { type: 'finish', reason: 'tool_calls' },
    ]);
  });

  it('rejects malformed responses with a LingxiError', async () => {
    expect(() => chunksFromCompletion({ choices: [] })).toThrow(/malformed/);
    expect(() => parseServerSentEvents('data: {"choices": [')).toThrow(/malformed/);
    await expect(collect(chunksFromStream(of([])))).rejects.toThrow(/empty stream/);
  });

  it('decodes text and usage of a non-streaming completion', () => {
    expect(chunksFromCompletion({ choices: [{ message: { content: '好的' }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 2 } })).toEqual([
      { type: 'text', text: '好的' }, { type: 'usage', usage: { promptTokens: 10, completionTokens: 2 } }, { type: 'finish', reason: 'stop' },
    ]);
  });
});
