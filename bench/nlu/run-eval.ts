// Runs `lingxi eval intents|match` directly (before the lead's dispatcher is wired):
//   npx tsx bench/nlu/run-eval.ts intents --train … --test … [--json]
//   npx tsx bench/nlu/run-eval.ts match --train … --test … [--json]
const [kind, ...rest] = process.argv.slice(2);
const code = kind === 'match'
  ? await (await import('../../src/cli/commands/eval-match.ts')).evalMatch(rest)
  : await (await import('../../src/cli/commands/eval-intents.ts')).evalIntents(rest);
process.exit(code);
