import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { collectFiles } from '../../evaluation/load-files.ts';
import { readConversationTest, runConversationTest } from '../../evaluation/conversation-test.ts';
import { createMemoryCache } from '../../engine/ports.ts';

// Every *.conv.yaml of the pack runs against the pure engine, as `lingxi test` does.
const folder = fileURLToPath(new URL('./tests', import.meta.url));
const files = await collectFiles([folder], ['.conv.yaml']);
const cache = createMemoryCache();

describe('travel conversation tests', () => {
  it('has at least 25 of them, half in Chinese', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(files.filter((f) => /\/zh-/.test(f)).length).toBeGreaterThanOrEqual(13);
  });
  for (const file of files) {
    it(file.split('/').pop()!, async () => {
      const result = await runConversationTest(await readConversationTest(file), file, { modelCache: cache });
      expect(result.failures).toEqual([]);
    });
  }
});
