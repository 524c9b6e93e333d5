import { LingxiError } from '../engine/errors.ts';

type Command = (argv: string[]) => Promise<number>;

// The composition of CLI commands: one explicit table (house style §2), each loaded lazily so that
// `lingxi chat` does not pay for the server's dependencies and vice versa.
const commands: Record<string, { summary: string; usage: string; load: () => Promise<Command> }> = {
  test: {
    summary: 'run conversation tests (*.conv.yaml files or folders)', usage: 'lingxi test <files-or-folders> [--quiet]',
    load: async () => (await import('./commands/test.ts')).test,
  },
  eval: {
    summary: 'evaluate: replay | intents | match | sentiment | recommend',
    usage: 'lingxi eval replay <file-or-folder> [--json] [--verbose]\n       lingxi eval intents --train a.csv --test b.csv [--oos-label oos] [--json]\n       lingxi eval match --train a.csv --test b.csv [--json]\n       lingxi eval sentiment --test a.csv [--train b.csv] [--json]\n       lingxi eval recommend [--db tau-retail|store-zh] [--json]',
    load: async () => (await import('./commands/eval.ts')).evaluate,
  },
  serve: {
    summary: 'start the HTTP + WebSocket service (--port, --data, DATABASE_URL)', usage: 'lingxi serve [--port 3900] [--host 0.0.0.0] [--data ./data] [--database-url postgres://…] [--log-level info] [--print-config]   (Ctrl-C stops it)',
    load: async () => (await import('./commands/serve.ts')).serve,
  },
  tenant: {
    summary: 'provision a tenant (widget key, identity secret, API key)', usage: 'lingxi tenant create --name "My Shop" [--pack ecommerce] [--locale zh|en] [--data ./data | --database-url postgres://…]',
    load: async () => (await import('./commands/tenant.ts')).tenant,
  },
  user: {
    summary: 'create an account (admin, supervisor, agent)', usage: 'lingxi user create --tenant <id> --email a@b.c --role admin [--name "…"] [--data ./data | --database-url postgres://…]   (password: LINGXI_NEW_PASSWORD, else generated)',
    load: async () => (await import('./commands/user.ts')).user,
  },
  bench: {
    summary: 'benchmarks: engine | nlu | service', usage: 'lingxi bench engine | nlu | service [--connections N] [--messages M] [--think-ms T]',
    load: async () => (await import('./commands/bench.ts')).bench,
  },
  chat: {
    summary: 'interactive chat with the offline engine (--pack, --locale zh|en, --debug)', usage: 'lingxi chat [--pack ecommerce] [--locale zh|en] [--db tau-retail|store-zh] [--debug] [--llm-preset NAME] [--offline]',
    load: async () => (await import('./commands/chat.ts')).chat,
  },
};

/** Errors of node:util parseArgs: a bad option is the user's mistake, answered with one line and the usage. */
const ARGUMENT_ERRORS = new Set(['ERR_PARSE_ARGS_UNKNOWN_OPTION', 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL']);

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
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`lingxi ${name} — ${entry.summary}\n\nUsage: ${entry.usage}\n`);
    return 0;
  }
  try {
    const command = await entry.load();
    return await command(rest);
  } catch (error) {
    if (error instanceof LingxiError) {
      process.stderr.write(`lingxi ${name}: ${error.message}\n`);
      return 2;
    }
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && ARGUMENT_ERRORS.has(code)) {
      process.stderr.write(`lingxi ${name}: ${(error as Error).message.split('\n')[0]}\nUsage: ${entry.usage}\n`);
      return 2;
    }
    throw error;
  }
}
