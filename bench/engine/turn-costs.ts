/**
 * Per-text turn cost of the engine benchmark's script mix: median and max CPU time of each customer turn over N
 * rounds, slowest first — tells a structurally slow turn (high median) from scheduler or GC noise (high max only).
 *
 *   npx tsx bench/engine/turn-costs.ts [--rounds 20]
 */
import { parseArgs } from 'node:util';
import { createCounterIds, createMemoryCache, fixedClock } from '../../src/engine/ports.ts';
import { createPackEngine } from '../../src/packs/create-pack-engine.ts';
import { loadStore } from '../../src/packs/ecommerce/store/load-store.ts';
import { benchScripts } from './scripts.ts';
import { percentile } from './statistics.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
const cache = createMemoryCache();
const costs = new Map<string, number[]>();
const engines = new Map<string, Awaited<ReturnType<typeof createPackEngine>>>();
for (const db of ['tau-retail', 'store-zh']) {
  engines.set(db, await createPackEngine({ packs: ['ecommerce'], db, data: await loadStore(db), modelCache: cache, clock: fixedClock('2026-11-20T10:00:00+08:00'), ids: createCounterIds() }));
}
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [db, engine] of engines) Object.assign(engine.data, await loadStore(db));
  for (const [index, script] of benchScripts.entries()) {
    const engine = engines.get(script.db)!;
    let { state } = engine.start({ id: `costs-${round}-${index}`, locale: script.locale });
    for (const text of script.turns) {
      const before = process.cpuUsage();
      state = (await engine.handle(state, { text })).state;
      const cpu = process.cpuUsage(before);
      const key = `${script.name}: ${text}`;
      costs.set(key, [...(costs.get(key) ?? []), (cpu.user + cpu.system) / 1000]);
    }
  }
}
const rows = [...costs].map(([key, list]) => ({ key, median: percentile(list.slice(2).sort((x, y) => x - y), 50), max: Math.max(...list.slice(2)) }));
for (const row of rows.sort((x, y) => y.median - x.median).slice(0, 25)) process.stdout.write(`${row.median.toFixed(2).padStart(7)} ${row.max.toFixed(2).padStart(7)}  ${row.key}\n`);
