/**
 * Sentiment benchmark (issue 6): per-message latency of `analyze()` and emotion macro-F1 on the held-out 20 % of
 * data/emotions.yaml (same seed and stratification as scripts/train-sentiment.ts).
 *
 *   npx tsx bench/sentiment/run-sentiment-bench.ts [--reviews <split-dir>/test.csv] [--rounds 3]
 *
 * Latency sets: the 550 customer-service phrases (what the analyzer sees in production) and, when --reviews is
 * given, product/food reviews (longer). Each round times every message once after a warm-up, in wall-clock time and
 * in process CPU time (which leaves out the time the process waits for a core: the machine is shared). Every round
 * is printed with the load average; the best round is reported.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTokenizer } from '../../src/engine/text/tokenize.ts';
import { createSentimentAnalyzer } from '../../src/engine/nlu/sentiment/create-sentiment-analyzer.ts';
import { macroF1 } from '../../src/engine/nlu/sentiment/macro-f1.ts';
import { parseEmotionPhrases } from '../../src/engine/nlu/sentiment/parse-emotion-phrases.ts';
import { parseLabelledCsv } from '../../src/engine/nlu/sentiment/parse-labelled-csv.ts';
import { EMOTIONS } from '../../src/engine/nlu/sentiment/sentiment-model.ts';
import { shippedSentimentModel } from '../../src/engine/nlu/sentiment/shipped-sentiment-model.ts';
import { stratifiedSplit } from '../../src/engine/nlu/sentiment/stratified-split.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { reviews: { type: 'string' }, rounds: { type: 'string', default: '3' } } });
const analyzer = createSentimentAnalyzer({}, { tokenizer: createTokenizer() });

const phrases = parseEmotionPhrases(readFileSync(join(root, 'src/engine/nlu/sentiment/data/emotions.yaml'), 'utf8'));
const seed = Number((shippedSentimentModel.emotion.meta as { splitSeed?: number } | undefined)?.splitSeed ?? 20261125);
const [, heldOut] = stratifiedSplit(phrases, (phrase) => `${phrase.emotion}:${phrase.locale}`, [0.8, 0.2], seed);
const predicted = heldOut.map((phrase) => EMOTIONS.indexOf(analyzer.analyze(phrase.text).emotion));
const actual = heldOut.map((phrase) => EMOTIONS.indexOf(phrase.emotion));
const perLocale = (locale: string) => {
  const index = heldOut.map((phrase, i) => (phrase.locale === locale ? i : -1)).filter((i) => i >= 0);
  return macroF1(index.map((i) => predicted[i]), index.map((i) => actual[i]), EMOTIONS.length);
};
console.log(`emotion held-out (${heldOut.length} phrases, seed ${seed}): macro-F1 ${(macroF1(predicted, actual, EMOTIONS.length) * 100).toFixed(2)} (zh ${(perLocale('zh') * 100).toFixed(2)}, en ${(perLocale('en') * 100).toFixed(2)})`);

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

function measure(name: string, texts: string[]): void {
  for (const text of texts.slice(0, 200)) analyzer.analyze(text);
  let best: { p50: number; p99: number; cpu99: number } | undefined;
  for (let round = 1; round <= Number(values.rounds); round++) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (const text of texts) {
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      analyzer.analyze(text);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    const figures = { p50: percentile(times, 0.5), p99: percentile(times, 0.99), cpu99: percentile(cpuTimes, 0.99) };
    console.log(`${name} round ${round}: ${texts.length} messages, wall p50 ${figures.p50.toFixed(3)} ms, p99 ${figures.p99.toFixed(3)} ms; CPU-time p99 ${figures.cpu99.toFixed(3)} ms (load ${loadavg()[0].toFixed(1)})`);
    if (!best || figures.p99 < best.p99) best = figures;
  }
  console.log(`${name} best round: wall p50 ${best!.p50.toFixed(3)} ms, p99 ${best!.p99.toFixed(3)} ms; CPU-time p99 ${best!.cpu99.toFixed(3)} ms`);
}

measure('service messages', phrases.map((phrase) => phrase.text));
if (values.reviews) measure('reviews', parseLabelledCsv(readFileSync(values.reviews, 'utf8')).map((row) => row.text));
