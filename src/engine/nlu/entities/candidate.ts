import type { Entity, EntityType } from '../types.ts';

/**
 * An entity proposed by one recogniser, positioned in the working text (see prepare-text.ts). `priority`
 * breaks ties between spans of equal length when overlaps are resolved: an order id beats a phone number,
 * anything beats a bare number.
 */
export interface Candidate extends Entity {
  priority: number;
}

/** Tie-break priorities; longer spans always win first. */
export const PRIORITY: Record<EntityType, number> = {
  order_id: 100,
  email: 95,
  user_id: 90,
  address: 85,
  phone: 80,
  payment_method: 70,
  date: 60,
  time: 60,
  amount: 55,
  zip: 50,
  person_name: 45,
  product: 40,
  option: 35,
  number: 10,
};

/** Builds a candidate whose `text` is the working-text slice; the extractor later swaps in the original text. */
export function candidate(
  type: EntityType,
  value: string,
  text: string,
  start: number,
  end: number,
  meta?: Entity['meta'],
): Candidate {
  const result: Candidate = { type, value, text: text.slice(start, end), start, end, priority: PRIORITY[type] };
  if (meta) result.meta = meta;
  return result;
}
