import { createHmac, timingSafeEqual } from 'node:crypto';

/** Form parameters as Twilio posts them; a name may repeat. */
export type FormParameters = Array<[string, string]>;

/**
 * Twilio's request signature (X-Twilio-Signature): base64 HMAC-SHA1, keyed with the account's auth token, of the full
 * webhook URL followed by every POST parameter sorted by name (a repeated name: its distinct values sorted), each
 * as name + value — the same as Twilio's SDK validators.
 */
export function twilioSignature(authToken: string, url: string, parameters: FormParameters): string {
  const distinct = [...new Map(parameters.map(([name, value]) => [`${name}\u0000${value}`, [name, value] as [string, string]])).values()];
  const sorted = distinct.sort(([nameA, valueA], [nameB, valueB]) => (nameA === nameB ? (valueA < valueB ? -1 : valueA > valueB ? 1 : 0) : nameA < nameB ? -1 : 1));
  const data = url + sorted.map(([name, value]) => name + value).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** URL variants Twilio may have signed: as given, and with the scheme's default port added or removed. */
function urlVariants(url: string): string[] {
  try {
    const parsed = new URL(url);
    const defaultPort = parsed.protocol === 'https:' ? '443' : '80';
    const variants = [url];
    if (parsed.port === '') variants.push(url.replace(parsed.host, `${parsed.host}:${defaultPort}`));
    else if (parsed.port === defaultPort) variants.push(url.replace(`:${defaultPort}`, ''));
    return variants;
  } catch {
    return [url];
  }
}

/** True when `signature` is Twilio's signature of this request (constant-time comparison). */
export function verifyTwilioSignature(authToken: string, url: string, parameters: FormParameters, signature: string | undefined): boolean {
  if (!signature || !authToken) return false;
  const given = Buffer.from(signature);
  return urlVariants(url).some((variant) => {
    const expected = Buffer.from(twilioSignature(authToken, variant, parameters));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
