/**
 * The mock shop and the example action server in a process of their own (bench/connectors/connector-overhead.ts), so
 * the bench measures a real loopback round trip, not a server sharing the caller's event loop. Prints one JSON line
 * `{ shop, action }` with their URLs once both listen.
 */
import type { AddressInfo } from 'node:net';
import { createActionServer, type ExampleOrder } from '../../examples/action-server/server.ts';
import { loadStore } from '../../src/packs/ecommerce/store/load-store.ts';
import { startMockShop, toShopOrder } from '../../src/service/connectors/__fixtures__/mock-shop.ts';

const store = await loadStore('store-zh');
const token = process.argv[2] ?? 'bench-token';
const secret = process.argv[3] ?? 'bench-secret';
const shop = await startMockShop({ token, orders: Object.values(store.orders).map((order) => toShopOrder(order)) });
const action = createActionServer({ secret, orders: Object.values(store.orders) as unknown as ExampleOrder[] });
await new Promise<void>((resolve) => action.listen(0, '127.0.0.1', resolve));
console.log(JSON.stringify({ shop: shop.url, action: `http://127.0.0.1:${(action.address() as AddressInfo).port}/lingxi` }));
