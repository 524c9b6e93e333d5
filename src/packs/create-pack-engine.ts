import type { ConversationEngine } from '../engine/dialogue/types.ts';
import type { Locale, Tone } from '../engine/types.ts';
import type { Clock, ModelCache } from '../engine/ports.ts';

export interface PackEngineOptions {
  /** Enabled packs, e.g. ['ecommerce']. */
  packs: string[];
  locale?: Locale;
  tone?: Tone;
  /** Demo backend to run the pack's tools on, e.g. 'tau-retail' or 'store-zh'; default: the pack's default. */
  db?: string;
  clock?: Clock;
  modelCache?: ModelCache;
}

/**
 * Composition root of the offline engine for a set of packs.
 * TEMPORARY: returns a minimal engine until the dialogue manager lands (issue 2 in progress).
 */
export async function createPackEngine(options: PackEngineOptions): Promise<ConversationEngine> {
  const { createMinimalEngine } = await import('./minimal-engine.ts');
  return createMinimalEngine(options);
}
