import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { LingxiError } from '../../engine/errors.ts';

/** Addresses a tenant's URL may not reach: this host, private networks, link-local (cloud metadata), CGNAT, multicast. */
const blocked = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) blocked.addSubnet(network, prefix, 'ipv6');

/** True for an address a tenant-supplied URL must not reach (IPv4-mapped IPv6 is checked as IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  const family = isIP(address);
  return family === 4 ? blocked.check(address, 'ipv4') : family === 6 ? blocked.check(address, 'ipv6') : true;
}

/**
 * Refuses a URL a tenant admin gave (LLM base URL, webhook) when its host is or resolves to a private, loopback or
 * link-local address (issue 23, L2: `baseUrl: http://127.0.0.1:3932/…` reached the server's own API; webhooks reached
 * internal services). Every resolved address must be public. `allowPrivate` (LINGXI_ALLOW_PRIVATE_TARGETS, the
 * operator's choice, e.g. a model served on the same machine) turns the check off.
 *
 * @example await assertPublicTarget('https://api.deepseek.com/v1', { allowPrivate: false, what: 'baseUrl' })
 */
export async function assertPublicTarget(url: string, options: { allowPrivate: boolean; what: string; resolve?: (host: string) => Promise<string[]> }): Promise<void> {
  if (options.allowPrivate) return;
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    throw new LingxiError('validation_failed', `${options.what} is not a valid URL.`);
  }
  const resolve = options.resolve ?? (async (name: string) => (await lookup(name, { all: true, verbatim: true })).map((entry) => entry.address));
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    // A name that does not resolve reaches nothing, here or inside (an offline server saving a cloud preset); webhooks
    // are checked again before every delivery.
    return;
  }
  const inside = addresses.find(isPrivateAddress);
  if (inside !== undefined || addresses.length === 0) {
    throw new LingxiError('validation_failed',
      `${options.what} points to ${host}${inside && inside !== host ? ` (${inside})` : ''}, a private, loopback or link-local address, which tenants may not reach. `
      + 'The server operator can allow such targets with LINGXI_ALLOW_PRIVATE_TARGETS=true (e.g. a model served on the same machine).');
  }
}
