import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createConfiguredEngine, LLM_CLI_OPTIONS } from './chat-llm-engine.ts';
import type { Reply } from '../../engine/dialogue/types.ts';
import { LingxiError } from '../../engine/errors.ts';
import { createFileModelCache, defaultCacheDirectory } from '../../infra/file-model-cache.ts';

function render(reply: Reply, debug: boolean): string {
  const lines = [`灵犀 › ${reply.text}`];
  for (const card of reply.cards) lines.push(`  [${card.kind}] ${JSON.stringify(card)}`);
  if (reply.quickReplies.length) lines.push(`  ${reply.quickReplies.map((q, i) => `(${i + 1}) ${q.label}`).join('  ')}`);
  if (reply.sources.length) lines.push(`  ${reply.sources.map((s) => `↗ ${s.title} — ${s.source}`).join('\n  ')}`);
  if (debug) lines.push(`  · intent=${reply.intent ?? '-'} confidence=${reply.confidence?.toFixed(2) ?? '-'} awaiting=${reply.awaiting ?? '-'}`);
  return lines.join('\n');
}

/**
 * `lingxi chat [--pack ecommerce] [--locale zh|en] [--db tau-retail|store-zh] [--debug]`
 * LLM mode with `--llm-preset deepseek|qwen|…` or LINGXI_LLM_BASE_URL/LINGXI_LLM_API_KEY; `--offline` forces the offline engine.
 */
export async function chat(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      pack: { type: 'string', default: 'ecommerce' },
      locale: { type: 'string', default: 'zh' },
      db: { type: 'string' },
      debug: { type: 'boolean', default: false },
      ...LLM_CLI_OPTIONS,
    },
  });
  if (values.locale !== 'zh' && values.locale !== 'en') throw new LingxiError('validation_failed', '--locale must be zh or en');
  const { engine, mode, provider } = await createConfiguredEngine({ packs: values.pack.split(','), locale: values.locale, db: values.db, modelCache: createFileModelCache(defaultCacheDirectory(process.env, process.cwd())) }, values);
  if (values.debug || mode === 'llm') console.log(mode === 'llm' ? `  · LLM mode: ${JSON.stringify(provider)}` : '  · offline engine');
  const started = engine.start({ locale: values.locale });
  let state = started.state;
  const replies = started.replies;
  for (const reply of replies) console.log(render(reply, values.debug));
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  let lastQuick: Reply['quickReplies'] = replies.at(-1)?.quickReplies ?? [];
  for await (const line of rl) {
    const text = /^\d$/.test(line.trim()) && lastQuick[Number(line.trim()) - 1] ? lastQuick[Number(line.trim()) - 1].payload : line;
    if (['/quit', '/exit'].includes(text.trim())) break;
    const result = await engine.handle(state, { text });
    state = result.state;
    if (values.debug) {
      const u = result.understanding;
      console.log(`  · ${u.locale} intent=${u.intent ?? '-'} (${u.confidence.toFixed(2)}, ${u.status}) entities=${JSON.stringify(u.entities.map((e) => `${e.type}:${e.value}`))} sentiment=${u.sentiment.emotion}`);
      for (const call of result.toolCalls) console.log(`  · tool ${call.name}(${JSON.stringify(call.arguments)}) → ${call.ok ? 'ok' : `error: ${call.error}`}`);
    }
    for (const reply of result.replies) console.log(render(reply, values.debug));
    lastQuick = result.replies.at(-1)?.quickReplies ?? [];
  }
  rl.close();
  return 0;
}
