import { z } from 'zod';
import { mappingSchema } from './response-mapping.ts';

const toolName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a tool name such as track_order');

/** One tool mapped to one HTTP operation of the business (method + URL template + JSON body template + result mapping). */
export const operationSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  /** Path under the connector's base URL; `{name}` takes an argument, URL-encoded (`/orders/{order_id}`). */
  path: z.string().trim().min(1).max(500).regex(/^\//, 'a path starting with /, e.g. /orders/{order_id}'),
  /** Query parameters; values are templates (`{{order_id}}`). */
  query: z.record(z.string().min(1).max(100), z.string().max(500)).default({}),
  /** JSON body template (`{ "reason": "{{reason}}" }`); none for GET. */
  body: z.unknown().optional(),
  /** How the answer becomes the tool's result (JSON paths, see response-mapping.ts). */
  result: mappingSchema,
  /** Where the OpenAPI import found it, for the admin's display. */
  operationId: z.string().max(200).optional(),
  /** Sample arguments for the admin's "test" button. */
  sample: z.record(z.string(), z.unknown()).optional(),
});
export type Operation = z.infer<typeof operationSchema>;

export const authSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  /** `Authorization: Bearer <secret>`. */
  z.object({ kind: z.literal('bearer') }),
  /** `<header>: <secret>`. */
  z.object({ kind: z.literal('api-key'), header: z.string().regex(/^[A-Za-z0-9-]{1,100}$/).default('X-API-Key') }),
  /** `X-Lingxi-Timestamp` + `X-Lingxi-Signature: sha256=HMAC(secret, timestamp.body)`, like Lingxi's webhooks. */
  z.object({ kind: z.literal('hmac') }),
]);
export type ConnectorAuth = z.infer<typeof authSchema>;

const base = {
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  baseUrl: z.url({ protocol: /^https?$/, error: 'baseUrl must be an http:// or https:// URL' }).max(500),
  auth: authSchema.default({ kind: 'none' }),
  /** Per attempt. */
  timeoutMs: z.number().int().min(100).max(30_000).default(5_000),
  /** Extra attempts for reads (never for writes) after a timeout, a network error, 429 or 5xx. */
  retries: z.number().int().min(0).max(5).default(2),
  /** Calls of this tenant to this connector at once on one node; more wait (at most the timeout). */
  concurrency: z.number().int().min(1).max(64).default(8),
  breaker: z.object({ failures: z.number().int().min(1).max(100).default(5), cooldownMs: z.number().int().min(1_000).max(600_000).default(30_000) }).default({ failures: 5, cooldownMs: 30_000 }),
};

/**
 * A tenant's connector (issue 20 item 2). `http`: each tool is one operation of the business's API. `action-server`:
 * every listed tool is one signed POST of `{ tool, arguments, customer, conversation }` to `baseUrl` (action-server.ts).
 * The secret (token, API key or HMAC key) is not part of this: it is write-only and sealed in the store.
 */
export const connectorSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('http'), pack: z.string().min(1).max(40), ...base, tools: z.record(toolName, operationSchema) }),
  z.object({ kind: z.literal('action-server'), pack: z.string().min(1).max(40), ...base, tools: z.array(toolName).min(1).max(100) }),
]);
export type ConnectorSpec = z.infer<typeof connectorSpecSchema>;

/** A stored connector: its spec, id, the secret opened (only the store and the connector ever hold it). */
export type ConnectorConfig = ConnectorSpec & { id: string; tenantId: string; secret: string; revision: number; updatedAt: string };

/** The tools a connector serves. */
export const connectorTools = (spec: ConnectorSpec): string[] => (spec.kind === 'http' ? Object.keys(spec.tools) : spec.tools);
