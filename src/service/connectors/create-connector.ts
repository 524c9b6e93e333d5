import { z } from 'zod';
import { ToolError } from '../../engine/tools/define-tool.ts';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker.ts';
import { createConcurrencyLimit, type ConcurrencyLimit } from './concurrency-limit.ts';
import { connectorTools, type ConnectorConfig } from './connector-config.ts';
import { connectorFailure, isConnectorFailure, retryable } from './connector-failure.ts';
import { authHeaders, buildOperationRequest, type OutgoingRequest } from './http-operation.ts';
import { applyMapping } from './response-mapping.ts';
import { assertAllowedDestination } from './destination-guard.ts';

/** One tool call sent to a business backend. */
export interface ConnectorCall {
  tool: string;
  arguments: Record<string, unknown>;
  /** The backend customer the conversation is verified as (null before identification). */
  customer: { id: string | null };
  conversation: { id: string | null };
  /** Sent on writes (`Idempotency-Key`): the same confirmed write carries the same key however often it is sent. */
  idempotencyKey?: string;
}

/** What the call must produce: the tool's access and result schema (from the pack's {@link ToolContract}). */
export interface CallContract {
  access: 'read' | 'write';
  result: z.ZodType;
}

export interface ConnectorResult {
  /** The tool's result: mapped and validated against the contract. */
  result: unknown;
  /** The business's answer as received (the admin's test shows both). */
  answer: unknown;
  status: number;
  attempts: number;
  latencyMs: number;
}

/** A tenant's connection to a business backend; `call` resolves with a valid result, or throws a ToolError (the business said no) or a connector failure. */
export interface Connector {
  readonly config: ConnectorConfig;
  serves(tool: string): boolean;
  call(call: ConnectorCall, contract: CallContract): Promise<ConnectorResult>;
  readonly breaker: CircuitBreaker;
}

export interface ConnectorDeps {
  fetch?: typeof fetch;
  now?: () => number;
  /** The tenant's concurrency cap, shared by its connectors (default: one of this connector's own). */
  limit?: ConcurrencyLimit;
  /** Waits between read retries (tests pass a no-op). */
  sleep?: (ms: number) => Promise<void>;
}

const MAX_ANSWER_BYTES = 1_000_000;
const actionAnswerSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string().min(1).max(500) }),
]);

/** The business's own message in a refusal (`message`, `error` or `detail`), short. */
function refusalText(answer: unknown, status: number): string {
  const record = typeof answer === 'object' && answer !== null ? answer as Record<string, unknown> : {};
  const text = [record.message, record.error, record.detail].find((value) => typeof value === 'string' && value.trim());
  return typeof text === 'string' ? text.trim().slice(0, 300) : status === 404 ? 'not found' : `refused (HTTP ${status})`;
}

/**
 * A connector (issue 20 item 2) of kind `http` (one operation per tool) or `action-server` (one signed POST per call).
 * Every call: circuit breaker, the tenant's concurrency cap, a timeout per attempt, retries for reads only (timeouts,
 * network errors, 408/429/5xx), an idempotency key on writes, the answer mapped and validated against the contract.
 * 401/403 are an auth failure (not retried); other 4xx are the business's refusal, passed to the skill as a ToolError.
 */
export function createConnector(config: ConnectorConfig, deps: ConnectorDeps = {}): Connector {
  const fetcher = deps.fetch ?? fetch;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const limit = deps.limit ?? createConcurrencyLimit(config.concurrency);
  const breaker = createCircuitBreaker(config.breaker, { now });
  const tools = new Set(connectorTools(config));
  const where = { connectorId: config.id, connector: config.name };

  function request(call: ConnectorCall): OutgoingRequest {
    if (config.kind === 'http') {
      return buildOperationRequest({
        baseUrl: config.baseUrl, operation: config.tools[call.tool], auth: config.auth, secret: config.secret, idempotencyKey: call.idempotencyKey, now,
        values: { ...call.arguments, customer_id: call.customer.id, conversation_id: call.conversation.id },
      });
    }
    const body = JSON.stringify({ tool: call.tool, arguments: call.arguments, customer: call.customer, conversation: call.conversation, ...(call.idempotencyKey ? { idempotencyKey: call.idempotencyKey } : {}) });
    const url = new URL(config.baseUrl);
    return {
      method: 'POST', url: url.href, body,
      headers: {
        accept: 'application/json', 'content-type': 'application/json', ...(call.idempotencyKey ? { 'idempotency-key': call.idempotencyKey } : {}),
        ...authHeaders(config.auth, config.secret, { method: 'POST', pathAndQuery: `${url.pathname}${url.search}`, body }, now),
      },
    };
  }

  async function attempt(call: ConnectorCall, contract: CallContract): Promise<{ result: unknown; answer: unknown; status: number }> {
    const outgoing = request(call);
    assertAllowedDestination(outgoing.url);
    let response: Response;
    try {
      response = await fetcher(outgoing.url, { method: outgoing.method, headers: outgoing.headers, body: outgoing.body, signal: AbortSignal.timeout(config.timeoutMs), redirect: 'error' });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw timedOut
        ? connectorFailure('timeout', `The ${config.name} backend did not answer within ${config.timeoutMs} ms.`, where, error)
        : connectorFailure('network', `The ${config.name} backend could not be reached.`, where, error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw connectorFailure('timeout', `The ${config.name} backend stopped answering half-way.`, where, error);
    }
    if (text.length > MAX_ANSWER_BYTES) throw connectorFailure('malformed', `The ${config.name} backend answered more than ${MAX_ANSWER_BYTES} bytes.`, where);
    let answer: unknown = null;
    let parsed = true;
    try { answer = text.trim() ? JSON.parse(text) : null; } catch { parsed = false; }
    const { status } = response;
    if (status === 401 || status === 403) throw connectorFailure('auth', `The ${config.name} backend refused Lingxi's credentials (HTTP ${status}); check the connector's secret.`, { ...where, status });
    if (status === 408 || status === 429 || status >= 500) throw connectorFailure('status', `The ${config.name} backend answered HTTP ${status}.`, { ...where, status, retry: true });
    if (status >= 400) throw new ToolError(refusalText(answer, status), { status });
    if (status < 200 || status >= 300) throw connectorFailure('status', `The ${config.name} backend answered HTTP ${status}.`, { ...where, status });
    if (!parsed) throw connectorFailure('malformed', `The ${config.name} backend answered something that is not JSON.`, { ...where, status });
    let mapped: unknown;
    if (config.kind === 'http') {
      try { mapped = applyMapping(config.tools[call.tool].result, answer); } catch (error) {
        throw connectorFailure('malformed', `The ${config.name} answer to ${call.tool} does not fit its mapping: ${(error as Error).message}.`, { ...where, status }, error);
      }
    } else {
      const envelope = actionAnswerSchema.safeParse(answer);
      if (!envelope.success) throw connectorFailure('malformed', `The ${config.name} action server answered neither { ok: true, result } nor { ok: false, error }.`, { ...where, status });
      if (!envelope.data.ok) throw new ToolError(envelope.data.error.slice(0, 300));
      mapped = envelope.data.result;
    }
    const valid = contract.result.safeParse(mapped);
    if (!valid.success) {
      const issues = valid.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(result)'}: ${issue.message}`).join('; ');
      throw connectorFailure('malformed', `The ${config.name} answer to ${call.tool} is not a valid result: ${issues}.`, { ...where, status, issues });
    }
    return { result: valid.data, answer, status };
  }

  return {
    config,
    breaker,
    serves: (tool) => config.enabled && tools.has(tool),
    async call(call, contract) {
      if (!tools.has(call.tool)) throw connectorFailure('status', `The ${config.name} connector has no operation for ${call.tool}.`, where);
      if (!breaker.allow()) throw connectorFailure('circuit_open', `The ${config.name} backend failed repeatedly; calls pause for ${Math.round(config.breaker.cooldownMs / 1000)} s.`, where);
      const started = now();
      const maxAttempts = contract.access === 'read' ? 1 + config.retries : 1;
      try {
        const outcome = await limit.run(async () => {
          for (let attempts = 1; ; attempts++) {
            try {
              return { ...(await attempt(call, contract)), attempts };
            } catch (error) {
              if (attempts >= maxAttempts || !retryable(error)) throw error;
              await sleep(Math.min(50 * 2 ** (attempts - 1), 400));
            }
          }
        }, config.timeoutMs);
        breaker.succeeded();
        return { ...outcome, latencyMs: now() - started };
      } catch (error) {
        if (isConnectorFailure(error)) { if (error.details.reason !== 'busy') breaker.failed(); } else breaker.succeeded();
        throw error;
      }
    },
  };
}
