import { readFile } from 'node:fs/promises';
import type { Customer, LogisticsDb, Shipment } from './types.ts';

let raw: Promise<{ customers: Record<string, Customer>; shipments: Record<string, Shipment> }> | undefined;

async function readBundled() {
  // Read (not `import`) the JSON: typing 240 KB of literals would slow the type checker for nothing.
  const read = async (file: string) => JSON.parse(await readFile(new URL(`../data/${file}.json`, import.meta.url), 'utf8'));
  const [customers, shipments] = await Promise.all([read('customers'), read('shipments')]);
  return { customers, shipments };
}

/** A fresh, independent copy of the bundled demo backend (tools mutate it). */
export async function loadLogisticsData(): Promise<LogisticsDb> {
  raw ??= readBundled();
  const { customers, shipments } = await raw;
  return { currency: 'CNY', customers: structuredClone(customers), shipments: structuredClone(shipments), pickups: [], claims: [] };
}
