import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LingxiError, isLingxiError } from '../../engine/errors.ts';
import { PACK_MODULES } from '../../packs/registry.ts';
import { describeContract, loadToolContracts } from '../../packs/tool-contracts.ts';
import { requireAgent } from '../http/request-auth.ts';
import { errorResponses } from '../http/schemas.ts';
import type { ServiceContext } from '../http/service-context.ts';
import type { ZodTypeProvider } from '../http/zod-type-provider.ts';
import { connectorSpecSchema, connectorTools, type ConnectorConfig, type ConnectorSpec } from './connector-config.ts';
import { createConnector } from './create-connector.ts';
import { assertAllowedDestination } from './destination-guard.ts';
import { draftOperation, listOperations, parseOpenApiDocument } from './openapi-import.ts';

const security = [{ bearer: [] }];
const idParams = z.object({ id: z.string().min(1).max(80) });
const saveSchema = z.object({
  connector: connectorSpecSchema,
  /** Write-only: the bearer token, API key or HMAC key; null removes it, absent keeps it (on change). */
  secret: z.string().trim().min(1).max(2_000).nullable().optional(),
});
const connectorView = z.object({
  id: z.string(), connector: z.record(z.string(), z.unknown()), hasSecret: z.boolean(), revision: z.number(), updatedAt: z.string(),
  /** This node's circuit breaker for the connector. */
  circuit: z.enum(['closed', 'open', 'half-open']),
});
const testSchema = z.object({
  tool: z.string().min(1).max(64),
  /** Defaults to the operation's `sample`. */
  arguments: z.record(z.string(), z.unknown()).optional(),
  /** The backend customer the call acts for (templates' `{{customer_id}}`). */
  customerId: z.string().max(200).nullable().optional(),
  /** A write really changes the business's data: it is only sent with confirmWrite: true. */
  confirmWrite: z.boolean().optional(),
});
const testView = z.object({
  ok: z.boolean(), tool: z.string(), access: z.enum(['read', 'write']), result: z.unknown().optional(), answer: z.unknown().optional(),
  status: z.number().nullable(), attempts: z.number().nullable(), latencyMs: z.number(), error: z.string().nullable(), reason: z.string().nullable(),
});
const importSchema = z.object({
  /** The OpenAPI 3 document, JSON or YAML text (only local $refs are followed). */
  document: z.string().min(2).max(2_000_000),
  pack: z.string().max(40).optional(),
  /** Tool name → operationId to draft a mapping for. */
  pick: z.record(z.string(), z.string()).optional(),
});

/** Checks a spec against its pack's contracts: the pack exists and every tool is one of its tools. */
async function checkSpec(spec: ConnectorSpec): Promise<void> {
  assertAllowedDestination(spec.baseUrl);
  if (!PACK_MODULES[spec.pack]) throw new LingxiError('validation_failed', `Unknown pack ${spec.pack}. Available: ${Object.keys(PACK_MODULES).join(', ')}.`);
  const contracts = await loadToolContracts(spec.pack);
  const unknown = connectorTools(spec).filter((tool) => !contracts[tool]);
  if (unknown.length) throw new LingxiError('validation_failed', `The ${spec.pack} pack has no tool ${unknown.join(', ')}; its tools: ${Object.keys(contracts).join(', ')}.`);
}

/**
 * Admin routes of a tenant's connectors (issue 20 item 2): CRUD, the pack contracts to implement, OpenAPI import with
 * drafted mappings, and a test call that shows the business's answer and the mapped result. The secret is write-only.
 */
export function registerConnectorsHttp(root: FastifyInstance, context: ServiceContext): void {
  const services = context.connectors;
  if (!services) return;
  const { store, registry } = services;
  const app = root.withTypeProvider<ZodTypeProvider>();
  const view = async (config: ConnectorConfig): Promise<z.infer<typeof connectorView>> => {
    const { id, tenantId, secret, revision, updatedAt, ...spec } = config;
    const live = (await registry.forTenant(tenantId)).find((connector) => connector.config.id === id);
    return { id, connector: spec, hasSecret: secret.length > 0, revision, updatedAt, circuit: live?.breaker.state ?? 'closed' };
  };
  const audit = (tenantId: string, userId: string, action: string, id: string, data: Record<string, unknown>) =>
    context.store.appendAudit({ tenantId, actorKind: 'user', actorId: userId, action, targetType: 'connector', targetId: id, data });
  const found = async (tenantId: string, id: string) => {
    const config = await store.get(tenantId, id);
    if (!config) throw new LingxiError('not_found', `Connector ${id} was not found.`);
    return config;
  };

  app.get('/v1/admin/connectors', { schema: { tags: ['admin'], security, summary: 'Connectors of the tenant to its own systems (admin); secrets are never returned', response: { 200: z.object({ connectors: z.array(connectorView) }), ...errorResponses } } }, async (request) => {
    const { tenant } = await requireAgent(context, request, ['admin']);
    return { connectors: await Promise.all((await store.list(tenant.id)).map(view)) };
  });

  app.get('/v1/admin/connectors/contracts', {
    schema: { tags: ['admin'], security, summary: "A pack's tool contracts (arguments and result as JSON Schema, read or write): what a connector implements", querystring: z.object({ pack: z.string().max(40) }), response: { 200: z.object({ contracts: z.array(z.record(z.string(), z.unknown())) }), ...errorResponses } },
  }, async (request) => {
    await requireAgent(context, request, ['admin']);
    return { contracts: Object.values(await loadToolContracts(request.query.pack)).map(describeContract) };
  });

  app.post('/v1/admin/connectors/openapi', {
    schema: { tags: ['admin'], security, summary: 'Lists the operations of an OpenAPI 3 document and drafts the mapping of picked tools (admin); nothing is stored', body: importSchema, response: { 200: z.object({ operations: z.array(z.record(z.string(), z.unknown())), drafts: z.record(z.string(), z.record(z.string(), z.unknown())) }), ...errorResponses } },
  }, async (request) => {
    await requireAgent(context, request, ['admin']);
    const operations = listOperations(parseOpenApiDocument(request.body.document));
    const drafts: Record<string, Record<string, unknown>> = {};
    if (request.body.pick && Object.keys(request.body.pick).length) {
      if (!request.body.pack) throw new LingxiError('validation_failed', 'Say which pack the picked tools belong to (pack).');
      const contracts = await loadToolContracts(request.body.pack);
      for (const [tool, operationId] of Object.entries(request.body.pick)) {
        const contract = contracts[tool];
        if (!contract) throw new LingxiError('validation_failed', `The ${request.body.pack} pack has no tool ${tool}.`);
        const operation = operations.find((candidate) => candidate.operationId === operationId);
        if (!operation) throw new LingxiError('validation_failed', `The document has no operation ${operationId}.`);
        const described = describeContract(contract) as { input: { properties?: object }; result: { properties?: object } };
        drafts[tool] = draftOperation(operation, { arguments: Object.keys(described.input.properties ?? {}), resultFields: Object.keys(described.result.properties ?? {}) });
      }
    }
    return { operations: operations as unknown as Array<Record<string, unknown>>, drafts };
  });

  app.post('/v1/admin/connectors', { schema: { tags: ['admin'], security, summary: 'Add a connector (admin)', body: saveSchema, response: { 200: connectorView, ...errorResponses } } }, async (request) => {
    const { tenant, user } = await requireAgent(context, request, ['admin']);
    await checkSpec(request.body.connector);
    const saved = await store.create(tenant.id, request.body.connector, request.body.secret ?? '');
    registry.forget(tenant.id);
    await audit(tenant.id, user.id, 'connector.created', saved.id, { name: saved.name, pack: saved.pack, kind: saved.kind, tools: connectorTools(saved), secret: request.body.secret ? 'set' : 'none' });
    return view(saved);
  });

  app.get('/v1/admin/connectors/:id', { schema: { tags: ['admin'], security, summary: 'One connector (admin)', params: idParams, response: { 200: connectorView, ...errorResponses } } }, async (request) => {
    const { tenant } = await requireAgent(context, request, ['admin']);
    return view(await found(tenant.id, request.params.id));
  });

  app.put('/v1/admin/connectors/:id', { schema: { tags: ['admin'], security, summary: 'Replace a connector (admin); secret: absent keeps it, null removes it', params: idParams, body: saveSchema, response: { 200: connectorView, ...errorResponses } } }, async (request) => {
    const { tenant, user } = await requireAgent(context, request, ['admin']);
    await checkSpec(request.body.connector);
    const saved = await store.update(tenant.id, request.params.id, request.body.connector, request.body.secret);
    registry.forget(tenant.id);
    await audit(tenant.id, user.id, 'connector.updated', saved.id, { name: saved.name, tools: connectorTools(saved), enabled: saved.enabled, secret: request.body.secret === undefined ? 'kept' : request.body.secret === null ? 'removed' : 'replaced' });
    return view(saved);
  });

  app.delete('/v1/admin/connectors/:id', { schema: { tags: ['admin'], security, summary: 'Remove a connector (admin): its tools go back to the pack backend', params: idParams, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    const { tenant, user } = await requireAgent(context, request, ['admin']);
    if (!(await store.remove(tenant.id, request.params.id))) throw new LingxiError('not_found', `Connector ${request.params.id} was not found.`);
    registry.forget(tenant.id);
    await audit(tenant.id, user.id, 'connector.deleted', request.params.id, {});
    return reply.code(204).send(null);
  });

  app.post('/v1/admin/connectors/:id/test', {
    schema: { tags: ['admin'], security, summary: "Call one of the connector's tools with sample arguments and show the answer and the mapped result (admin)", params: idParams, body: testSchema, response: { 200: testView, ...errorResponses } },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request, ['admin']);
    const config = await found(tenant.id, request.params.id);
    const { tool } = request.body;
    const contract = (await loadToolContracts(config.pack))[tool];
    if (!contract || !connectorTools(config).includes(tool)) throw new LingxiError('validation_failed', `Connector ${config.name} does not serve ${tool}.`);
    if (contract.access === 'write' && request.body.confirmWrite !== true) {
      throw new LingxiError('validation_failed', `${tool} changes data in your system: send confirmWrite: true to really call it.`);
    }
    const args = request.body.arguments ?? (config.kind === 'http' ? config.tools[tool].sample : undefined) ?? {};
    const parsed = contract.input.safeParse(args);
    if (!parsed.success) throw new LingxiError('validation_failed', `Arguments do not fit ${tool}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    // A connector of its own: the test neither waits behind customers' calls nor moves their circuit breaker.
    const connector = createConnector(config, { fetch: context.channels?.fetch });
    const started = performance.now();
    try {
      const outcome = await connector.call({
        tool, arguments: parsed.data as Record<string, unknown>, customer: { id: request.body.customerId ?? null }, conversation: { id: null },
        ...(contract.access === 'write' ? { idempotencyKey: `test-${crypto.randomUUID()}` } : {}),
      }, contract);
      return { ok: true, tool, access: contract.access, result: outcome.result, answer: outcome.answer, status: outcome.status, attempts: outcome.attempts, latencyMs: outcome.latencyMs, error: null, reason: null };
    } catch (error) {
      const message = isLingxiError(error) || error instanceof Error ? error.message : String(error);
      const clean = config.secret ? message.split(config.secret).join('…') : message;
      const details = isLingxiError(error) ? error.details : undefined;
      return {
        ok: false, tool, access: contract.access, status: typeof details?.status === 'number' ? details.status : null, attempts: null,
        latencyMs: Math.round(performance.now() - started), error: clean.slice(0, 500), reason: typeof details?.reason === 'string' ? details.reason : isLingxiError(error) && error.code === 'tool_failed' ? 'refused' : null,
      };
    }
  });
}
