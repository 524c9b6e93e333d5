import { isIP } from 'node:net';
import { LingxiError } from '../../engine/errors.ts';

const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'metadata.azure.com', 'instance-data', 'instance-data.ec2.internal']);

/** True for link-local addresses (169.254.0.0/16, fe80::/10), where cloud metadata services answer. */
function linkLocal(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(bare) === 4) return bare.startsWith('169.254.');
  if (isIP(bare) === 6) return /^fe[89ab]/.test(bare) || /^::ffff:169\.254\./.test(bare) || /^::ffff:a9fe:/.test(bare);
  return false;
}

/**
 * Refuses connector destinations no business system lives at: link-local addresses and cloud metadata host names,
 * where a tenant admin could otherwise read the server's cloud credentials through the connector test. Loopback and
 * private networks stay allowed (self-hosted deployments connect to internal systems); an operator who hosts tenants
 * it does not trust limits egress with a firewall. Literal addresses and names only: a name resolving to a link-local
 * address is not caught here.
 */
export function assertAllowedDestination(url: string): void {
  const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  if (linkLocal(host) || METADATA_HOSTS.has(host)) {
    throw new LingxiError('validation_failed', `Connectors may not call ${host}: link-local and cloud metadata addresses are refused.`);
  }
}
