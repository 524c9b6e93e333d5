import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { LingxiError } from '../../engine/errors.ts';
import type { PackDefinition } from '../../engine/pack.ts';
import { ToolError, type ToolDefinition } from '../../engine/tools/define-tool.ts';
import { connectorFailure, isConnectorFailure } from './connector-failure.ts';
import type { Connector } from './create-connector.ts';

/** One call a turn makes through a connector. */
interface ConnectorCall {
  pack: string;
  tool: ToolDefinition<never, unknown, unknown>;
  input: Record<string, unknown>;
  key: string;
  customerId: string | null;
}

type Answer = { ok: true; result: unknown } | { ok: false; refusal: string } | { ok: false; failure: LingxiError };

interface Scope {
  tenantId: string;
  conversationId: string | null;
  /** The customer message's client id: with the conversation, it makes a write's idempotency key stable across retries. */
  clientId: string | null;
  connectors: Map<string, Connector>;
  answers: Map<string, Answer>;
  calls: number;
}

export interface ConnectorRouter {
  /** The pack with every tool able to go to a tenant's connector; the pack-engine composition root applies it once. */
  route<Data>(pack: PackDefinition<Data>, bound: unknown): PackDefinition<Data>;
  /**
   * Runs an engine turn with the tenant's connectors: engines are shared by tenants, so the turn's async context says
   * whose connectors a tool call goes to. Tools are asynchronous: the call is awaited where the skill makes it. Reads
   * with the same arguments are answered once per turn; a write carries an idempotency key stable across retries of
   * the same customer message.
   */
  run<T>(tenantId: string, meta: { conversationId: string | null; clientId: string | null }, work: () => Promise<T>): Promise<T>;
}

/** The same arguments in any key order give the same text. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`).join(',')}}`;
  return JSON.stringify(value ?? null);
}

/** Calls a turn may make through connectors before it is stopped (a loop in a skill must not hammer a backend). */
const MAX_CALLS_PER_TURN = 12;

/**
 * Routes pack tool calls to the tenant's connectors during a turn (issue 20 item 2). The routing follows the turn's async
 * context (like the stored backends, src/service/backend/store-backend-state.ts): one shared engine serves every
 * tenant, each turn reaches its own tenant's connectors. Tools without a connector run on the pack's backend as before;
 * confirmation, policies and identity checks happen in the skills before any call and are unchanged.
 */
export function createConnectorRouter(deps: { connectors: (tenantId: string) => Promise<Connector[]>; logger?: Logger }): ConnectorRouter {
  const scopes = new AsyncLocalStorage<Scope>();

  function routed<Data>(packName: string, tool: ToolDefinition<never, unknown, Data>, bound: unknown): ToolDefinition<never, unknown, Data> {
    return {
      ...tool,
      execute(input, context) {
        const scope = scopes.getStore();
        const connector = scope?.connectors.get(`${packName}\u0000${tool.name}`);
        // No connector, or the LLM agent's dry run of a write on a copy: the pack's own backend.
        if (!scope || !connector || context.data !== bound) return tool.execute(input, context);
        const args = { ...(input as Record<string, unknown>) };
        const customerId = context.actor.kind === 'customer' ? context.actor.customerId : null;
        const key = `${tool.name}\u0000${customerId ?? ''}\u0000${stable(args)}`;
        const answered = (answer: Answer) => {
          if (answer.ok) return answer.result;
          if ('refusal' in answer) throw new ToolError(answer.refusal);
          throw answer.failure;
        };
        const known = scope.answers.get(key);
        if (known) return answered(known);
        if (++scope.calls > MAX_CALLS_PER_TURN) throw connectorFailure('busy', `A turn needed more than ${MAX_CALLS_PER_TURN} connector calls.`, {});
        return perform(scope, { pack: packName, tool: tool as ToolDefinition<never, unknown, unknown>, input: args, key, customerId }).then((answer) => {
          scope.answers.set(key, answer);
          return answered(answer);
        });
      },
    };
  }

  async function perform(scope: Scope, pending: ConnectorCall): Promise<Answer> {
    const connector = scope.connectors.get(`${pending.pack}\u0000${pending.tool.name}`)!;
    const write = pending.tool.write;
    const idempotencyKey = write
      ? createHash('sha256').update([scope.tenantId, scope.conversationId ?? '', scope.clientId ?? '', pending.key].join('\n')).digest('hex').slice(0, 40)
      : undefined;
    try {
      const { result } = await connector.call({
        tool: pending.tool.name, arguments: pending.input, customer: { id: pending.customerId }, conversation: { id: scope.conversationId }, ...(idempotencyKey ? { idempotencyKey } : {}),
      }, { access: write ? 'write' : 'read', result: pending.tool.result ?? { safeParse: (value: unknown) => ({ success: true as const, data: value }) } as never });
      return { ok: true, result };
    } catch (error) {
      if (error instanceof ToolError) return { ok: false, refusal: error.message };
      const failure = isConnectorFailure(error) ? error : connectorFailure('malformed', `The ${connector.config.name} connector could not make the call: ${(error as Error).message}`, { connectorId: connector.config.id }, error);
      if (failure.details) Object.assign(failure.details, { tool: pending.tool.name, write });
      deps.logger?.warn({ tenantId: scope.tenantId, conversationId: scope.conversationId, connectorId: connector.config.id, tool: pending.tool.name, reason: failure.details?.reason, err: failure }, 'connector call failed');
      return { ok: false, failure };
    }
  }

  return {
    route(pack, bound) {
      const tools: PackDefinition<unknown>['tools'] = {};
      for (const [name, tool] of Object.entries(pack.tools)) tools[name] = routed(pack.name, tool, bound);
      return { ...pack, tools } as typeof pack;
    },
    async run(tenantId, meta, work) {
      const list = (await deps.connectors(tenantId)).filter((connector) => connector.config.enabled);
      if (!list.length) return work();
      const connectors = new Map<string, Connector>();
      for (const connector of list) {
        for (const tool of connector.config.kind === 'http' ? Object.keys(connector.config.tools) : connector.config.tools) connectors.set(`${connector.config.pack}\u0000${tool}`, connector);
      }
      const scope: Scope = { tenantId, conversationId: meta.conversationId, clientId: meta.clientId, connectors, answers: new Map(), calls: 0 };
      return scopes.run(scope, work);
    },
  };
}

