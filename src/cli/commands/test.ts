import { parseArgs } from 'node:util';
import { LingxiError } from '../../engine/errors.ts';
import { createMemoryCache } from '../../engine/ports.ts';
import { collectFiles } from '../../evaluation/load-files.ts';
import { readConversationTest, runConversationTest } from '../../evaluation/conversation-test.ts';

/** `lingxi test <files-or-folders…>`: runs conversation tests (*.conv.yaml) against the offline engine. */
export async function test(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { quiet: { type: 'boolean', default: false } } });
  if (!positionals.length) throw new LingxiError('validation_failed', 'usage: lingxi test <file.conv.yaml|folder> …');
  const files = await collectFiles(positionals, ['.conv.yaml', '.conv.yml']);
  const cache = createMemoryCache();
  let passed = 0;
  for (const file of files) {
    const result = await runConversationTest(await readConversationTest(file), file, { modelCache: cache });
    if (result.passed) passed++;
    if (!result.passed || !values.quiet) console.log(`${result.passed ? 'PASS' : 'FAIL'} ${file} — ${result.name}`);
    for (const failure of result.failures) console.log(`    ${failure}`);
  }
  console.log(`${passed} passed, ${files.length - passed} failed`);
  return passed === files.length ? 0 : 1;
}
