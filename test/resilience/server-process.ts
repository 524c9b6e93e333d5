import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const binary = fileURLToPath(new URL('../../bin/lingxi.js', import.meta.url));
const repository = fileURLToPath(new URL('../../', import.meta.url));

/** A free TCP port on 127.0.0.1, so that a restarted server listens where the clients reconnect. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the server printed on stdout (the demo widget key and API key on the first start). */
  output: string;
  /** `kill -9`: no shutdown hook runs. */
  crash(): Promise<void>;
  /** SIGTERM and wait for the graceful shutdown. */
  stop(): Promise<void>;
}

/**
 * `node bin/lingxi.js serve` as a child process on 127.0.0.1:`port`; resolves once it prints its start page.
 * `env` adds variables (DATABASE_URL, LINGXI_DATABASE_SCHEMA …). Fails after `timeoutMs`.
 */
export async function startServer(options: { port: number; dataDir: string; env?: Record<string, string>; timeoutMs?: number }): Promise<ServerProcess> {
  const child = spawn(process.execPath, [binary, 'serve', '--port', String(options.port), '--host', '127.0.0.1', '--data', options.dataDir, '--log-level', 'warn'], {
    cwd: repository,
    // Only what the test asks for: CI's DATABASE_URL / REDIS_URL must not turn the PGlite run into a PostgreSQL one.
    env: { ...withoutStorage(process.env), LINGXI_DEMO_PASSWORD: 'crash-test-password', LINGXI_RATE_LIMIT_CUSTOMER: '10000', LINGXI_RATE_LIMIT_IP: '100000', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk) => { output += String(chunk); });
  child.stderr!.on('data', (chunk) => { errors += String(chunk); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not start within ${options.timeoutMs ?? 120_000} ms:\n${output}\n${errors}`)); }, options.timeoutMs ?? 120_000);
    const check = setInterval(() => {
      if (output.includes('Start page') && output.includes('Bot ready')) { clearInterval(check); clearTimeout(timer); resolve(); }
    }, 50);
    void exited.then(() => { clearInterval(check); clearTimeout(timer); reject(new Error(`server exited during start:\n${output}\n${errors}`)); });
  });
  const process_: ServerProcess = {
    child,
    get output() { return output + errors; },
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return process_;
}

function withoutStorage(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, REDIS_URL: _redis, LINGXI_DATABASE_SCHEMA: _schema, ...rest } = env;
  return rest;
}
