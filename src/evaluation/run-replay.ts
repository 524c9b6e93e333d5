import { createPackEngine } from '../packs/create-pack-engine.ts';
import { loadStore } from '../packs/ecommerce/store/load-store.ts';
import type { EcommerceDb } from '../packs/ecommerce/store/types.ts';
import { getEcommerceTool } from '../packs/ecommerce/tools/index.ts';
import { runTool } from '../engine/tools/define-tool.ts';
import { createCounterIds, fixedClock, type ModelCache } from '../engine/ports.ts';
import { LingxiError } from '../engine/errors.ts';
import type { Reply } from '../engine/dialogue/types.ts';
import { canonicalJson, firstDifference } from './canonical-json.ts';
import type { Replay } from './replay-schema.ts';

export const MAX_ENGINE_REPLIES = 30;
/** Replays run at a fixed instant so relative dates and delays are reproducible. */
export const REPLAY_NOW = '2026-11-20T10:00:00+08:00';

export interface ReplayResult {
  id: string;
  passed: boolean;
  reason?: string;
  transcript: Array<{ role: 'customer' | 'engine'; text: string; awaiting?: string | null }>;
  toolCalls: Array<{ name: string; arguments: Record<string, unknown>; ok: boolean }>;
}

export interface ReplayOptions {
  /** Folder-loaded database to use instead of the bundled one named by the replay. */
  db?: EcommerceDb;
  modelCache?: ModelCache;
}

function snapshot(db: EcommerceDb): Pick<EcommerceDb, 'users' | 'orders' | 'products'> {
  return { users: db.users, orders: db.orders, products: db.products };
}

const normalizeOutput = (text: string) => text.toLowerCase().replace(/(\d),(?=\d{3}\b)/g, '$1');

/**
 * Plays a replay against the engine (which never sees `facts` or `expect`) and judges it by the final
 * database, as REPLAY.md describes: expected actions are applied with the pack's own tools to a fresh copy.
 */
export async function runReplay(replay: Replay, options: ReplayOptions = {}): Promise<ReplayResult> {
  const fresh = async () => (options.db ? structuredClone(options.db) : await loadStore(replay.db));
  const data = await fresh();
  const engine = await createPackEngine({
    packs: [replay.pack], locale: replay.locale, data, clock: fixedClock(REPLAY_NOW), ids: createCounterIds(), modelCache: options.modelCache,
  });
  const transcript: ReplayResult['transcript'] = [];
  const toolCalls: ReplayResult['toolCalls'] = [];
  let { state, replies } = engine.start({ locale: replay.locale, id: replay.id });
  let engineReplies = 0;
  let turnIndex = 0;
  const answeredFacts = new Map<string, number>();
  const record = (list: Reply[]) => { for (const r of list) transcript.push({ role: 'engine', text: r.text, awaiting: r.awaiting }); engineReplies += list.length; };
  record(replies);
  while (engineReplies < MAX_ENGINE_REPLIES) {
    const awaiting = replies.at(-1)?.awaiting ?? null;
    let message: string | undefined;
    // A fact answers the question asked — but not the same question over and over (the engine did not accept it).
    if (awaiting && replay.facts[awaiting] !== undefined && (answeredFacts.get(awaiting) ?? 0) < 2) {
      message = replay.facts[awaiting];
      answeredFacts.set(awaiting, (answeredFacts.get(awaiting) ?? 0) + 1);
    } else if (turnIndex < replay.turns.length) {
      message = replay.turns[turnIndex++];
    } else break;
    transcript.push({ role: 'customer', text: message });
    const result = await engine.handle(state, { text: message });
    state = result.state;
    replies = result.replies;
    toolCalls.push(...result.toolCalls.map((c) => ({ name: c.name, arguments: c.arguments, ok: c.ok })));
    record(replies);
  }

  const expected = await fresh();
  for (const action of replay.expect.actions) {
    const tool = getEcommerceTool(action.name);
    if (!tool) throw new LingxiError('malformed_file', `replay ${replay.id}: unknown action "${action.name}"`);
    const outcome = await runTool(tool, action.arguments, { data: expected, clock: fixedClock(REPLAY_NOW), ids: createCounterIds(), locale: replay.locale, actor: { kind: 'system' } });
    if (!outcome.ok) throw new LingxiError('malformed_file', `replay ${replay.id}: expected action ${action.name} fails on the database: ${outcome.error}`);
  }
  const difference = canonicalJson(snapshot(data)) === canonicalJson(snapshot(expected)) ? null : firstDifference(snapshot(data), snapshot(expected));
  if (difference) return { id: replay.id, passed: false, reason: `database differs at ${difference}`, transcript, toolCalls };
  const said = normalizeOutput(transcript.filter((t) => t.role === 'engine').map((t) => t.text).join('\n'));
  const missing = replay.expect.outputs.find((output) => !said.includes(normalizeOutput(output)));
  if (missing) return { id: replay.id, passed: false, reason: `no reply contains "${missing}"`, transcript, toolCalls };
  return { id: replay.id, passed: true, transcript, toolCalls };
}
