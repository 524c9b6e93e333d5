/**
 * A Lingxi action server (issue 20 item 2): the business's own code answers the bot's tool calls. Lingxi POSTs
 * `{ tool, arguments, customer, conversation, idempotencyKey? }` to one URL, signed like its webhooks
 * (`X-Lingxi-Timestamp`, `X-Lingxi-Signature: sha256=HMAC-SHA256(secret, timestamp + "." + body)`), and expects
 * `{ "ok": true, "result": … }` (the tool's result, in the shape of the pack's contract) or `{ "ok": false, "error": "…" }`
 * (a refusal the customer hears, e.g. "this order has shipped"). Anything else — a non-2xx status, a timeout, other JSON —
 * makes Lingxi tell the customer the system is not answering and hand the conversation to a person.
 *
 * Only Node built-ins: copy this file and replace the in-memory orders with calls to your own systems.
 *
 *   ACTION_SECRET=change-me PORT=8787 npx tsx examples/action-server/server.ts
 *
 * then in Lingxi (admin API): POST /v1/admin/connectors with
 *   { "connector": { "kind": "action-server", "pack": "ecommerce", "name": "My shop", "baseUrl": "http://127.0.0.1:8787/lingxi",
 *     "auth": { "kind": "hmac" }, "tools": ["track_order", "get_order_details", "cancel_pending_order"] }, "secret": "change-me" }
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';

/** An order in the τ-bench retail shape the e-commerce pack's contracts use (`GET /v1/admin/connectors/contracts?pack=ecommerce`). */
export interface ExampleOrder {
  order_id: string;
  user_id: string;
  status: 'pending' | 'processed' | 'delivered' | 'cancelled';
  items: Array<{ name: string; product_id: string; item_id: string; price: number; options: Record<string, string> }>;
  fulfillments: Array<{ tracking_id: string[]; item_ids: string[]; carrier?: string; events?: Array<{ time: string; description: string; location?: string }> }>;
  payment_history: Array<{ transaction_type: 'payment' | 'refund'; amount: number; payment_method_id: string }>;
  address?: Record<string, string>;
  cancel_reason?: string;
}

interface Call {
  tool: string;
  arguments: Record<string, unknown>;
  customer: { id: string | null };
  conversation: { id: string | null };
  idempotencyKey?: string;
}

type Answer = { ok: true; result: unknown } | { ok: false; error: string };

/** Requests older or newer than this are refused (a captured request cannot be replayed later). */
const MAX_SKEW_SECONDS = 300;

/** True when the signature is the HMAC of `timestamp.body` with the shared secret and the timestamp is fresh. */
export function verifySignature(secret: string, timestamp: string | undefined, signature: string | undefined, body: string, now = Date.now()): boolean {
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The business logic: your systems go here. Ownership is checked here too — never trust an order id alone. */
function answer(orders: Map<string, ExampleOrder>, done: Map<string, Answer>, call: Call): Answer {
  if (call.idempotencyKey && done.has(call.idempotencyKey)) return done.get(call.idempotencyKey)!;
  const order = orders.get(String(call.arguments.order_id ?? ''));
  if (!order) return { ok: false, error: 'order not found' };
  if (call.customer.id && order.user_id !== call.customer.id) return { ok: false, error: 'this record belongs to another customer' };
  switch (call.tool) {
    case 'get_order_details':
      return { ok: true, result: order };
    case 'track_order': {
      const events = order.fulfillments.flatMap((fulfillment) => fulfillment.events ?? []).sort((a, b) => a.time.localeCompare(b.time));
      return { ok: true, result: { order_id: order.order_id, status: order.status, fulfillments: order.fulfillments, delayed: false, last_event: events.at(-1) } };
    }
    case 'cancel_pending_order': {
      if (order.status !== 'pending') return { ok: false, error: 'non-pending order cannot be cancelled' };
      order.status = 'cancelled';
      order.cancel_reason = String(call.arguments.reason ?? '');
      order.payment_history.push(...order.payment_history.filter((payment) => payment.transaction_type === 'payment').map((payment) => ({ ...payment, transaction_type: 'refund' as const })));
      const result: Answer = { ok: true, result: order };
      if (call.idempotencyKey) done.set(call.idempotencyKey, result);
      return result;
    }
    default:
      return { ok: false, error: `unknown tool ${call.tool}` };
  }
}

const readBody = (request: IncomingMessage): Promise<string> => new Promise((resolve, reject) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => {
    body += chunk;
    if (body.length > 1_000_000) request.destroy(new Error('body too large'));
  });
  request.on('end', () => resolve(body));
  request.on('error', reject);
});

/** The action server on `path` (default `/lingxi`); 401 for a bad signature, 400 for a body that is no call. */
export function createActionServer(options: { secret: string; orders: ExampleOrder[]; path?: string }): Server {
  const orders = new Map(options.orders.map((order) => [order.order_id, order]));
  const done = new Map<string, Answer>();
  const path = options.path ?? '/lingxi';
  return createServer(async (request, response) => {
    const send = (status: number, value: unknown) => { response.writeHead(status, { 'content-type': 'application/json' }); response.end(JSON.stringify(value)); };
    if (request.method !== 'POST' || new URL(request.url ?? '/', 'http://localhost').pathname !== path) return send(404, { error: 'not found' });
    const body = await readBody(request).catch(() => null);
    if (body === null) return send(413, { error: 'body too large' });
    if (!verifySignature(options.secret, request.headers['x-lingxi-timestamp'] as string | undefined, request.headers['x-lingxi-signature'] as string | undefined, body)) return send(401, { error: 'bad signature' });
    let call: Call;
    try {
      call = JSON.parse(body) as Call;
      if (typeof call.tool !== 'string' || typeof call.arguments !== 'object' || call.arguments === null) throw new Error('not a call');
    } catch {
      return send(400, { error: 'expected { tool, arguments, customer, conversation }' });
    }
    send(200, answer(orders, done, call));
  });
}

// Run directly: a demo order book of two orders.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.ACTION_SECRET;
  if (!secret) throw new Error('Set ACTION_SECRET (the secret you also give Lingxi for this connector).');
  const port = Number(process.env.PORT ?? 8787);
  const demo: ExampleOrder[] = [
    { order_id: '#EX1001', user_id: 'demo_user', status: 'pending', items: [{ name: 'Desk lamp', product_id: 'p1', item_id: 'i1', price: 129, options: { color: 'white' } }], fulfillments: [], payment_history: [{ transaction_type: 'payment', amount: 129, payment_method_id: 'credit_card_1' }] },
    { order_id: '#EX1002', user_id: 'demo_user', status: 'processed', items: [{ name: 'Kettle', product_id: 'p2', item_id: 'i2', price: 89, options: {} }], fulfillments: [{ tracking_id: ['SF100200'], item_ids: ['i2'], carrier: 'SF Express', events: [{ time: '2026-12-01T09:00:00', description: 'Picked up', location: 'Shenzhen' }] }], payment_history: [{ transaction_type: 'payment', amount: 89, payment_method_id: 'credit_card_1' }] },
  ];
  createActionServer({ secret, orders: demo }).listen(port, '127.0.0.1', () => console.log(`Lingxi action server on http://127.0.0.1:${port}/lingxi`));
}
