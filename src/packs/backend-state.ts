import { createCounterIds, type IdGenerator } from '../engine/ports.ts';
import type { PackDefinition } from '../engine/pack.ts';
import type { ToolContext, ToolDefinition } from '../engine/tools/define-tool.ts';
import { diffSnapshot, snapshot, type RecordChange } from './backend-records.ts';

/** What one write tool call changed in a pack's backend: the audit record of the call. */
export interface BackendWrite {
  pack: string;
  tool: string;
  arguments: Record<string, unknown>;
  actor: ToolContext['actor'];
  changes: RecordChange[];
  at: string;
}

/**
 * Where the packs' demo backends live (issue 20). The pack-engine composition root binds each pack's data through it
 * once and reports every write tool's changes to it; the dialogue engine does not know which implementation runs.
 * - {@link createMemoryBackendState}: a fresh in-memory copy (`lingxi chat`, eval, tests), gone when the process ends.
 * - the service's store-backed state (src/service/backend): per tenant, in the database, writes persisted per turn.
 */
export interface BackendState {
  /** The object the pack's tools read and change; `seed` is a fresh copy of the pack's demo data. */
  bind(pack: string, seed: unknown): unknown;
  /** Ids of the records the tools create (RP_…, CP_…). */
  readonly ids: IdGenerator;
  /** A write tool changed records of a bound backend (called synchronously, right after the tool ran). */
  written(write: BackendWrite): void;
  /**
   * False: nobody reads the writes, so write tools are not wrapped. Finding a write's changes costs a serialisation
   * of the backend before and after the tool (25–40 ms on the 1 MB e-commerce stores), worth it only when they are kept.
   */
  readonly recordsWrites?: boolean;
  /**
   * Optional: the pack with its tools able to go elsewhere than `bound` (the service routes a tenant's tools to its
   * connectors to the business's own systems, src/service/connectors). Applied last, over the recorded writes.
   */
  route?<Data>(pack: PackDefinition<Data>, bound: unknown): PackDefinition<Data>;
}

export interface MemoryBackendState extends BackendState {
  /** Every write of this run, oldest first. */
  readonly writes: BackendWrite[];
}

/**
 * The in-memory backend state: the seed is the backend; writes are kept in a list unless `recordWrites` is false
 * (the default of `createPackEngine` for `lingxi chat` and the evaluation commands, which do not read them).
 */
export function createMemoryBackendState(options: { ids?: IdGenerator; recordWrites?: boolean } = {}): MemoryBackendState {
  const writes: BackendWrite[] = [];
  return { bind: (_pack, seed) => seed, ids: options.ids ?? createCounterIds(), written: (write) => void writes.push(write), writes, recordsWrites: options.recordWrites ?? true };
}

const isRecordObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The pack with its write tools reporting their changes to `state`. The audit is taken at the tool layer rather than as
 * a diff of the whole turn: each change is attributed to the exact tool and arguments that made it, and reads cost
 * nothing. A write on another object than `bound` (the LLM agent's dry run on a copy) is not reported.
 */
export function withRecordedWrites<Data>(pack: PackDefinition<Data>, bound: unknown, state: BackendState): PackDefinition<Data> {
  if (!isRecordObject(bound) || state.recordsWrites === false) return pack;
  const tools: PackDefinition<Data>['tools'] = {};
  for (const [name, tool] of Object.entries(pack.tools)) {
    tools[name] = tool.write ? recorded(pack.name, tool, bound, state) : tool;
  }
  return { ...pack, tools };
}

function recorded<Data>(pack: string, tool: ToolDefinition<never, unknown, Data>, bound: Record<string, unknown>, state: BackendState): ToolDefinition<never, unknown, Data> {
  return {
    ...tool,
    execute(input, context) {
      if (context.data !== bound) return tool.execute(input, context);
      const before = snapshot(bound);
      // Also after a refusal thrown half-way: whatever the tool changed is in memory and must be stored with it.
      const record = () => {
        const changes = diffSnapshot(before, bound);
        if (changes.length) state.written({ pack, tool: tool.name, arguments: { ...(input as Record<string, unknown>) }, actor: context.actor, changes, at: context.clock.now() });
      };
      let result: unknown;
      try {
        result = tool.execute(input, context);
      } catch (error) {
        record();
        throw error;
      }
      // A demo tool answers synchronously: its changes are recorded before anything else runs on this data.
      if (!(result instanceof Promise)) {
        record();
        return result;
      }
      return result.finally(record);
    },
  };
}
