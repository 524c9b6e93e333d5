import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createYamlReader, intentsSchema } from './pack-files.ts';

describe('createYamlReader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lingxi-pack-'));
  const read = createYamlReader(pathToFileURL(join(dir, 'pack.ts')).href);
  it('reads and validates a pack file relative to the pack module', async () => {
    writeFileSync(join(dir, 'intents.yaml'), 'greet:\n  zh: [你好]\n  en: [hello]\n');
    expect(await read('intents.yaml', intentsSchema)).toEqual({ greet: { zh: ['你好'], en: ['hello'] } });
  });
  it('names the file and the problem when it is malformed', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'greet:\n  zh: [你好]\n');
    await expect(read('bad.yaml', intentsSchema)).rejects.toThrow(/bad\.yaml: greet\.en/);
  });
});
