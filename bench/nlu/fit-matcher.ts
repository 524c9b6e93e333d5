// Fits the default question-matcher params on the AFQMC TRAIN split only and writes
// src/engine/knowledge/default-matcher-params.json.   npx tsx bench/nlu/fit-matcher.ts [train.csv]
import { writeFile } from 'node:fs/promises';
import { createTokenizer } from '../../src/engine/text/tokenize.ts';
import { createQuestionMatcher } from '../../src/engine/knowledge/question-matcher.ts';
import { readPairsCsv } from '../../src/cli/commands/eval-match.ts';

const file = process.argv[2] ?? '/work/shared/datasets/afqmc/train.csv';
const matcher = createQuestionMatcher(undefined, { tokenizer: createTokenizer() });
const params = matcher.fit(await readPairsCsv(file));
const target = new URL('../../src/engine/knowledge/default-matcher-params.json', import.meta.url);
await writeFile(target, `${JSON.stringify(params, null, 2)}\n`);
console.log(params);
