import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectorSpecSchema, type ConnectorConfig } from './connector-config.ts';
import { createConnector } from './create-connector.ts';
import { signRequest } from './http-operation.ts';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;
let server: Server;
let baseUrl = '';
let handler: Handler;
const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => { seen.push({ method: request.method!, url: request.url!, headers: request.headers, body }); handler(request, body, response); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
beforeEach(() => { seen.length = 0; });

const json = (response: ServerResponse, status: number, value: unknown) => { response.writeHead(status, { 'content-type': 'application/json' }); response.end(JSON.stringify(value)); };
const tracking = z.object({ order_id: z.string(), status: z.string() });
const read = { access: 'read' as const, result: tracking };
const write = { access: 'write' as const, result: tracking };
const call = (tool: string, args: Record<string, unknown> = { order_id: '#CN1' }) => ({ tool, arguments: args, customer: { id: 'u1' }, conversation: { id: 'c1' }, idempotencyKey: 'key-1' });

function http(overrides: Record<string, unknown> = {}, secret = 's3cret'): ConnectorConfig {
  const spec = connectorSpecSchema.parse({
    kind: 'http', pack: 'ecommerce', name: 'shop', baseUrl: `${baseUrl}/api`, timeoutMs: 300, retries: 2, auth: { kind: 'bearer' },
    tools: {
      track_order: { method: 'GET', path: '/orders/{order_id}', query: { customer: '{{customer_id}}' }, result: { order_id: '$.id', status: { $path: '$.state', $values: { open: 'pending' } } } },
      cancel_pending_order: { method: 'POST', path: '/orders/{order_id}/cancel', body: { reason: '{{reason}}' }, result: { order_id: '$.id', status: '$.state' } },
    },
    ...overrides,
  });
  return { ...spec, id: 'con_1', tenantId: 't1', secret, revision: 1, updatedAt: '' };
}
const noWait = { sleep: async () => {} };

describe('HTTP connector', () => {
  it('fills the URL template, authenticates, maps and validates the answer', async () => {
    handler = (_request, _body, response) => json(response, 200, { id: '#CN1', state: 'open', extra: 1 });
    const outcome = await createConnector(http(), noWait).call(call('track_order'), read);
    expect(outcome.result).toEqual({ order_id: '#CN1', status: 'pending' });
    expect(outcome.answer).toMatchObject({ extra: 1 });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/orders/%23CN1?customer=u1' });
    expect(seen[0].headers.authorization).toBe('Bearer s3cret');
    expect(seen[0].headers['idempotency-key']).toBe('key-1');
  });

  it('sends an API key header, or an HMAC signature over timestamp and body a receiver can verify', async () => {
    handler = (_request, _body, response) => json(response, 200, { id: '#CN1', state: 'cancelled' });
    await createConnector(http({ auth: { kind: 'api-key', header: 'X-Shop-Key' } }), noWait).call(call('cancel_pending_order', { order_id: '#CN1', reason: 'ordered by mistake' }), write);
    expect(seen[0].headers['x-shop-key']).toBe('s3cret');
    expect(seen[0].headers.authorization).toBeUndefined();
    await createConnector(http({ auth: { kind: 'hmac' } }), noWait).call(call('cancel_pending_order', { order_id: '#CN1', reason: 'ordered by mistake' }), write);
    const signed = seen[1];
    expect(JSON.parse(signed.body)).toEqual({ reason: 'ordered by mistake' });
    expect(signed.headers['x-lingxi-signature']).toBe(signRequest('s3cret', String(signed.headers['x-lingxi-timestamp']), signed.body));
    await createConnector(http({ auth: { kind: 'hmac' } }), noWait).call(call('track_order'), read);
    expect(seen[2].headers['x-lingxi-signature']).toBe(signRequest('s3cret', String(seen[2].headers['x-lingxi-timestamp']), 'GET /api/orders/%23CN1?customer=u1'));
  });

  it('retries reads after 5xx and timeouts, never writes', async () => {
    let count = 0;
    handler = (_request, _body, response) => (++count < 3 ? json(response, 503, { error: 'busy' }) : json(response, 200, { id: '#CN1', state: 'open' }));
    const connector = createConnector(http(), noWait);
    expect((await connector.call(call('track_order'), read)).attempts).toBe(3);
    count = 0;
    await expect(connector.call(call('cancel_pending_order', { order_id: '#CN1', reason: 'x' }), write)).rejects.toMatchObject({ code: 'unavailable', details: { reason: 'status', status: 503 } });
    expect(count).toBe(1);
    count = 0;
    handler = (_request, _body, response) => { count++; setTimeout(() => json(response, 200, { id: '#CN1', state: 'open' }), 600); };
    await expect(connector.call(call('track_order'), read)).rejects.toMatchObject({ code: 'unavailable', details: { reason: 'timeout' } });
    expect(count).toBe(3);
  });

  it('tells auth failures, malformed answers and business refusals apart', async () => {
    const connector = createConnector(http(), noWait);
    handler = (_request, _body, response) => json(response, 401, { error: 'bad token' });
    await expect(connector.call(call('track_order'), read)).rejects.toMatchObject({ code: 'unavailable', details: { reason: 'auth', status: 401 } });
    expect(seen).toHaveLength(1);
    handler = (_request, _body, response) => { response.writeHead(200); response.end('<html>oops</html>'); };
    await expect(connector.call(call('track_order'), read)).rejects.toMatchObject({ details: { reason: 'malformed' } });
    handler = (_request, _body, response) => json(response, 200, { id: '#CN1' });
    await expect(connector.call(call('track_order'), read)).rejects.toThrow(/not a valid result: status/);
    handler = (_request, _body, response) => json(response, 409, { message: 'order already shipped' });
    await expect(connector.call(call('cancel_pending_order', { order_id: '#CN1', reason: 'x' }), write)).rejects.toMatchObject({ name: 'ToolError', code: 'tool_failed', message: 'order already shipped' });
  });

  it('opens the circuit after repeated failures: no more calls until the cooldown', async () => {
    let time = 0;
    const connector = createConnector(http({ retries: 0, breaker: { failures: 2, cooldownMs: 5_000 } }), { ...noWait, now: () => time });
    handler = (_request, _body, response) => json(response, 500, {});
    await expect(connector.call(call('track_order'), read)).rejects.toThrow();
    await expect(connector.call(call('track_order'), read)).rejects.toThrow();
    await expect(connector.call(call('track_order'), read)).rejects.toMatchObject({ details: { reason: 'circuit_open' } });
    expect(seen).toHaveLength(2);
    time = 5_000;
    handler = (_request, _body, response) => json(response, 200, { id: '#CN1', state: 'open' });
    expect((await connector.call(call('track_order'), read)).result).toEqual({ order_id: '#CN1', status: 'pending' });
    expect(connector.breaker.state).toBe('closed');
  });
});

describe('action-server connector', () => {
  const config = (): ConnectorConfig => ({ ...connectorSpecSchema.parse({ kind: 'action-server', pack: 'ecommerce', name: 'actions', baseUrl: `${baseUrl}/actions`, auth: { kind: 'hmac' }, tools: ['track_order'] }), id: 'con_2', tenantId: 't1', secret: 'k', revision: 1, updatedAt: '' });

  it('POSTs the signed call and validates { ok, result } / { ok: false, error }', async () => {
    handler = (_request, body, response) => json(response, 200, { ok: true, result: { order_id: JSON.parse(body).arguments.order_id, status: 'shipped' } });
    const connector = createConnector(config(), noWait);
    expect((await connector.call(call('track_order'), read)).result).toEqual({ order_id: '#CN1', status: 'shipped' });
    const sent = JSON.parse(seen[0].body);
    expect(sent).toEqual({ tool: 'track_order', arguments: { order_id: '#CN1' }, customer: { id: 'u1' }, conversation: { id: 'c1' }, idempotencyKey: 'key-1' });
    expect(seen[0].headers['x-lingxi-signature']).toBe(signRequest('k', String(seen[0].headers['x-lingxi-timestamp']), seen[0].body));
    handler = (_request, _body, response) => json(response, 200, { ok: false, error: '订单不存在' });
    await expect(connector.call(call('track_order'), read)).rejects.toMatchObject({ name: 'ToolError', message: '订单不存在' });
    handler = (_request, _body, response) => json(response, 200, { status: 'fine' });
    await expect(connector.call(call('track_order'), read)).rejects.toMatchObject({ details: { reason: 'malformed' } });
  });
});
