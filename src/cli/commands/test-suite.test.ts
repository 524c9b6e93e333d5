import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { test as runTests } from './test.ts';

// `lingxi test` runs a tenant suite exported by the service (*.suite.yaml): the tenant's articles and phrases are part
// of the engine, so a test of a fix passes with them and fails without them.
const article = { id: 'kb_pets', title: '商品可以给宠物用吗？', body: '我们的商品都是为人设计的，不建议给宠物使用。', locale: 'zh', questions: ['宠物可以吃吗', '宠物能用吗'], tags: [] };
const suite = (articles: unknown[]) => ({
  suite: 'demo', packs: ['ecommerce'], content: { articles, phrases: [] },
  tests: [{ name: 'pets', pack: 'ecommerce', locale: 'zh', turns: [{ user: '宠物可以吃吗', source: 'kb_pets', reply: ['不建议给宠物'] }] }],
});

afterEach(() => vi.restoreAllMocks());

describe('lingxi test with a tenant suite', () => {
  it('passes with the tenant content and fails without it', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const folder = await mkdtemp(join(tmpdir(), 'lingxi-suite-'));
    await writeFile(join(folder, 'with.suite.yaml'), stringify(suite([article])));
    expect(await runTests([join(folder, 'with.suite.yaml')])).toBe(0);
    await writeFile(join(folder, 'without.suite.yaml'), stringify(suite([])));
    expect(await runTests([join(folder, 'without.suite.yaml')])).toBe(1);
    expect(log.mock.calls.flat().join('\n')).toMatch(/FAIL .*without\.suite\.yaml#1/);
  }, 60_000);

  it('rejects a malformed suite with the path of the problem', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'lingxi-suite-'));
    await writeFile(join(folder, 'bad.suite.yaml'), stringify({ suite: 'x', packs: [], tests: [] }));
    await expect(runTests([join(folder, 'bad.suite.yaml')])).rejects.toThrow(/packs/);
  });
});
