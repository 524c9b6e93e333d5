/**
 * Checks the scripted replays under eval/replays (or the folders given as arguments) before anyone runs them:
 * - every file parses and matches the replay schema (src/evaluation/replay-schema.ts);
 * - ids are unique, named `tau-retail-(train|dev)-<n>[-zh]` (never a tasks_test id), match the file name,
 *   and the folder (en/ or zh/) and `-zh` suffix agree with `locale`;
 * - turns do not leak what a customer cannot know (item ids, payment-method ids), and zh turns are in Chinese;
 * - the expected write actions, applied in order with the pack's own tools to a fresh copy of the store, all succeed;
 * - when the τ-bench task files are reachable (`--tasks <folder>`, default ../shared/datasets/…/retail), the
 *   expected actions equal the task's gold write actions, unchanged.
 * Prints counts per action and locale; exits 1 on any problem.
 *
 * Run: npx tsx scripts/check-replays.ts [folder-or-file …] [--tasks <folder with tasks_train.json, tasks_dev.json>]
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectFiles } from '../src/evaluation/load-files.ts';
import { replayFileSchema, type Replay } from '../src/evaluation/replay-schema.ts';
import { getEcommerceTool } from '../src/packs/ecommerce/tools/index.ts';
import { runTool } from '../src/engine/tools/define-tool.ts';
import { loadStore } from '../src/packs/ecommerce/store/load-store.ts';
import { fixedClock, createCounterIds } from '../src/engine/ports.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const WRITE_ACTIONS = new Set([
  'cancel_pending_order', 'modify_pending_order_address', 'modify_pending_order_payment', 'modify_pending_order_items',
  'modify_user_address', 'return_delivered_order_items', 'exchange_delivered_order_items',
]);
const ID_PATTERN = /^tau-retail-(train|dev)-(\d+)(-zh)?$/;
/** Things a customer cannot know: 10-digit item ids and internal payment-method ids. */
const LEAKS = [/\b\d{10}\b/, /\b(credit_card|gift_card|paypal)_\d+/];
const CJK = /[\u4e00-\u9fff]/;

interface GoldTask { actions: Array<{ name: string; kwargs: Record<string, unknown> }>; outputs: string[] }

function parseArguments(argv: string[]): { paths: string[]; tasksFolder: string } {
  const paths: string[] = [];
  let tasksFolder = resolve(root, '../shared/datasets/tau-bench/tau-bench-v1/retail');
  for (let index = 0; index < argv.length; index += 1) {
    if (argv[index] === '--tasks') tasksFolder = resolve(argv[++index] ?? '');
    else paths.push(argv[index]);
  }
  return { paths: paths.length ? paths : [join(root, 'eval/replays')], tasksFolder };
}

/** Gold tasks by split, or null when the dataset is not on this machine. tasks_test.json is never read. */
function loadGold(folder: string): Record<'train' | 'dev', GoldTask[]> | null {
  const train = join(folder, 'tasks_train.json');
  const dev = join(folder, 'tasks_dev.json');
  if (!existsSync(train) || !existsSync(dev)) return null;
  return { train: JSON.parse(readFileSync(train, 'utf8')), dev: JSON.parse(readFileSync(dev, 'utf8')) };
}

const canonical = (value: unknown): string => JSON.stringify(value, (_key, inner) =>
  inner && typeof inner === 'object' && !Array.isArray(inner)
    ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
    : inner);

function checkShape(replay: Replay, file: string, gold: ReturnType<typeof loadGold>): string[] {
  const problems: string[] = [];
  const match = ID_PATTERN.exec(replay.id);
  if (!match) return [`id "${replay.id}" is not tau-retail-(train|dev)-<n>[-zh]`];
  const [, split, index, zh] = match;
  if (basename(file) !== `${replay.id}.json`) problems.push(`file name should be ${replay.id}.json`);
  if (basename(dirname(file)) !== replay.locale) problems.push(`file should be under ${replay.locale}/`);
  if (Boolean(zh) !== (replay.locale === 'zh')) problems.push('the -zh suffix must be used exactly for locale zh');
  if (replay.pack !== 'ecommerce' || replay.db !== 'tau-retail') problems.push('pack must be ecommerce and db tau-retail');
  if (replay.turns.length < 1 || replay.turns.length > 4) problems.push(`has ${replay.turns.length} turns (want 1–4)`);
  for (const turn of replay.turns) {
    const leak = LEAKS.find((pattern) => pattern.test(turn));
    if (leak) problems.push(`turn leaks an internal id (${leak}): "${turn}"`);
    if (replay.locale === 'zh' && !CJK.test(turn)) problems.push(`zh turn has no Chinese: "${turn}"`);
  }
  if (replay.expect.actions.length === 0) problems.push('expects no write action');
  for (const action of replay.expect.actions) {
    if (!WRITE_ACTIONS.has(action.name)) problems.push(`expected action ${action.name} is not a supported write action`);
  }
  if (gold) {
    const task = gold[split as 'train' | 'dev'][Number(index)];
    if (!task) problems.push(`no task ${index} in tasks_${split}.json`);
    else {
      const goldWrites = task.actions.filter((a) => WRITE_ACTIONS.has(a.name)).map((a) => ({ name: a.name, arguments: a.kwargs }));
      if (canonical(goldWrites) !== canonical(replay.expect.actions)) problems.push(`expect.actions differ from the gold write actions of tasks_${split}[${index}]`);
      if (canonical(task.outputs) !== canonical(replay.expect.outputs)) problems.push(`expect.outputs differ from tasks_${split}[${index}].outputs`);
    }
  }
  return problems;
}

/** Applies the expected actions in order to one fresh store, as the replay judge does. */
async function checkActions(replay: Replay): Promise<string[]> {
  const data = await loadStore(replay.db);
  const context = { data, clock: fixedClock('2026-11-20T10:00:00+08:00'), ids: createCounterIds(), locale: replay.locale, actor: { kind: 'system' as const } };
  const problems: string[] = [];
  for (const action of replay.expect.actions) {
    const tool = getEcommerceTool(action.name);
    if (!tool) { problems.push(`unknown tool ${action.name}`); continue; }
    const outcome = await runTool(tool, action.arguments, context);
    if (!outcome.ok) problems.push(`${action.name} fails on a fresh store: ${outcome.error}`);
  }
  return problems;
}

async function main(): Promise<void> {
  const { paths, tasksFolder } = parseArguments(process.argv.slice(2));
  const gold = loadGold(tasksFolder);
  const files = await collectFiles(paths, ['.json']);
  const seen = new Map<string, string>();
  const perAction = new Map<string, number>();
  const perLocale = new Map<string, number>();
  const perWriteCount = new Map<number, number>();
  let problemCount = 0;
  const report = (where: string, problems: string[]) => {
    for (const problem of problems) console.error(`FAIL ${where}: ${problem}`);
    problemCount += problems.length;
  };

  for (const file of files) {
    let replays: Replay[];
    try {
      const parsed = replayFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) { report(file, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)); continue; }
      replays = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    } catch (error) {
      report(file, [`not JSON: ${(error as Error).message}`]);
      continue;
    }
    for (const replay of replays) {
      const previous = seen.get(replay.id);
      if (previous) report(replay.id, [`duplicate id (also in ${previous})`]);
      seen.set(replay.id, file);
      report(replay.id, [...checkShape(replay, file, gold), ...await checkActions(replay)]);
      perLocale.set(replay.locale, (perLocale.get(replay.locale) ?? 0) + 1);
      perWriteCount.set(replay.expect.actions.length, (perWriteCount.get(replay.expect.actions.length) ?? 0) + 1);
      for (const action of replay.expect.actions) perAction.set(action.name, (perAction.get(action.name) ?? 0) + 1);
    }
  }

  console.log(`replays: ${seen.size} in ${files.length} files`);
  console.log(`per locale: ${[...perLocale].map(([key, count]) => `${key} ${count}`).join(', ')}`);
  console.log(`per number of write actions: ${[...perWriteCount].sort(([a], [b]) => a - b).map(([key, count]) => `${key}: ${count}`).join(', ')}`);
  console.log('actions:');
  for (const [name, count] of [...perAction].sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${name.padEnd(32)} ${count}`);
  console.log(gold ? `gold check: against ${tasksFolder}` : `gold check: skipped (no task files in ${tasksFolder})`);
  if (problemCount > 0) {
    console.error(`${problemCount} problem(s)`);
    process.exit(1);
  }
  console.log('all replays valid');
}

await main();
