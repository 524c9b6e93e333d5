import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LingxiError } from '../../engine/errors.ts';
import { createMemoryCache } from '../../engine/ports.ts';
import { storeFromJson } from '../../packs/ecommerce/store/load-store.ts';
import { collectFiles, lineOf } from '../../evaluation/load-files.ts';
import { replayFileSchema, type Replay } from '../../evaluation/replay-schema.ts';
import { runReplay } from '../../evaluation/run-replay.ts';

/** Parses one replay file; a malformed file is an error naming the file (and line for JSON syntax errors). */
export async function readReplayFile(file: string): Promise<Replay[]> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    throw new LingxiError('malformed_file', `${file}${position ? `:${lineOf(text, Number(position))}` : ''}: invalid JSON (${(error as Error).message})`);
  }
  const parsed = replayFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LingxiError('malformed_file', `${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return Array.isArray(parsed.data) ? parsed.data : [parsed.data];
}

/** `lingxi eval replay <file-or-folder> [--pack ecommerce] [--db <folder>] [--json] [--verbose]` (../shared/eval/REPLAY.md). */
export async function evalReplay(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { pack: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false } },
  });
  if (!positionals.length) throw new LingxiError('validation_failed', 'usage: lingxi eval replay <file-or-folder> [--pack ecommerce] [--db <folder>] [--json]');
  const files = await collectFiles(positionals, ['.json']);
  const replays: Replay[] = [];
  for (const file of files) replays.push(...(await readReplayFile(file)).map((r) => (values.pack ? { ...r, pack: values.pack } : r)));
  const db = values.db ? storeFromJson({
    users: JSON.parse(await readFile(join(values.db, 'users.json'), 'utf8')),
    orders: JSON.parse(await readFile(join(values.db, 'orders.json'), 'utf8')),
    products: JSON.parse(await readFile(join(values.db, 'products.json'), 'utf8')),
  }) : undefined;
  const cache = createMemoryCache();
  let passed = 0;
  for (const replay of replays) {
    const result = await runReplay(replay, { db, modelCache: cache });
    if (result.passed) passed++;
    console.log(result.passed ? `PASS ${result.id}` : `FAIL ${result.id}: ${result.reason}`);
    if (values.verbose && !result.passed) {
      for (const line of result.transcript) console.log(`    ${line.role === 'customer' ? '>' : '<'} ${line.text.replace(/\n/g, ' ⏎ ')}${line.awaiting ? ` [awaiting ${line.awaiting}]` : ''}`);
      for (const call of result.toolCalls) console.log(`    tool ${call.name} ${JSON.stringify(call.arguments)} ${call.ok ? 'ok' : 'error'}`);
    }
  }
  const failed = replays.length - passed;
  console.log(`replay: ${passed} passed, ${failed} failed`);
  if (values.json) console.log(JSON.stringify({ passed, failed, total: replays.length, rate: replays.length ? Math.round((passed / replays.length) * 10_000) / 10_000 : 0 }));
  return 0;
}
