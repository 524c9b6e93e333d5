import type { Order } from './types.ts';

/** Dates of an order as the store wrote them (its own zone), shared by the tools (policy windows) and the skills. */

/** The local day an order was placed ('YYYY-MM-DD' as the store wrote it), if known. */
export function placedDay(order: Order): string | null {
  return order.created_at ? order.created_at.slice(0, 10) : null;
}

/** The local day an order was delivered (its last "signed for / delivered" event), if it was. */
export function deliveredDay(order: Order): string | null {
  if (order.status !== 'delivered') return null;
  const events = order.fulfillments.flatMap((f) => f.events ?? []);
  const signed = events.filter((e) => /签收|delivered/i.test(e.description));
  const last = (signed.length ? signed : events).map((e) => e.time).sort().at(-1);
  return last ? last.slice(0, 10) : null;
}

/** The store's local "today" for `now`, using the UTC offset the store writes its timestamps with (else UTC). */
export function storeToday(now: string, orders: Order[]): string {
  const sample = orders.find((o) => o.created_at)?.created_at;
  const offset = sample ? /([+-])(\d{2}):(\d{2})$/.exec(sample) : null;
  const minutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return iso(new Date(new Date(now).getTime() + minutes * 60_000));
}

/**
 * Days since delivery when they exceed the store's limit for an after-sales action, else null (in time, not
 * delivered, or no limit). `now` is the clock's ISO time; days count in the store's own zone.
 */
export function daysPastLimit(order: Order, limit: number | undefined, now: string): { delivered: string; days: number } | null {
  const delivered = deliveredDay(order);
  if (!limit || !delivered) return null;
  const today = storeToday(now, [order]);
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${delivered}T00:00:00Z`)) / 86_400_000);
  return days > limit ? { delivered, days } : null;
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}
