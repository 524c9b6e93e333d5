import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { LingxiError } from '../engine/errors.ts';
import { createCounterIds, fixedClock, type ModelCache } from '../engine/ports.ts';
import { createPackEngine, type PackContent } from '../packs/create-pack-engine.ts';
import { loadStore } from '../packs/ecommerce/store/load-store.ts';
import { PACK_MODULES } from '../packs/registry.ts';

const turnSchema = z.object({
  user: z.string(),
  intent: z.string().nullable().optional(),
  reply: z.array(z.string()).optional(),
  not_reply: z.array(z.string()).optional(),
  awaiting: z.string().nullable().optional(),
  tools: z.array(z.string()).optional(),
  handoff: z.boolean().optional(),
  tone: z.enum(['neutral', 'warm', 'apologetic', 'concise']).optional(),
  /** A knowledge source id the turn's replies must cite (a tenant article id or a pack FAQ id). */
  source: z.string().optional(),
});

/** Tenant additions the engine is built with (a tenant suite exported from the service carries them). */
export const packContentSchema = z.object({
  articles: z.array(z.object({
    id: z.string(), title: z.string(), body: z.string(), locale: z.enum(['zh', 'en']),
    questions: z.array(z.string()).default([]), tags: z.array(z.string()).default([]),
  })).default([]),
  phrases: z.array(z.object({ intent: z.string(), text: z.string() })).default([]),
});

/** A conversation test (`*.conv.yaml`): user turns with what each should produce, and the final state. */
export const conversationTestSchema = z.object({
  name: z.string(),
  pack: z.string().default('ecommerce'),
  /** Several packs composed (the first is `pack`'s backend); default: `[pack]`. */
  packs: z.array(z.string()).min(1).optional(),
  locale: z.enum(['zh', 'en']),
  /** Demo backend of the pack; default: the pack's own default (e-commerce: store-zh). */
  db: z.string().optional(),
  now: z.string().default('2026-11-20T10:00:00+08:00'),
  turns: z.array(turnSchema).min(1),
  final: z.object({
    customer: z.string().nullable().optional(),
    handedOff: z.boolean().optional(),
    tools_called: z.array(z.string()).optional(),
    tools_not_called: z.array(z.string()).optional(),
    db: z.array(z.object({ path: z.string(), equals: z.unknown() })).optional(),
  }).default({}),
});

export type ConversationTest = z.infer<typeof conversationTestSchema>;

export interface ConversationTestResult {
  name: string;
  file: string;
  passed: boolean;
  failures: string[];
}

/** Reads a YAML file and validates it; errors name the file and the first offending path. */
async function readYaml<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = parse(text);
  } catch (error) {
    throw new LingxiError('malformed_file', `${file}: invalid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LingxiError('malformed_file', `${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export const readConversationTest = (file: string): Promise<ConversationTest> => readYaml(file, conversationTestSchema);

function valueAt(root: unknown, path: string): unknown {
  return path.split('/').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), root);
}

const includes = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());

/**
 * A tenant's regression suite as `GET /v1/admin/learning/suite` exports it (`*.suite.yaml`): the tenant's packs and
 * content, and one conversation test per approved knowledge fix. `lingxi test` runs it like `*.conv.yaml` files.
 */
export const tenantSuiteSchema = z.object({
  suite: z.string(),
  tenant: z.string().optional(),
  exportedAt: z.string().optional(),
  packs: z.array(z.string()).min(1),
  content: packContentSchema.default({ articles: [], phrases: [] }),
  tests: z.array(conversationTestSchema),
});
export type TenantSuite = z.infer<typeof tenantSuiteSchema>;

export const readTenantSuite = (file: string): Promise<TenantSuite> => readYaml(file, tenantSuiteSchema);

/** Runs one conversation test against the pure engine with a fresh demo store (and the tenant's content, if given). */
export async function runConversationTest(test: ConversationTest, file: string, options: { modelCache?: ModelCache; content?: PackContent } = {}): Promise<ConversationTestResult> {
  const packs = test.packs ?? [test.pack];
  const first = packs[0];
  const data = first === 'ecommerce' ? await loadStore(test.db ?? 'store-zh') : await PACK_MODULES[first].loadData({ db: test.db, locale: test.locale });
  const engine = await createPackEngine({ packs, locale: test.locale, data, clock: fixedClock(test.now), ids: createCounterIds(), modelCache: options.modelCache, content: options.content });
  const failures: string[] = [];
  let { state } = engine.start({ locale: test.locale });
  const allTools: string[] = [];
  for (const [index, turn] of test.turns.entries()) {
    const at = `turn ${index + 1} ("${turn.user.slice(0, 40)}")`;
    const result = await engine.handle(state, { text: turn.user });
    state = result.state;
    const text = result.replies.map((r) => r.text).join('\n');
    const tools = result.toolCalls.map((c) => c.name);
    allTools.push(...result.toolCalls.filter((c) => c.ok).map((c) => c.name));
    if (turn.intent !== undefined && result.understanding.intent !== turn.intent) failures.push(`${at}: intent ${result.understanding.intent} (${result.understanding.status}, ${result.understanding.confidence.toFixed(2)}), expected ${turn.intent}`);
    for (const needle of turn.reply ?? []) if (!includes(text, needle)) failures.push(`${at}: reply lacks "${needle}" — got: ${text.slice(0, 300).replace(/\n/g, ' ⏎ ')}`);
    for (const needle of turn.not_reply ?? []) if (includes(text, needle)) failures.push(`${at}: reply must not contain "${needle}"`);
    const awaiting = result.replies.at(-1)?.awaiting ?? null;
    if (turn.awaiting !== undefined && awaiting !== turn.awaiting) failures.push(`${at}: awaiting ${awaiting}, expected ${turn.awaiting}`);
    if (turn.tools && JSON.stringify(tools.filter((t) => turn.tools!.includes(t) || !t.startsWith('get_') && !t.startsWith('find_') && !t.startsWith('list_'))) !== JSON.stringify(turn.tools)) {
      failures.push(`${at}: tools ${JSON.stringify(tools)}, expected ${JSON.stringify(turn.tools)}`);
    }
    if (turn.handoff !== undefined && Boolean(result.replies.some((r) => r.handoff)) !== turn.handoff) failures.push(`${at}: handoff ${!turn.handoff}, expected ${turn.handoff}`);
    const sources = result.replies.flatMap((r) => r.sources ?? []).map((source) => source.id);
    if (turn.source !== undefined && !sources.includes(turn.source)) failures.push(`${at}: sources ${JSON.stringify(sources)}, expected ${turn.source} — got: ${text.slice(0, 200).replace(/\n/g, ' ⏎ ')}`);
    if (turn.tone && !result.replies.some((r) => r.tone === turn.tone)) failures.push(`${at}: tone ${result.replies.map((r) => r.tone).join(',')}, expected ${turn.tone}`);
  }
  const final = test.final;
  if (final.customer !== undefined && state.customerId !== final.customer) failures.push(`final: customer ${state.customerId}, expected ${final.customer}`);
  if (final.handedOff !== undefined && state.handedOff !== final.handedOff) failures.push(`final: handedOff ${state.handedOff}, expected ${final.handedOff}`);
  for (const name of final.tools_called ?? []) if (!allTools.includes(name)) failures.push(`final: tool ${name} was not called successfully (called: ${allTools.join(', ') || 'none'})`);
  for (const name of final.tools_not_called ?? []) if (allTools.includes(name)) failures.push(`final: tool ${name} must not be called`);
  for (const check of final.db ?? []) {
    const actual = valueAt(data, check.path);
    if (JSON.stringify(actual) !== JSON.stringify(check.equals)) failures.push(`final: db ${check.path} = ${JSON.stringify(actual)}, expected ${JSON.stringify(check.equals)}`);
  }
  return { name: test.name, file, passed: failures.length === 0, failures };
}
