import { parseArgs } from 'node:util';
import { LingxiError } from '../../engine/errors.ts';
import { createMemoryCache } from '../../engine/ports.ts';
import { collectFiles } from '../../evaluation/load-files.ts';
import { readConversationTest, readTenantSuite, runConversationTest, type ConversationTestResult } from '../../evaluation/conversation-test.ts';

/**
 * `lingxi test <files-or-folders…>`: runs conversation tests (*.conv.yaml) against the offline engine, and tenant
 * suites (*.suite.yaml, exported by `GET /v1/admin/learning/suite`) with the tenant's articles and phrases.
 */
export async function test(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { quiet: { type: 'boolean', default: false } } });
  if (!positionals.length) throw new LingxiError('validation_failed', 'usage: lingxi test <file.conv.yaml|folder> …');
  const files = await collectFiles(positionals, ['.conv.yaml', '.conv.yml', '.suite.yaml', '.suite.yml']);
  const cache = createMemoryCache();
  let passed = 0;
  let total = 0;
  const report = (result: ConversationTestResult) => {
    total++;
    if (result.passed) passed++;
    if (!result.passed || !values.quiet) console.log(`${result.passed ? 'PASS' : 'FAIL'} ${result.file} — ${result.name}`);
    for (const failure of result.failures) console.log(`    ${failure}`);
  };
  for (const file of files) {
    if (/\.suite\.ya?ml$/.test(file)) {
      const suite = await readTenantSuite(file);
      for (const [index, entry] of suite.tests.entries()) {
        report(await runConversationTest({ ...entry, packs: entry.packs ?? suite.packs }, `${file}#${index + 1}`, { modelCache: cache, content: suite.content }));
      }
    } else {
      report(await runConversationTest(await readConversationTest(file), file, { modelCache: cache }));
    }
  }
  console.log(`${passed} passed, ${total - passed} failed`);
  return passed === total ? 0 : 1;
}
