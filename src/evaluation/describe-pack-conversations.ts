import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../engine/ports.ts';
import { collectFiles } from './load-files.ts';
import { readConversationTest, runConversationTest } from './conversation-test.ts';

/**
 * The one vitest suite every pack uses for its `tests/*.conv.yaml` (as `lingxi test` runs them, against the pure
 * engine, one trained model per suite): each file is a test that fails with the conversation's failures, and the pack
 * keeps at least `minimum` of them, half in Chinese.
 *
 * @example await describePackConversations('travel', new URL('./tests', import.meta.url), 25);
 */
export async function describePackConversations(label: string, folder: URL, minimum: number): Promise<void> {
  const files = await collectFiles([fileURLToPath(folder)], ['.conv.yaml']);
  const cache = createMemoryCache();
  describe(`${label} conversation tests`, () => {
    it(`has at least ${minimum} of them, half in Chinese`, () => {
      expect(files.length).toBeGreaterThanOrEqual(minimum);
      expect(files.filter((file) => /\/zh-/.test(file)).length).toBeGreaterThanOrEqual(Math.ceil(minimum / 2));
    });
    for (const file of files) {
      it(file.split('/').pop()!, async () => {
        const result = await runConversationTest(await readConversationTest(file), file, { modelCache: cache });
        expect(result.failures).toEqual([]);
      });
    }
  });
}
