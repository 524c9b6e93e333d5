import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createConfiguredEngine } from './chat-llm-engine.ts';

describe('createConfiguredEngine', () => {
  it('uses the model when LINGXI_LLM_* is set and stays offline otherwise', async () => {
    const bodies: string[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (part) => (body += part));
      request.on('end', () => {
        bodies.push(body);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: 'c1', object: 'chat.completion', created: 1, model: 'local-model', choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the model.' }, finish_reason: 'stop' }], usage: { prompt_tokens: 900, completion_tokens: 5, total_tokens: 905 } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const env = { LINGXI_LLM_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, LINGXI_LLM_MODEL: 'local-model', LINGXI_LLM_API_KEY: 'sk-local-secret-123456', LINGXI_LLM_STREAM: 'false' };
      const llm = await createConfiguredEngine({ packs: ['ecommerce'], locale: 'en' }, {}, env);
      expect(llm.mode).toBe('llm');
      expect(llm.provider?.apiKey).toBe('sk-…3456');
      const { state } = llm.engine.start({ locale: 'en' });
      const result = await llm.engine.handle(state, { text: 'I need help choosing a gift for my father' });
      expect(result.replies[0].text).toBe('Hello from the model.');
      expect(JSON.parse(bodies[0]).model).toBe('local-model');

      // Privacy by default in `lingxi chat` too: typed names and phone numbers never reach the endpoint …
      expect(llm.provider?.provider).toContain('strict privacy');
      const zh = await llm.engine.handle(llm.engine.start({ locale: 'zh' }).state, { text: '我叫张伟，手机 138-0013-8000，帮我看看订单' });
      expect(zh.replies[0].text).toBe('Hello from the model.');
      expect(bodies[1]).not.toMatch(/张伟|138-0013-8000/);
      // … unless the operator opts out.
      const open = await createConfiguredEngine({ packs: ['ecommerce'], locale: 'en' }, { 'llm-privacy': 'standard' }, env);
      await open.engine.handle(open.engine.start({ locale: 'en' }).state, { text: 'my name is yusuf rossi, phone 138-0013-8000, any help?' });
      expect(bodies.at(-1)).toMatch(/yusuf rossi.*138-0013-8000/);
      await expect(createConfiguredEngine({ packs: ['ecommerce'], locale: 'en' }, {}, { ...env, LINGXI_LLM_PRIVACY: 'nope' })).rejects.toThrow(/privacy/);

      expect((await createConfiguredEngine({ packs: ['ecommerce'], locale: 'en' }, {}, {})).mode).toBe('offline');
      expect((await createConfiguredEngine({ packs: ['ecommerce'], locale: 'en' }, { offline: true }, env)).mode).toBe('offline');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
