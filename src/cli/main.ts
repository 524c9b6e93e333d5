import { LingxiError } from '../engine/errors.ts';

type Command = (argv: string[]) => Promise<number>;

// The composition of CLI commands: one explicit table (house style §2), each loaded lazily so that
// `lingxi chat` does not pay for the server's dependencies and vice versa.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  test: { summary: 'run conversation tests (*.conv.yaml files or folders)', load: async () => (await import('./commands/test.ts')).test },
  eval: { summary: 'evaluate: replay | intents | match | sentiment', load: async () => (await import('./commands/eval.ts')).evaluate },
  serve: { summary: 'start the HTTP + WebSocket service (--port, --data, DATABASE_URL)', load: async () => (await import('./commands/serve.ts')).serve },
  bench: { summary: 'benchmarks: engine | service', load: async () => (await import('./commands/bench.ts')).bench },
  chat: { summary: 'interactive chat with the offline engine (--pack, --locale zh|en, --debug)', load: async () => (await import('./commands/chat.ts')).chat },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(7)} ${c.summary}`);
  return `lingxi — intelligent customer service\n\nUsage: lingxi <command> [options]\n\n${lines.join('\n')}\n`;
}

/** Runs the CLI; returns the process exit code. Expected errors print their message, unexpected ones a stack. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 1;
  }
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}`);
    return 1;
  }
  try {
    const command = await entry.load();
    return await command(rest);
  } catch (error) {
    if (error instanceof LingxiError) {
      process.stderr.write(`lingxi ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
