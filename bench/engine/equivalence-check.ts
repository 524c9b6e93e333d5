/**
 * Equivalence check for engine speed work (issue 11): runs the FAQ retriever, the intent classifier, the sentiment
 * analyzer and the entity extractor of every pack over many inputs — every intent phrase and FAQ question, plus
 * mutated versions (a character dropped, neighbours swapped, cut in half, two phrases joined, filler added) — and
 * writes every output (full candidate ranking with scores, intent ranking, sentiment, entities) as JSON lines.
 * Record once before a change, compare after it: any difference is printed with its input.
 *
 *   npx tsx bench/engine/equivalence-check.ts --record /tmp/engine-reference.jsonl
 *   npx tsx bench/engine/equivalence-check.ts --compare /tmp/engine-reference.jsonl
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createRetriever } from '../../src/engine/knowledge/retriever.ts';
import { trainIntentClassifier } from '../../src/engine/nlu/intent/index.ts';
import { createSentimentAnalyzer } from '../../src/engine/nlu/sentiment/create-sentiment-analyzer.ts';
import { createEntityExtractor } from '../../src/engine/nlu/entities/create-entity-extractor.ts';
import { createTokenizer } from '../../src/engine/text/tokenize.ts';
import { loadPack, packNames } from '../../src/packs/registry.ts';
import { trainingExamples } from '../../src/packs/training-examples.ts';

const NOW = '2026-11-20T10:00:00+08:00';

/** Deterministic variants of a phrase that exercise partial matches. */
export function mutations(text: string, index: number, other: string): string[] {
  const chars = Array.from(text);
  const at = chars.length ? index % chars.length : 0;
  const dropped = [...chars.slice(0, at), ...chars.slice(at + 1)].join('');
  const swapped = chars.length > 1 ? [...chars.slice(0, at), chars[(at + 1) % chars.length], chars[at], ...chars.slice(at + 2)].join('') : text;
  const half = chars.slice(0, Math.ceil(chars.length / 2)).join('');
  const filler = index % 2 ? `请问${text}谢谢` : `hi, ${text} thanks`;
  return [dropped, swapped, half, `${text} ${other}`, filler];
}

/** All outputs of one pack's components over its inputs, one JSON line per input. */
export async function packLines(name: string, withMutations: boolean): Promise<string[]> {
  const pack = await loadPack(name);
  const tokenizer = createTokenizer();
  const retriever = createRetriever({ docs: pack.knowledge }, { tokenizer });
  const classifier = trainIntentClassifier(trainingExamples(pack), {}, { tokenizer });
  const sentiment = createSentimentAnalyzer({}, { tokenizer });
  const extractor = createEntityExtractor({});
  const phrases = [...Object.values(pack.intents).flatMap((phrases) => [...phrases.zh, ...phrases.en]), ...pack.knowledge.flatMap((doc) => doc.questions)];
  const inputs = withMutations ? phrases.flatMap((text, i) => [text, ...mutations(text, i, phrases[(i * 7 + 3) % phrases.length])]) : phrases;
  return inputs.map((text) => {
    const round = (hits: ReturnType<typeof retriever.retrieve>) => hits.map((hit) => [hit.doc.id, hit.score, hit.confidence, hit.coverage]);
    const prediction = classifier.classify(text);
    return JSON.stringify({
      pack: name, text,
      knowledge: round(retriever.retrieve(text, { limit: 100 })),
      zh: round(retriever.retrieve(text, { locale: 'zh', limit: 3 })),
      en: round(retriever.retrieve(text, { locale: 'en', limit: 3 })),
      intent: [prediction.label, prediction.confidence, prediction.status, prediction.ranking.slice(0, 5)],
      sentiment: sentiment.analyze(text),
      entities: extractor.extract(text, { now: NOW }),
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { record: { type: 'string' }, compare: { type: 'string' }, packs: { type: 'string' }, quick: { type: 'boolean', default: false } } });
  const packs = values.packs?.split(',') ?? packNames();
  const lines: string[] = [];
  for (const name of packs) lines.push(...await packLines(name, !values.quick));
  if (values.record) {
    writeFileSync(values.record, `${lines.join('\n')}\n`);
    process.stdout.write(`recorded ${lines.length} inputs over ${packs.length} packs\n`);
    return 0;
  }
  if (!values.compare) throw new Error('Pass --record <file> or --compare <file>.');
  const reference = readFileSync(values.compare, 'utf8').trimEnd().split('\n');
  let differences = 0;
  for (let i = 0; i < Math.max(reference.length, lines.length); i++) {
    if (reference[i] === lines[i]) continue;
    differences++;
    if (differences <= 10) process.stdout.write(`DIFF ${i}\n  old ${reference[i]?.slice(0, 600)}\n  new ${lines[i]?.slice(0, 600)}\n`);
  }
  process.stdout.write(`${lines.length} inputs (reference ${reference.length}): ${differences} differ\n`);
  return differences ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
