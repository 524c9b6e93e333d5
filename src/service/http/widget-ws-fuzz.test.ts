import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { connectTestClient } from '../testing/ws-test-client.ts';

/**
 * Property test of the widget socket (issue 12), beyond the fixed garbage of widget-ws.test.ts: random binary frames,
 * invalid UTF-8 in text frames, random Unicode, JSON of every shape and deep nesting. The offender gets error frames
 * or is closed (4400 after 5 bad frames, 1007 for invalid UTF-8); a customer on another socket is never affected.
 */
let t: TestService;
let base: string;
beforeAll(async () => {
  t = await createTestService({ rateLimitPerCustomer: 100_000 });
  base = (await t.service.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
});
afterAll(async () => t.close());

type Garbage = { kind: 'binary'; bytes: Uint8Array } | { kind: 'bad-utf8'; bytes: Uint8Array } | { kind: 'text'; text: string };
const invalidUtf8 = fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => Uint8Array.from([0x7b, ...bytes, 0xc3, 0x28, 0xff]));
const garbage: fc.Arbitrary<Garbage> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: 'binary' as const, bytes })),
  invalidUtf8.map((bytes) => ({ kind: 'bad-utf8' as const, bytes })),
  fc.string({ unit: 'binary', maxLength: 300 }).map((text) => ({ kind: 'text' as const, text })),
  fc.jsonValue({ maxDepth: 4 }).map((value) => ({ kind: 'text' as const, text: JSON.stringify(value) ?? 'null' })),
  fc.record({ type: fc.constantFrom('hello', 'message', 'typing', 'ping', 'welcome', '__proto__'), clientId: fc.anything({ maxDepth: 2 }), text: fc.anything({ maxDepth: 2 }), tenantKey: fc.anything({ maxDepth: 1 }), afterSeq: fc.anything({ maxDepth: 1 }) }, { requiredKeys: ['type'] })
    .map((frame) => ({ kind: 'text' as const, text: JSON.stringify(frame) ?? '{}' })),
  fc.integer({ min: 100, max: 5000 }).map((depth) => ({ kind: 'text' as const, text: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` })),
);

describe('widget WebSocket under hostile frames', () => {
  it('closes or answers only the offending socket; other customers keep chatting', async () => {
    const good = await connectTestClient(`${base}/v1/widget/ws`);
    good.send({ type: 'hello', tenantKey: t.a.widgetKey, customerId: 'ws-fuzz-good' });
    await good.waitFor((f) => f.type === 'welcome');
    let round = 0;
    const closeCodes = new Set<number>();
    await fc.assert(fc.asyncProperty(fc.boolean(), fc.array(garbage, { minLength: 1, maxLength: 7 }), async (greet, frames) => {
      const bad = await connectTestClient(`${base}/v1/widget/ws`);
      if (greet) {
        bad.send({ type: 'hello', tenantKey: t.a.widgetKey });
        await bad.waitFor((f) => f.type === 'welcome');
      }
      for (const frame of frames) {
        if (bad.socket.readyState !== bad.socket.OPEN) break;
        if (frame.kind === 'text') bad.socket.send(frame.text);
        else bad.socket.send(Buffer.from(frame.bytes), { binary: frame.kind === 'binary' });
      }
      const closed = await Promise.race([bad.closed(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 150))]);
      if (closed) closeCodes.add(closed.code);
      if (frames.some((frame) => frame.kind === 'bad-utf8')) expect(closed?.code).toBe(1007);
      for (const frame of bad.frames.filter((f) => f.type === 'error')) expect(frame.code).not.toBe('internal');
      bad.socket.terminate();
      const clientId = `good-${round++}`;
      good.send({ type: 'message', clientId, text: `still here ${round} 还在` });
      expect(await good.waitFor((f) => f.type === 'ack' && f.clientId === clientId)).toMatchObject({ duplicate: false });
    }), { numRuns: 40, seed: 21 });
    expect([...closeCodes].every((code) => [1007, 4400, 1000, 1005, 1006, 1009].includes(code))).toBe(true);
    expect(t.logs.filter((line) => line.includes('unexpected error') || line.includes('frame failed'))).toEqual([]);
    good.close();
  });
});
