import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { LingxiError } from '../engine/errors.ts';

/** `LINGXI_TRUST_PROXY` text → Fastify's `trustProxy`: "true"/"false", a hop count, or a comma-separated list of IPs/CIDRs. */
function parseTrustProxy(value: unknown): unknown {
  if (typeof value === 'number') return value === 0 ? false : value;
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (['true', 'yes'].includes(text)) return true;
  if (['false', 'no', '0', ''].includes(text)) return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text.split(',').map((part) => part.trim()).filter(Boolean);
}

/** An IP, a CIDR (`10.0.0.0/8`, `fd00::/8`) or one of proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`). */
const isProxyAddress = (entry: string): boolean => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
};

/** Service configuration: one schema with defaults (house style §8). */
export const serviceConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3900),
  host: z.string().min(1).default('0.0.0.0'),
  /** PGlite files and (unless cacheDir is set) the trained-model cache live here; the database part is ignored when databaseUrl is set. */
  dataDir: z.string().min(1).default('./data'),
  /** Trained intent models, one file per content hash (never stale); default `<dataDir>/model-cache`, so a restart loads instead of training. */
  cacheDir: z.string().min(1).optional(),
  /** postgres://… switches storage from PGlite to PostgreSQL. */
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  /** PostgreSQL schema to work in (created if missing); unset = the server's search_path. Lets deployments share a database. */
  databaseSchema: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').optional(),
  /**
   * PostgreSQL connections per node. Each turn is one statement (src/service/storage/sql-conversations.ts), so a pool
   * this size serves hundreds of conversations; keep nodes × pool under the server's max_connections (default 100).
   */
  databasePoolSize: z.coerce.number().int().min(1).max(500).default(20),
  /**
   * How long a request waits for a pooled connection (or for a new one to connect) before it fails with 503
   * `unavailable`. An unreachable server fails at once (connection refused); this bounds waits under heavy load.
   */
  databaseWaitMs: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** redis://… switches bus, jobs and customer rate limits to Redis/BullMQ so that several nodes serve the same tenants. */
  redisUrl: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  /** Prefix of every Redis key and channel, so that several deployments (or test runs) share one Redis. */
  redisPrefix: z.string().min(1).max(64).default('lingxi:'),
  /** Signs agent and widget tokens; generated once and stored in the database when unset. */
  secret: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Password of the demo accounts created on first start; random when unset. */
  demoPassword: z.string().min(8, 'must be at least 8 characters').optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Requests per minute per IP on the HTTP API (Chatwoot's RACK_ATTACK_LIMIT default is 3000/min). */
  rateLimitPerIp: z.coerce.number().int().positive().default(3000),
  /** Customer messages per minute per customer (WebSocket and HTTP together). */
  rateLimitPerCustomer: z.coerce.number().int().positive().default(60),
  /** Login attempts per minute per IP. */
  rateLimitLogin: z.coerce.number().int().positive().default(10),
  /** Widget conversation starts per 10 minutes per IP (bots opening conversations in bulk). */
  rateLimitWidgetStarts: z.coerce.number().int().positive().default(60),
  messageMaxChars: z.coerce.number().int().positive().max(100_000).default(4000),
  bodyLimitBytes: z.coerce.number().int().positive().default(64 * 1024),
  /** Agent token lifetime. */
  tokenTtlSeconds: z.coerce.number().int().positive().default(12 * 3600),
  /** Wrong passwords for one account from one address before that pair is locked (issue 12). */
  loginLockoutFailures: z.coerce.number().int().positive().default(5),
  /** Length of a login lock, and the window in which failures count. */
  loginLockoutSeconds: z.coerce.number().int().positive().default(15 * 60),
  /** How often an open agent WebSocket re-reads its account: a removed or demoted user is cut off within it (issue 23, L8). */
  agentSocketRecheckMs: z.coerce.number().int().positive().default(10_000),
  /**
   * Bearer token for GET /metrics (issue 23). Unset: /metrics answers only to the machine itself (loopback peers);
   * set it to let a Prometheus on another host scrape with `Authorization: Bearer <token>`.
   */
  metricsToken: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Let tenant admins point LLM base URLs and webhooks at private, loopback and link-local addresses (issue 23, L2). */
  allowPrivateTargets: z.preprocess((value) => (typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value), z.boolean()).default(false),
  /**
   * Whose X-Forwarded-For to believe, as Fastify's `trustProxy`: false (default: request.ip is the socket's peer), true
   * (any), a hop count, or IPs/CIDRs of the proxies. Behind nginx set it, or every client shares nginx's address in the
   * per-IP limits and the lockout; never set it when clients reach the node directly (they could pick their own IP).
   */
  trustProxy: z.preprocess(parseTrustProxy, z.union([
    z.boolean(),
    z.number().int().min(1).max(100),
    z.array(z.string().refine(isProxyAddress, 'each entry must be an IP, a CIDR or loopback/linklocal/uniquelocal')).min(1),
  ], 'must be true, false, a hop count or a comma-separated list of IPs/CIDRs')).default(false),
  /**
   * Analytics (docs/analytics.md): hours of customer silence after which a bot conversation is decided — assumed
   * resolved when it has evidence (a completed task or knowledge answer last), otherwise unresolved.
   */
  analyticsResolveAfterHours: z.coerce.number().positive().max(24 * 90).default(24),
  /** Create the demo tenant and accounts when the database has no tenant. */
  seedDemo: z.coerce.boolean().default(true),
});

export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

/** Folder of the trained-model cache: `cacheDir`, else `model-cache` inside the data folder. */
export const modelCacheDirectory = (config: Pick<ServiceConfig, 'cacheDir' | 'dataDir'>): string => config.cacheDir ?? join(config.dataDir, 'model-cache');
export type ServiceConfigInput = z.input<typeof serviceConfigSchema>;

/** Environment variable of each setting (the CLI option is the kebab-case key, e.g. --data-dir). */
export const environmentNames: Record<keyof ServiceConfig, string> = {
  port: 'PORT', host: 'HOST', dataDir: 'LINGXI_DATA_DIR', cacheDir: 'LINGXI_CACHE_DIR', databaseUrl: 'DATABASE_URL', databaseSchema: 'LINGXI_DATABASE_SCHEMA',
  databasePoolSize: 'LINGXI_DATABASE_POOL_SIZE', databaseWaitMs: 'LINGXI_DATABASE_WAIT_MS',
  redisUrl: 'REDIS_URL', redisPrefix: 'LINGXI_REDIS_PREFIX', secret: 'LINGXI_SECRET',
  demoPassword: 'LINGXI_DEMO_PASSWORD', logLevel: 'LOG_LEVEL', rateLimitPerIp: 'LINGXI_RATE_LIMIT_IP',
  rateLimitPerCustomer: 'LINGXI_RATE_LIMIT_CUSTOMER', rateLimitLogin: 'LINGXI_RATE_LIMIT_LOGIN', rateLimitWidgetStarts: 'LINGXI_RATE_LIMIT_WIDGET_STARTS',
  messageMaxChars: 'LINGXI_MESSAGE_MAX_CHARS', bodyLimitBytes: 'LINGXI_BODY_LIMIT', tokenTtlSeconds: 'LINGXI_TOKEN_TTL',
  analyticsResolveAfterHours: 'LINGXI_ANALYTICS_RESOLVE_AFTER_HOURS',
  seedDemo: 'LINGXI_SEED_DEMO', trustProxy: 'LINGXI_TRUST_PROXY', loginLockoutFailures: 'LINGXI_LOGIN_LOCKOUT_FAILURES', loginLockoutSeconds: 'LINGXI_LOGIN_LOCKOUT_SECONDS',
  agentSocketRecheckMs: 'LINGXI_AGENT_SOCKET_RECHECK_MS', metricsToken: 'LINGXI_METRICS_TOKEN', allowPrivateTargets: 'LINGXI_ALLOW_PRIVATE_TARGETS',
};

const secretKeys = new Set<keyof ServiceConfig>(['secret', 'demoPassword', 'metricsToken']);

/**
 * Resolves the configuration: explicit option > environment variable > default.
 * Throws `validation_failed` naming both the option and the variable of each bad value.
 */
export function loadServiceConfig(options: Partial<Record<keyof ServiceConfig, unknown>> = {}, env: Record<string, string | undefined> = process.env): ServiceConfig {
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(environmentNames) as Array<keyof ServiceConfig>) {
    const fromEnv = env[environmentNames[key]];
    const value = options[key] ?? (fromEnv === '' ? undefined : fromEnv);
    if (value !== undefined) merged[key] = key === 'seedDemo' && typeof value === 'string' ? !['0', 'false', 'no'].includes(value.toLowerCase()) : value;
  }
  const parsed = serviceConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof ServiceConfig;
      const option = key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
      return `--${option} / ${environmentNames[key]}: ${issue.message}`;
    });
    throw new LingxiError('validation_failed', `Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** The configuration with secrets masked and the database password hidden, for printing. */
export function maskServiceConfig(config: ServiceConfig): Record<string, unknown> {
  const masked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (secretKeys.has(key as keyof ServiceConfig)) masked[key] = '********';
    else if (key === 'databaseUrl' || key === 'redisUrl') masked[key] = String(value).replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:****@');
    else masked[key] = value;
  }
  return masked;
}
