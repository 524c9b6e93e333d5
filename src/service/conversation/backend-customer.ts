import type { Locale } from '../../engine/types.ts';
import { customerKeys } from '../http/routes/customer-records-http.ts';
import { packRecordReaders } from '../http/routes/pack-records.ts';
import type { Customer } from '../storage/store.ts';

/**
 * The pack-backend customer a service customer is, found the way the agent console finds them (external id and
 * identities, then e-mail, then phone), for a customer whose identity the shop vouched for (widget HMAC). Null when no
 * enabled pack's backend knows them. The first enabled pack with a match wins: a conversation has one backend customer.
 */
export function findBackendCustomer(backends: unknown, packs: string[], customer: Customer, locale: Locale): string | null {
  if (!backends || typeof backends !== 'object') return null;
  const keys = customerKeys(customer, [], { widgetIdentityVerified: true });
  for (const pack of packs) {
    const reader = packRecordReaders[pack];
    const data = (backends as Record<string, unknown>)[pack];
    if (!reader || data === undefined) continue;
    const found = reader(data, keys, locale);
    if (found) return found.customerId;
  }
  return null;
}
