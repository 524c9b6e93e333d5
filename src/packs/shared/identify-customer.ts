import type { SkillContext } from '../../engine/pack.ts';
import type { EntityType } from '../../engine/nlu/types.ts';
import type { SlotName } from '../../engine/dialogue/types.ts';

export interface IdentifyOptions {
  /** Lookup tool: takes the collected fields as arguments and returns the customer id (or fails). */
  tool: string;
  /** Fields to collect, in the order they are asked; each filled from an entity of this turn. */
  fields: Array<{ name: string; slot: SlotName; entity: EntityType; ask: string }>;
  /** Templates: said on success ({name} = the id the tool returned) and when the lookup fails. */
  okKey: string;
  notFoundKey: string;
}

const MEMORY = '__identify';

/**
 * Identifies the customer before any account data is shown or changed — the authentication step of every pack
 * that has accounts. Collects the fields across turns in any order; returns true once `ctx.customerId()` is set.
 */
export async function ensureIdentified(ctx: SkillContext<unknown>, options: IdentifyOptions): Promise<boolean> {
  if (ctx.customerId()) return true;
  const collected = ((ctx.memory[MEMORY] as Record<string, string> | undefined) ?? {});
  ctx.memory[MEMORY] = collected;
  for (const field of options.fields) {
    const entity = ctx.entities(field.entity)[0];
    if (entity) collected[field.name] = entity.value;
  }
  const missing = options.fields.find((field) => !collected[field.name]);
  if (missing) { ctx.ask(missing.slot, missing.ask); return false; }
  const result = await ctx.call<string>(options.tool, { ...collected });
  if (!result.ok || typeof result.result !== 'string') {
    delete ctx.memory[MEMORY];
    ctx.ask(options.fields[0].slot, options.notFoundKey);
    return false;
  }
  ctx.setCustomer(result.result);
  delete ctx.memory[MEMORY];
  ctx.say(options.okKey, { name: result.result });
  return true;
}
