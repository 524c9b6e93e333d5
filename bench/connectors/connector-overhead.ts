/**
 * Connector overhead over loopback (issue 20): the e-commerce `track_order` tool
 *   1. called directly in process on the demo store (the pack's own backend),
 *   2. through an HTTP connector to the mock shop (URL template, bearer auth, JSON-path mapping, zod validation),
 *   3. through an action-server connector to examples/action-server (HMAC-signed POST, envelope + zod validation),
 * and a whole offline-engine turn that tracks an order, without and with the connector (the turn replays once with the
 * answer, see src/service/connectors/connector-router.ts). The servers run in a child process. Prints p50/p99 and ratios.
 *
 *   npx tsx bench/connectors/connector-overhead.ts [--calls 2000] [--turns 200] [--json]
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createPackEngine } from '../../src/packs/create-pack-engine.ts';
import { createMemoryBackendState } from '../../src/packs/backend-state.ts';
import { loadStore } from '../../src/packs/ecommerce/store/load-store.ts';
import { trackOrder } from '../../src/packs/ecommerce/tools/track-order.ts';
import { trackingResultSchema } from '../../src/packs/ecommerce/tools/result-schemas.ts';
import { createCounterIds, systemClock } from '../../src/engine/ports.ts';
import { connectorSpecSchema, type ConnectorConfig } from '../../src/service/connectors/connector-config.ts';
import { createConnectorRouter } from '../../src/service/connectors/connector-router.ts';
import { createConnector, type Connector } from '../../src/service/connectors/create-connector.ts';
import { MOCK_SHOP_MAPPINGS } from '../../src/service/connectors/__fixtures__/mock-shop.ts';
import { numberOption } from '../service/number-option.ts';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '2000' }, turns: { type: 'string', default: '200' }, json: { type: 'boolean', default: false } } });
const calls = numberOption(values, 'calls', 1);
const turns = numberOption(values, 'turns', 1);
const ORDER = '#CN2611283086';
const CUSTOMER = { id: 'zhao_yuxuan_2637', phone: '13927585713' };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: Number(percentile(sorted, 50).toFixed(3)), p99: Number(percentile(sorted, 99).toFixed(3)), n: samples.length };
}
async function measure(count: number, run: () => unknown): Promise<number[]> {
  for (let index = 0; index < Math.min(50, count); index++) await run();
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./shop-process.ts', import.meta.url)), 'bench-token', 'bench-secret'], { stdio: ['ignore', 'pipe', 'inherit'] });
const urls = await new Promise<{ shop: string; action: string }>((resolve) => createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line))));
try {
  const store = await loadStore('store-zh');
  const context = { data: store, clock: systemClock, ids: createCounterIds(), locale: 'zh' as const, actor: { kind: 'customer' as const, customerId: CUSTOMER.id } };
  const direct = await measure(calls, () => trackingResultSchema.parse(trackOrder.execute({ order_id: ORDER }, context)));
  const config = (spec: unknown): ConnectorConfig => ({ ...connectorSpecSchema.parse(spec), id: 'bench', tenantId: 'bench', secret: 'x', revision: 1, updatedAt: '' });
  const http = createConnector({ ...config({ kind: 'http', pack: 'ecommerce', name: 'shop', baseUrl: urls.shop, auth: { kind: 'bearer' }, concurrency: 64, tools: { track_order: { method: 'GET', path: '/v2/orders/{order_id}/tracking', result: MOCK_SHOP_MAPPINGS.tracking } } }), secret: 'bench-token' });
  const action = createConnector({ ...config({ kind: 'action-server', pack: 'ecommerce', name: 'action', baseUrl: urls.action, auth: { kind: 'hmac' }, concurrency: 64, tools: ['track_order'] }), secret: 'bench-secret' });
  const call = { tool: 'track_order', arguments: { order_id: ORDER }, customer: { id: CUSTOMER.id }, conversation: { id: 'bench' } };
  const contract = { access: 'read' as const, result: trackingResultSchema };
  const viaHttp = await measure(calls, () => http.call(call, contract));
  const viaAction = await measure(calls, () => action.call(call, contract));

  // A whole turn: "where is my parcel" answered with the customer's phone number (verification, then tracking).
  const connectors: Connector[] = [];
  const router = createConnectorRouter({ connectors: async () => connectors });
  const memory = createMemoryBackendState({ recordWrites: false });
  const engine = await createPackEngine({ packs: ['ecommerce'], locale: 'zh', backend: { ...memory, route: router.route } });
  const { state } = engine.start({ locale: 'zh' });
  const asked = (await engine.handle(state, { text: '我的快递到哪了' })).state;
  const turn = () => router.run('bench', { conversationId: 'bench', clientId: 'bench' }, () => engine.handle(asked, { text: CUSTOMER.phone }));
  const plainTurns = await measure(turns, turn);
  connectors.push(http);
  const check = await turn();
  if (!check.replies.some((reply) => reply.text.includes(ORDER))) throw new Error('the connector turn did not track the order');
  const connectorTurns = await measure(turns, turn);

  const result = {
    calls: { direct: summary(direct), http: summary(viaHttp), actionServer: summary(viaAction) },
    turns: { local: summary(plainTurns), httpConnector: summary(connectorTurns) },
  };
  const ratio = (a: { p50: number; p99: number }, b: { p50: number; p99: number }) => `p50 ×${(a.p50 / b.p50).toFixed(1)}, p99 ×${(a.p99 / b.p99).toFixed(1)}`;
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`track_order call, ms (n=${calls}):`);
    console.log(`  direct in process      p50 ${result.calls.direct.p50}  p99 ${result.calls.direct.p99}`);
    console.log(`  HTTP connector         p50 ${result.calls.http.p50}  p99 ${result.calls.http.p99}   (${ratio(result.calls.http, result.calls.direct)})`);
    console.log(`  action-server          p50 ${result.calls.actionServer.p50}  p99 ${result.calls.actionServer.p99}   (${ratio(result.calls.actionServer, result.calls.direct)})`);
    console.log(`offline engine turn that verifies and tracks, ms (n=${turns}):`);
    console.log(`  demo backend           p50 ${result.turns.local.p50}  p99 ${result.turns.local.p99}`);
    console.log(`  HTTP connector         p50 ${result.turns.httpConnector.p50}  p99 ${result.turns.httpConnector.p99}   (${ratio(result.turns.httpConnector, result.turns.local)})`);
  }
} finally {
  child.kill();
}
