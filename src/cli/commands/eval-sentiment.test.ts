import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evalSentiment } from './eval-sentiment.ts';

const folder = mkdtempSync(join(tmpdir(), 'lingxi-eval-sentiment-'));
function file(name: string, content: string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...parts) => void out.push(parts.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...parts) => void err.push(parts.join(' ')));
  return { out, err };
}

afterEach(() => vi.restoreAllMocks());

const TEST = `text,label
"东西很好,物流也快,非常满意",1
质量太差了，再也不会买了,0
味道不错，会再点的,1
送餐太慢，饭都凉了,0
Great product and fast delivery,1
Terrible quality,0
`;

describe('evalSentiment', () => {
  it('evaluates the shipped model and ends with the JSON figures', async () => {
    const { out } = capture();
    expect(await evalSentiment(['--test', file('test.csv', TEST), '--json'])).toBe(0);
    const figures = JSON.parse(out.at(-1)!);
    expect(Object.keys(figures)).toEqual(['accuracy', 'macroF1', 'p99Ms']);
    expect(figures.accuracy).toBe(1);
    expect(out.join('\n')).toMatch(/p50 .* ms {2}p99 .* ms/);
  });

  it("trains on --train first and accepts the dataset's label,review columns", async () => {
    const train = file('train.csv', `label,review\n${Array.from({ length: 20 }, (_, i) => (i % 2 ? `1,很好吃${i}` : `0,太难吃${i}`)).join('\n')}\n`);
    const test = file('test-review.csv', 'label,review\n1,很好吃\n0,太难吃\n');
    const { out } = capture();
    expect(await evalSentiment(['--train', train, '--test', test, '--json'])).toBe(0);
    expect(out[0]).toMatch(/polarity trained on .*train\.csv \(20 rows/);
    expect(JSON.parse(out.at(-1)!).accuracy).toBe(1);
  });

  it('exits 2 naming the line of a malformed file, and on missing arguments', async () => {
    const { err } = capture();
    expect(await evalSentiment(['--test', file('bad.csv', 'text,label\n好,1\n坏,x\n')])).toBe(2);
    expect(err.join('\n')).toMatch(/bad\.csv: line 3: label must be 1/);
    expect(await evalSentiment([])).toBe(2);
    expect(await evalSentiment(['--test', join(folder, 'missing.csv')])).toBe(2);
    expect(err.join('\n')).toMatch(/file not found/);
  });
});
