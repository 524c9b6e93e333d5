// Builds the BANKING77 out-of-scope setting: 17 of the 77 intents are held out. They are dropped from train and
// relabelled `oos` in test, so the classifier must reject them with its own confidence (it never sees `oos`).
// Choice: the 77 category names sorted alphabetically, shuffled by Fisher–Yates with mulberry32(seed 77); the first
// 17 are held out. Deterministic: the same seed gives the same files.
//   npx tsx bench/nlu/make-banking77-oos.ts [source-dir] [target-dir]   → prints the target dir and held-out intents
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../../src/cli/csv.ts';
import { createRandom } from '../../src/engine/nlu/intent/softmax-trainer.ts';

const source = process.argv[2] ?? '/work/shared/datasets/banking77';
const target = process.argv[3] ?? join(tmpdir(), 'lingxi-banking77-oos');
const HELD_OUT = 17;
const SEED = 77;

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const toCsv = (rows: Array<[string, string]>) => ['text,label', ...rows.map(([text, label]) => `${quote(text)},${quote(label)}`)].join('\n') + '\n';

const train = parseCsv(await readFile(join(source, 'train.csv'), 'utf8'), 'train.csv').records.map((r) => [r.values.text, r.values.category] as [string, string]);
const test = parseCsv(await readFile(join(source, 'test.csv'), 'utf8'), 'test.csv').records.map((r) => [r.values.text, r.values.category] as [string, string]);
const intents = [...new Set(train.map(([, label]) => label))].sort();
const random = createRandom(SEED);
for (let i = intents.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [intents[i], intents[j]] = [intents[j], intents[i]];
}
const heldOut = new Set(intents.slice(0, HELD_OUT));
await mkdir(target, { recursive: true });
await writeFile(join(target, 'train.csv'), toCsv(train.filter(([, label]) => !heldOut.has(label))));
await writeFile(join(target, 'test.csv'), toCsv(test.map(([text, label]) => [text, heldOut.has(label) ? 'oos' : label])));
console.log(JSON.stringify({ target, heldOut: [...heldOut].sort() }));
