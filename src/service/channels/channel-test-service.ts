import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadServiceConfig, type ServiceConfigInput } from '../config.ts';
import { createService, type Service } from '../create-service.ts';
import { seedDemo, type DemoSeed } from '../demo-seed.ts';
import { createLogger } from '../observability/logger.ts';
import pg from 'pg';
import { createPgliteClient } from '../storage/pglite-client.ts';
import { createPostgresClient } from '../storage/postgres-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createScriptedEngine } from '../testing/scripted-engine.ts';
import type { ConversationEngine } from '../../engine/dialogue/types.ts';

/** A service with channels wired (PGlite store plus its SQL client), the demo tenant and an admin token (tests only). */
export interface ChannelTestService {
  service: Service;
  sql: SqlClient;
  demo: DemoSeed;
  tenantId: string;
  adminToken: string;
  agentToken: string;
  close(): Promise<void>;
}

/** Test options: `engine` replaces the scripted engine (a slow one, to show that callbacks do not wait for the bot). */
export interface ChannelTestOptions {
  engine?: () => ConversationEngine;
  /** PostgreSQL URL: the service runs on a fresh schema there (dropped on close) instead of PGlite (benchmarks). */
  postgresUrl?: string;
}

export async function createChannelTestService(config: ServiceConfigInput = {}, options: ChannelTestOptions = {}): Promise<ChannelTestService> {
  const schema = `lingxi_channels_${process.pid}_${Date.now().toString(36)}`;
  const sql = options.postgresUrl ? await createPostgresClient({ connectionString: options.postgresUrl, schema, poolSize: 10 }) : await createPgliteClient();
  const store = await createSqlStore(options.postgresUrl ? 'postgres' : 'pglite', sql);
  const demo = (await seedDemo(store, { password: 'test-password-123' })) as DemoSeed;
  const logger = createLogger('info', new Writable({ write(_chunk, _encoding, done) { done(); } }));
  const service = await createService(loadServiceConfig({ secret: 'test-secret-0123456789abcdef', seedDemo: false, ...config } as never, {}), { store, sql, logger, engineFactory: async () => (options.engine ?? createScriptedEngine)(), ...(options.engine ? { warmEngines: false } : {}) });
  const users = await store.listUsers(demo.tenantId);
  const token = (role: string) => {
    const user = users.find((candidate) => candidate.role === role)!;
    return service.context.signer.sign({ kind: 'agent', tenantId: demo.tenantId, userId: user.id, role: user.role }, 3600);
  };
  return { service, sql, demo, tenantId: demo.tenantId, adminToken: token('admin'), agentToken: token('agent'), close: async () => {
    await service.close();
    if (options.postgresUrl) await dropSchema(options.postgresUrl, schema);
  } };
}

/** The scripted engine with every turn delayed by `delayMs` (a tenant LLM that takes seconds). */
export function createSlowEngine(delayMs: number): ConversationEngine {
  const engine = createScriptedEngine();
  return {
    ...engine,
    async handle(...args: Parameters<ConversationEngine['handle']>) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return engine.handle(...args);
    },
  };
}

async function dropSchema(connectionString: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A fake HTTP API on 127.0.0.1 (WeChat / WeCom servers, a webhook receiver): records every request and answers with
 * `respond(request)` (JSON), so tests never reach the internet.
 */
export async function startFakeApi(respond: (request: RecordedRequest) => { status?: number; json: unknown }): Promise<{ url: string; requests: RecordedRequest[]; server: Server; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const recorded = { method: incoming.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const answer = respond(recorded);
      outgoing.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
