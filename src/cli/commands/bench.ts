import { LingxiError } from '../../engine/errors.ts';

type BenchCommand = (argv: string[]) => Promise<number>;

// The benchmarks live under bench/ (not shipped in the package); each is loaded only when asked for.
const suites: Record<string, { summary: string; load: () => Promise<BenchCommand> }> = {
  engine: { summary: 'engine turn latency, training time, NLP.js peer (--rounds, --warmup, --json)', load: async () => (await import('../../../bench/engine/engine-bench.ts')).engineBenchMain },
  service: { summary: 'WebSocket load on PGlite and PostgreSQL(+Redis) beside a bare ws echo (--connections, --messages, --think-ms, --targets)', load: async () => (await import('../../../bench/service/service-bench.ts')).serviceBenchMain },
  nlu: { summary: 'intent classifier vs NLP.js on BANKING77 and CAIS (--datasets, --root, --json)', load: async () => (await import('../../../bench/nlu-peers/nlu-peers.ts')).nluPeersMain },
};

/**
 * `lingxi bench <engine|service|nlu> [options]`: runs one benchmark suite and prints its results as Markdown
 * (the tables of docs/benchmarks.md). Run from a clone of the repository: the suites are not part of the package.
 */
export async function bench(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const suite = name ? suites[name] : undefined;
  if (!suite) {
    const lines = Object.entries(suites).map(([key, entry]) => `  ${key.padEnd(8)} ${entry.summary}`);
    if (name && name !== '--help') throw new LingxiError('validation_failed', `Unknown benchmark "${name}". Available:\n${lines.join('\n')}`);
    process.stdout.write(`Usage: lingxi bench <suite> [options]\n\n${lines.join('\n')}\n`);
    return name ? 0 : 1;
  }
  return (await suite.load())(rest);
}
