import { z } from 'zod';
import { LingxiError } from '../engine/errors.ts';
import type { PackDefinition } from '../engine/pack.ts';
import { loadPack, PACK_MODULES } from './registry.ts';

/**
 * What a backend must implement for one pack tool (issue 20): the tool's name, its arguments and result (zod), and
 * whether it reads or writes. A connector to a business's own system implements a contract; the skills, policies,
 * confirmation before writes and identity checks stay in the pack and work unchanged over it.
 */
export interface ToolContract {
  pack: string;
  name: string;
  description: string;
  access: 'read' | 'write';
  /** Whether the tool waits for the customer's yes to a recap (writes, unless the pack says otherwise; never reads). */
  needsApproval: boolean;
  input: z.ZodType;
  /** The declared result shape; tools without one accept any JSON value as their result. */
  result: z.ZodType;
  /** True when the pack declares the result shape (then a connector's mapped answer is checked against it). */
  typedResult: boolean;
}

const anyResult = z.unknown();

/** The contracts of every tool of a loaded pack definition, by tool name. */
export function toolContracts(pack: PackDefinition<unknown>): Record<string, ToolContract> {
  return Object.fromEntries(Object.values(pack.tools).map((tool) => [tool.name, {
    pack: pack.name, name: tool.name, description: tool.description, access: tool.write ? 'write' : 'read',
    needsApproval: tool.write && tool.needsApproval !== false, input: tool.input as z.ZodType, result: (tool.result as z.ZodType | undefined) ?? anyResult,
    typedResult: tool.result !== undefined,
  } satisfies ToolContract]));
}

/** The contracts of one shipped pack (`loadToolContracts('ecommerce').track_order`). */
export async function loadToolContracts(packName: string): Promise<Record<string, ToolContract>> {
  if (!PACK_MODULES[packName]) throw new LingxiError('not_found', `Unknown pack ${packName}.`);
  return toolContracts(await loadPack(packName));
}

/** A contract as JSON (JSON Schema for arguments and result), for the admin API and documentation. */
export function describeContract(contract: ToolContract): { pack: string; name: string; description: string; access: 'read' | 'write'; needsApproval: boolean; input: unknown; result: unknown } {
  const schema = (type: z.ZodType) => { try { return z.toJSONSchema(type, { unrepresentable: 'any' }); } catch { return {}; } };
  return { pack: contract.pack, name: contract.name, description: contract.description, access: contract.access, needsApproval: contract.needsApproval, input: schema(contract.input), result: contract.typedResult ? schema(contract.result) : {} };
}
