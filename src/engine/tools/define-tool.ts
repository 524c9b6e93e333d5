import type { z } from 'zod';
import type { Locale } from '../types.ts';
import type { Clock, IdGenerator } from '../ports.ts';
import type { ToolCallRecord } from '../dialogue/types.ts';
import { LingxiError } from '../errors.ts';

/**
 * What a tool may use. Capabilities, never the database (house style §5): `data` is the pack's data source
 * (a demo store in memory, or an adapter to the business's real backend).
 */
export interface ToolContext<Data = unknown> {
  data: Data;
  clock: Clock;
  ids: IdGenerator;
  locale: Locale;
  /**
   * `customer`: called from a conversation — write tools must only touch the authenticated customer's records.
   * `system`: called by a trusted caller (replay judge, admin tooling) — no ownership check.
   */
  actor: { kind: 'customer'; customerId: string | null } | { kind: 'system' };
}

export interface ToolDefinition<Input = unknown, Output = unknown, Data = unknown> {
  name: string;
  description: string;
  input: z.ZodType<Input>;
  /** True when the tool changes data: the engine asks for explicit confirmation before calling it. */
  write: boolean;
  /**
   * Whether a write waits for the customer's yes to a recap (default true for every write). False only for a write
   * that records what the customer has just asked for in their own words and moves nothing (no money, no third party,
   * redone by asking again) — e.g. saving the customer's own risk-questionnaire answers; say why at the tool.
   */
  needsApproval?: boolean;
  /**
   * The shape of what `execute` returns, when the pack declares it (issue 20): a connector to the business's own system
   * must answer this shape, validated before any skill sees it. Absent: the result is passed on as the backend gives it.
   */
  result?: z.ZodType<Output>;
  /**
   * Runs the tool. May return a Promise: a real backend is remote (a business's HTTP API through a connector); the
   * packs' demo backends answer synchronously.
   */
  execute(input: Input, context: ToolContext<Data>): Output | Promise<Output>;
}

/** Declares a pack tool; the identity function that gives the definition its types. */
export function defineTool<Input, Output, Data>(definition: ToolDefinition<Input, Output, Data>): ToolDefinition<Input, Output, Data> {
  return definition;
}

/** An expected refusal from a tool: the policy or the data says no. Shown to the customer, not logged as a bug. */
export class ToolError extends LingxiError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('tool_failed', message, { details });
    this.name = 'ToolError';
  }
}

export interface ToolOutcome<Output = unknown> {
  ok: boolean;
  result?: Output;
  error?: string;
  record: ToolCallRecord;
}

/**
 * Validates the arguments with the tool's zod schema, runs it (awaiting a remote one) and records the call.
 * Validation failures and ToolErrors become `{ ok: false }`; anything else is a bug and propagates.
 */
export async function runTool<Input, Output, Data>(tool: ToolDefinition<Input, Output, Data>, args: unknown, context: ToolContext<Data>): Promise<ToolOutcome<Output>> {
  const parsed = tool.input.safeParse(args);
  const argumentsRecord = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  if (!parsed.success) {
    const error = `invalid arguments: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`;
    return { ok: false, error, record: { name: tool.name, arguments: argumentsRecord, ok: false, error } };
  }
  try {
    const result = await tool.execute(parsed.data, context);
    return { ok: true, result, record: { name: tool.name, arguments: argumentsRecord, ok: true, result: summarize(result) } };
  } catch (error) {
    if (error instanceof ToolError) {
      return { ok: false, error: error.message, record: { name: tool.name, arguments: argumentsRecord, ok: false, error: error.message } };
    }
    throw error;
  }
}

// Tool results go into events and logs; keep them small.
function summarize(result: unknown): unknown {
  const text = JSON.stringify(result ?? null);
  return text.length <= 2_000 ? result : `${text.slice(0, 2_000)}…`;
}
