import { createHmac, timingSafeEqual } from 'node:crypto';

/** The HMAC a tenant's backend computes for a logged-in customer: hex HMAC-SHA256(widgetSecret, customerId). */
export function widgetIdentityHmac(secret: string, customerId: string): string {
  return createHmac('sha256', secret).update(customerId).digest('hex');
}

/** Constant-time check of a widget identity HMAC. */
export function verifyWidgetIdentity(secret: string, customerId: string, hmac: string): boolean {
  const expected = Buffer.from(widgetIdentityHmac(secret, customerId), 'hex');
  const given = Buffer.from(/^[0-9a-f]+$/i.test(hmac) ? hmac : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
