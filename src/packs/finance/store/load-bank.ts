import { readFile } from 'node:fs/promises';
import { LingxiError } from '../../../engine/errors.ts';
import type { BankDb } from './types.ts';

/** Demo backends bundled with the pack (hand-written, fictitious customers). */
export const BANK_NAMES = ['bank-demo'] as const;

let raw: Promise<Omit<BankDb, 'disputes' | 'applications' | 'fraud_flags' | 'assessments'>> | null = null;

/** A fresh, independent copy of the demo bank (tools mutate it). */
export async function loadBank(name: string = 'bank-demo'): Promise<BankDb> {
  if (!(BANK_NAMES as readonly string[]).includes(name)) {
    throw new LingxiError('not_found', `Unknown demo bank "${name}". Choose one of: ${BANK_NAMES.join(', ')}.`);
  }
  raw ??= readFile(new URL(`../data/${name}.json`, import.meta.url), 'utf8').then((text) => JSON.parse(text));
  const base = structuredClone(await raw);
  return { ...base, disputes: [], applications: [], fraud_flags: [], assessments: [] };
}
