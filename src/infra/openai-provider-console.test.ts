import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { isLingxiError } from '../engine/errors.ts';
import { createOpenAICompatibleProvider } from './openai-provider.ts';

/**
 * Its own file (its own process): the SDK caches the console methods it logs with on first use, so the console must be
 * watched before any request of the file is made.
 */
describe('OpenAICompatibleProvider and the console (issue 22 item 7)', () => {
  it('a malformed stream becomes an error without printing the model text to the console', async () => {
    const printed: unknown[] = [];
    const spies = (['error', 'warn', 'log', 'info', 'debug'] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(...args)));
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end('data: {"choices":[{"delta":{"content":"hello"}}]}\n\ndata: {not json: 我的身份证 110101199003071234\n\n');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const provider = createOpenAICompatibleProvider({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, apiKey: 'sk-x', model: 'm', maxRetries: 0 });
      let failure: unknown = null;
      try {
        for await (const _chunk of provider.complete({ messages: [{ role: 'user', content: 'hi' }], tools: [] })) { /* drain */ }
      } catch (error) {
        failure = error;
      }
      expect(isLingxiError(failure) && failure.details?.reason).toBe('malformed_response');
    } finally {
      for (const spy of spies) spy.mockRestore();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(JSON.stringify(printed)).not.toContain('110101199003071234');
  });
});
