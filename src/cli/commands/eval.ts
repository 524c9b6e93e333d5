import { LingxiError } from '../../engine/errors.ts';

type Evaluator = (argv: string[]) => Promise<number>;

// Each evaluation is loaded only when asked for: `eval replay` should not pay for sentiment models and so on.
const evaluators: Record<string, () => Promise<Evaluator>> = {
  replay: async () => (await import('./eval-replay.ts')).evalReplay,
  intents: async () => (await import('./eval-intents.ts')).evalIntents,
  match: async () => (await import('./eval-match.ts')).evalMatch,
  sentiment: async () => (await import('./eval-sentiment.ts')).evalSentiment,
  recommend: async () => (await import('./eval-recommend.ts')).evalRecommend,
};

/** `lingxi eval <replay|intents|match|sentiment> …` */
export async function evaluate(argv: string[]): Promise<number> {
  const [kind, ...rest] = argv;
  const load = kind ? evaluators[kind] : undefined;
  if (!load) throw new LingxiError('validation_failed', `usage: lingxi eval <${Object.keys(evaluators).join('|')}> … (got "${kind ?? ''}")`);
  return (await load())(rest);
}
