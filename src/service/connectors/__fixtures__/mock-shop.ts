import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Order } from '../../../packs/ecommerce/store/types.ts';

/**
 * A local shop platform for connector tests and the bench (127.0.0.1 only): its own API shape (not Lingxi's), an
 * OpenAPI 3 document of it, bearer auth, idempotent cancellations, and switches for the failures a real backend has.
 */
export interface MockShop {
  url: string;
  /** The shop's OpenAPI 3 document (YAML), as a business would hand it over. */
  document: string;
  /** What the next requests do: answer, hang past any timeout, 500, answer non-JSON, a wrong shape, or refuse the token. */
  mode: 'ok' | 'hang' | 'hang-writes' | 'error' | 'not-json' | 'wrong-shape' | 'unauthorized';
  /** When set, cancellations are refused (409) with this message, as a shop whose warehouse got there first. */
  refuse: string | null;
  requests: Array<{ method: string; path: string; idempotencyKey: string | undefined; body: unknown }>;
  /** Orders by id, in the shop's shape. */
  orders: Map<string, ShopOrder>;
  close(): Promise<void>;
}

export interface ShopOrder {
  id: string;
  customer: string;
  state: 'awaiting_shipment' | 'shipped' | 'delivered' | 'cancelled' | 'other';
  lines: Array<{ sku: string; product: string; title: string; unit_price: number; attributes: Record<string, string> }>;
  shipments: Array<{ carrier: string; numbers: string[]; lines: string[]; checkpoints: Array<{ at: string; where: string; what: string }> }>;
  payments: Array<{ kind: 'charge' | 'refund'; amount: number; method: string }>;
  cancel_reason?: string;
}

const STATES: Record<string, ShopOrder['state']> = { pending: 'awaiting_shipment', processed: 'shipped', delivered: 'delivered', cancelled: 'cancelled' };

/** The shop's copy of orders (same ids and customers as the demo backend the bot identifies customers in). */
export function toShopOrder(order: Order, extraCheckpoint?: { at: string; where: string; what: string }): ShopOrder {
  return {
    id: order.order_id, customer: order.user_id, state: STATES[order.status] ?? 'other',
    lines: order.items.map((item) => ({ sku: item.item_id, product: item.product_id, title: item.name, unit_price: item.price, attributes: item.options })),
    shipments: order.fulfillments.map((fulfillment, index) => ({
      carrier: fulfillment.carrier ?? 'unknown', numbers: fulfillment.tracking_id, lines: fulfillment.item_ids,
      checkpoints: [...(fulfillment.events ?? []).map((event) => ({ at: event.time, where: event.location ?? '', what: event.description })), ...(index === 0 && extraCheckpoint ? [extraCheckpoint] : [])],
    })),
    payments: order.payment_history.map((payment) => ({ kind: payment.transaction_type === 'refund' ? 'refund' : 'charge', amount: payment.amount, method: payment.payment_method_id })),
  };
}

export const MOCK_SHOP_OPENAPI = `openapi: 3.0.3
info: { title: Mock shop, version: "2.0" }
paths:
  /v2/orders/{orderId}:
    get:
      operationId: getOrder
      summary: One order
      parameters: [{ $ref: '#/components/parameters/OrderId' }]
      responses:
        "200": { description: The order, content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } }
  /v2/orders/{orderId}/tracking:
    get:
      operationId: getOrderTracking
      summary: Where the parcels of an order are
      parameters: [{ $ref: '#/components/parameters/OrderId' }]
      responses:
        "200": { description: Tracking, content: { application/json: { schema: { $ref: '#/components/schemas/Tracking' } } } }
  /v2/orders/{orderId}/cancellations:
    post:
      operationId: cancelOrder
      summary: Cancel an order that has not shipped
      parameters: [{ $ref: '#/components/parameters/OrderId' }]
      requestBody: { content: { application/json: { schema: { type: object, properties: { reason: { type: string } } } } } }
      responses:
        "201": { description: The cancelled order, content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } }
        "409": { description: Not cancellable }
components:
  parameters:
    OrderId: { name: orderId, in: path, required: true, schema: { type: string } }
  schemas:
    Shipment:
      type: object
      properties: { carrier: { type: string }, numbers: { type: array, items: { type: string } }, checkpoints: { type: array, items: { type: object } } }
    Order:
      type: object
      properties:
        id: { type: string }
        customer: { type: string }
        state: { type: string, enum: [awaiting_shipment, shipped, delivered, cancelled, other] }
        lines: { type: array, items: { type: object } }
        shipments: { type: array, items: { $ref: '#/components/schemas/Shipment' } }
        payments: { type: array, items: { type: object } }
    Tracking:
      allOf:
        - { type: object, properties: { id: { type: string }, state: { type: string }, late: { type: boolean } } }
        - { type: object, properties: { shipments: { type: array, items: { $ref: '#/components/schemas/Shipment' } } } }
`;

/** Starts the shop on 127.0.0.1 with `orders`; requests need `Authorization: Bearer <token>`. */
export async function startMockShop(options: { token: string; orders: ShopOrder[] }): Promise<MockShop> {
  const orders = new Map(options.orders.map((order) => [order.id, order]));
  const done = new Map<string, { status: number; body: unknown }>();
  const hanging = new Set<ServerResponse>();
  const shop: MockShop = { url: '', document: MOCK_SHOP_OPENAPI, mode: 'ok', refuse: null, requests: [], orders, close: async () => {} };
  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const handle = (request: IncomingMessage, raw: string, response: ServerResponse) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://shop').pathname);
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    let body: unknown = null;
    try { body = raw ? JSON.parse(raw) : null; } catch { return send(response, 400, { message: 'bad json' }); }
    shop.requests.push({ method: request.method ?? '', path, idempotencyKey, body });
    if (shop.mode === 'hang' || (shop.mode === 'hang-writes' && request.method !== 'GET')) { hanging.add(response); return; }
    if (shop.mode === 'unauthorized' || request.headers.authorization !== `Bearer ${options.token}`) return send(response, 401, { message: 'invalid token' });
    if (shop.mode === 'error') return send(response, 500, { message: 'internal error' });
    if (shop.mode === 'not-json') { response.writeHead(200, { 'content-type': 'text/html' }); return response.end('<html>maintenance</html>'); }
    const match = /^\/v2\/orders\/([^/]+)(\/tracking|\/cancellations)?$/.exec(path);
    const order = match ? orders.get(match[1]) : undefined;
    if (!match || !order) return send(response, 404, { message: 'order not found' });
    if (shop.mode === 'wrong-shape') return send(response, 200, { order: { id: order.id } });
    if (request.method === 'GET' && !match[2]) return send(response, 200, order);
    if (request.method === 'GET' && match[2] === '/tracking') {
      const last = order.shipments.flatMap((shipment) => shipment.checkpoints).map((checkpoint) => checkpoint.at).sort().at(-1);
      return send(response, 200, { id: order.id, state: order.state, late: false, shipments: order.shipments, last_checkpoint: last ?? null });
    }
    if (request.method === 'POST' && match[2] === '/cancellations') {
      if (idempotencyKey && done.has(idempotencyKey)) { const previous = done.get(idempotencyKey)!; return send(response, previous.status, previous.body); }
      if (shop.refuse) return send(response, 409, { message: shop.refuse });
      if (order.state !== 'awaiting_shipment') return send(response, 409, { message: `order ${order.id} has shipped and can no longer be cancelled` });
      order.state = 'cancelled';
      order.cancel_reason = String((body as { reason?: unknown } | null)?.reason ?? '');
      order.payments.push(...order.payments.filter((payment) => payment.kind === 'charge').map((payment) => ({ ...payment, kind: 'refund' as const })));
      if (idempotencyKey) done.set(idempotencyKey, { status: 201, body: order });
      return send(response, 201, order);
    }
    return send(response, 405, { message: 'method not allowed' });
  };
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => { raw += chunk; });
    request.on('end', () => handle(request, raw, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  shop.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  shop.close = () => new Promise<void>((resolve) => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return shop;
}

/** The result mappings a tenant writes for this shop (its shape is not Lingxi's). */
const status = { $path: '$.state', $values: { awaiting_shipment: 'pending', shipped: 'processed', delivered: 'delivered', cancelled: 'cancelled' } };
const fulfillments = { $each: '$.shipments', $map: { carrier: '$.carrier', tracking_id: '$.numbers', item_ids: '$.lines', events: { $each: '$.checkpoints', $map: { time: '$.at', location: '$.where', description: '$.what' } } } };
export const MOCK_SHOP_MAPPINGS = {
  order: {
    order_id: '$.id', user_id: '$.customer', status, fulfillments,
    items: { $each: '$.lines', $map: { name: '$.title', product_id: '$.product', item_id: '$.sku', price: '$.unit_price', options: '$.attributes' } },
    payment_history: { $each: '$.payments', $map: { transaction_type: { $path: '$.kind', $values: { charge: 'payment', refund: 'refund' } }, amount: '$.amount', payment_method_id: '$.method' } },
    cancel_reason: '$.cancel_reason',
  },
  tracking: { order_id: '$.id', status, delayed: '$.late', fulfillments },
};
