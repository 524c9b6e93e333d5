import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { createRecommender } from '../../engine/recommend/create-recommender.ts';
import type { RecommenderConfigInput } from '../../engine/recommend/recommender-config.ts';
import type { RecommendOrder, RecommendProduct } from '../../engine/recommend/types.ts';
import { evaluatePresale } from './eval-recommend-presale.ts';
import { loadStore, STORE_NAMES } from '../../packs/ecommerce/store/load-store.ts';
import { recommenderDataFromStore } from '../../packs/ecommerce/tools/recommend-products.ts';

const USAGE = `usage: lingxi eval recommend [--db tau-retail|store-zh] [--validation] [--presale] [--json]
  Holds out each customer's last order, trains on the rest, reports hit-rate@10 and NDCG@10 of the recommender,
  popularity and random (seeded). Weights are chosen on a validation split (each customer's second-to-last order).
  --validation reports the three methods on that validation split only and never scores the held-out last orders:
  use it while developing, so that choices are made without looking at the test split.
  --presale scores pre-sale questions ("有什么适合送爸爸的?") on store-zh against a small self-written labelled set.`;

const K = 10;

interface Split {
  train: RecommendOrder[];
  /** Customer → products of the held-out order. */
  targets: Array<{ customerId: string; products: Set<string> }>;
}

/** Each customer's orders oldest first (their list order; `createdAt` when every order has one). */
function byCustomer(orders: RecommendOrder[]): Map<string, RecommendOrder[]> {
  const map = new Map<string, RecommendOrder[]>();
  for (const order of orders) map.set(order.customerId, [...(map.get(order.customerId) ?? []), order]);
  for (const list of map.values()) if (list.every((order) => order.createdAt)) list.sort((left, right) => left.createdAt!.localeCompare(right.createdAt!));
  return map;
}

/** Holds out the last order of every customer with at least two; everything else trains. */
export function holdOutLast(orders: RecommendOrder[]): Split {
  const split: Split = { train: [], targets: [] };
  for (const [customerId, list] of byCustomer(orders)) {
    if (list.length < 2) { split.train.push(...list); continue; }
    split.train.push(...list.slice(0, -1));
    split.targets.push({ customerId, products: new Set(list.at(-1)!.productIds) });
  }
  return split;
}

/**
 * Hit-rate@K (any held-out product in the top K) and NDCG@K (binary relevance) averaged over customers, with the 95 %
 * normal-approximation half-width of the NDCG mean (`ndcgMargin`, from the per-customer spread).
 */
export function rankingMetrics(rankings: string[][], targets: Array<Set<string>>): { hitRate: number; ndcg: number; ndcgMargin: number } {
  let hits = 0;
  let ndcg = 0;
  let squares = 0;
  rankings.forEach((ranking, position) => {
    const target = targets[position];
    const top = ranking.slice(0, K);
    if (top.some((id) => target.has(id))) hits++;
    const dcg = top.reduce((sum, id, rank) => sum + (target.has(id) ? 1 / Math.log2(rank + 2) : 0), 0);
    let ideal = 0;
    for (let rank = 0; rank < Math.min(K, target.size); rank++) ideal += 1 / Math.log2(rank + 2);
    const value = ideal ? dcg / ideal : 0;
    ndcg += value;
    squares += value * value;
  });
  const count = rankings.length || 1;
  const mean = ndcg / count;
  const variance = Math.max(0, squares / count - mean * mean);
  return { hitRate: hits / count, ndcg: mean, ndcgMargin: 1.96 * Math.sqrt(variance / count) };
}

/** mulberry32: a seeded PRNG so the random baseline is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

type Method = (products: RecommendProduct[], split: Split) => string[][];

const NOW = new Date('2026-11-20T04:00:00Z');

function recommenderMethod(config: RecommenderConfigInput): Method {
  return (products, split) => {
    // The evaluation ranks the whole catalogue: no stock filter, no season (dates are missing on one store).
    const recommender = createRecommender({ products, orders: split.train, config: { ...config, dropOutOfStock: false, weights: { ...config.weights, season: 0, promotion: 0 } } });
    return split.targets.map((target) => recommender.recommend({ customerId: target.customerId, context: { now: NOW }, limit: K }).map((item) => item.productId));
  };
}

const popularity: Method = (products, split) => {
  const counts = new Map<string, number>();
  for (const order of split.train) for (const id of new Set(order.productIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const ranking = products.map((product) => product.id).sort((left, right) => (counts.get(right) ?? 0) - (counts.get(left) ?? 0) || left.localeCompare(right));
  return split.targets.map(() => ranking);
};

const random: Method = (products, split) => {
  const next = seededRandom(20261125);
  return split.targets.map(() => {
    const ids = products.map((product) => product.id);
    for (let index = ids.length - 1; index > 0; index--) {
      const swap = Math.floor(next() * (index + 1));
      [ids[index], ids[swap]] = [ids[swap], ids[index]];
    }
    return ids;
  });
};

/** Candidate weightings searched on the validation split only. */
const GRID: RecommenderConfigInput[] = [0, 0.1, 0.2, 0.4, 0.8].flatMap((coPurchase) => [0, 0.1, 0.3].flatMap((content) => [0.3, 1].map((repurchaseFactor) => ({ weights: { popularity: 1, coPurchase, content }, repurchaseFactor }))));

function score(method: Method, products: RecommendProduct[], split: Split) {
  return rankingMetrics(method(products, split), split.targets.map((target) => target.products));
}

/** NDCG@K of one customer's ranking (binary relevance). */
function customerNdcg(ranking: string[], target: Set<string>): number {
  const dcg = ranking.slice(0, K).reduce((sum, id, rank) => sum + (target.has(id) ? 1 / Math.log2(rank + 2) : 0), 0);
  let ideal = 0;
  for (let rank = 0; rank < Math.min(K, target.size); rank++) ideal += 1 / Math.log2(rank + 2);
  return ideal ? dcg / ideal : 0;
}

/**
 * Paired comparison on the same customers: mean of (NDCG of `method` − NDCG of `baseline`) with its 95 %
 * normal-approximation half-width. Tighter than comparing two separate intervals, since both rank for the same people.
 */
export function pairedNdcgDifference(method: string[][], baseline: string[][], targets: Array<Set<string>>): { difference: number; margin: number } {
  const differences = targets.map((target, index) => customerNdcg(method[index], target) - customerNdcg(baseline[index], target));
  const count = differences.length || 1;
  const mean = differences.reduce((sum, value) => sum + value, 0) / count;
  const variance = differences.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, count - 1);
  return { difference: mean, margin: 1.96 * Math.sqrt(variance / count) };
}

/** Evaluates one store: tunes on validation (last training order of each customer), reports on the held-out last orders. */
export async function evaluateStore(name: string, options: { validationOnly?: boolean } = {}) {
  const { products, orders } = recommenderDataFromStore(await loadStore(name));
  const test = holdOutLast(orders);
  const validation = holdOutLast(test.train);
  let best = { config: GRID[0], ndcg: -1, hitRate: -1 };
  for (const config of GRID) {
    const metrics = score(recommenderMethod(config), products, validation);
    if (metrics.ndcg + metrics.hitRate > best.ndcg + best.hitRate) best = { config, ...metrics };
  }
  const reported = options.validationOnly ? validation : test;
  return {
    store: name, split: options.validationOnly ? 'validation' : 'test', products: products.length, trainOrders: reported.train.length,
    testCustomers: reported.targets.length, validationCustomers: validation.targets.length,
    chosen: best.config, validation: { hitRate: best.hitRate, ndcg: best.ndcg },
    results: { recommender: score(recommenderMethod(best.config), products, reported), popularity: score(popularity, products, reported), random: score(random, products, reported) },
    recommenderMinusPopularity: pairedNdcgDifference(recommenderMethod(best.config)(products, reported), popularity(products, reported), reported.targets.map((target) => target.products)),
  };
}

async function printPresale(json: boolean): Promise<number> {
  const report = await evaluatePresale();
  if (json) { console.log(JSON.stringify(report, null, 2)); return 0; }
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  console.log(`Pre-sale questions on store-zh (${report.recommender.cases}, self-written labels), top 3:\n| method | precision@3 | hit@3 | top 3 within budget |\n|---|---|---|---|`);
  for (const [method, scores] of [['recommender', report.recommender], ['best-sellers in budget', report.popularity]] as const) {
    console.log(`| ${method} | ${percent(scores.precision)} | ${percent(scores.hit)} | ${percent(scores.withinBudget)} |`);
  }
  for (const miss of report.misses) console.log(`miss: ${miss}`);
  return 0;
}

/** `lingxi eval recommend`: offline ranking metrics on the demo stores. Returns the exit code. */
export async function evalRecommend(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { db: { type: 'string' }, validation: { type: 'boolean', default: false }, presale: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) { console.log(USAGE); return 0; }
  if (values.presale) return printPresale(values.json);
  if (values.db && !STORE_NAMES.includes(values.db as (typeof STORE_NAMES)[number])) { console.error(`unknown --db "${values.db}"\n${USAGE}`); return 2; }
  const stores = values.db ? [values.db] : [...STORE_NAMES];
  const reports = [];
  for (const store of stores) reports.push(await evaluateStore(store, { validationOnly: values.validation }));
  if (values.json) { console.log(JSON.stringify({ k: K, cores: cpus().length, date: new Date().toISOString(), reports }, null, 2)); return 0; }
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  // ± is the 95% normal-approximation half-width of the hit rate: with ~100–300 customers, a few points are noise.
  const margin = (rate: number, count: number) => `± ${(196 * Math.sqrt((rate * (1 - rate)) / Math.max(1, count))).toFixed(1)}`;
  if (values.validation) console.log('Validation split only (each customer\'s second-to-last order held out); the test split was not scored.');
  console.log(`| store | customers | method | hit-rate@${K} | NDCG@${K} |\n|---|---|---|---|---|`);
  for (const report of reports) {
    for (const [method, metrics] of Object.entries(report.results)) console.log(`| ${report.store} | ${report.testCustomers} | ${method} | ${percent(metrics.hitRate)} ${margin(metrics.hitRate, report.testCustomers)} | ${metrics.ndcg.toFixed(3)} ± ${metrics.ndcgMargin.toFixed(3)} |`);
  }
  for (const report of reports) {
    const { difference, margin: half } = report.recommenderMinusPopularity;
    console.log(`${report.store}: NDCG@${K} recommender − popularity, paired over the same customers: ${difference >= 0 ? '+' : ''}${difference.toFixed(3)} ± ${half.toFixed(3)}`);
  }
  for (const report of reports) console.log(`${report.store}: chosen on validation (${report.validationCustomers} customers, hit ${percent(report.validation.hitRate)}, NDCG ${report.validation.ndcg.toFixed(3)}): ${JSON.stringify(report.chosen)}`);
  return 0;
}
