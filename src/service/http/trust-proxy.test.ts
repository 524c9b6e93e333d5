import { afterAll, describe, expect, it } from 'vitest';
import { loadServiceConfig } from '../config.ts';
import { createTestService, type TestService } from '../testing/create-test-service.ts';

/**
 * LINGXI_TRUST_PROXY (issue 12): X-Forwarded-For decides request.ip — and so the per-IP login limit and the lockout —
 * only when the peer is a trusted proxy. Observed through the login limit (2 per minute per IP).
 */
const services: TestService[] = [];
afterAll(async () => Promise.all(services.map((service) => service.close())));

const start = async (trustProxy?: string) => {
  const service = await createTestService({ rateLimitLogin: 2, ...(trustProxy ? { trustProxy } : {}) } as never);
  services.push(service);
  return (forwardedFor: string, remoteAddress = '127.0.0.1') => service.service.app.inject({
    method: 'POST', url: '/v1/agent/login', remoteAddress, headers: { 'x-forwarded-for': forwardedFor },
    payload: { email: 'nobody@x.test', password: 'wrong-password' },
  }).then((response) => response.statusCode);
};

describe('trustProxy', () => {
  it('parses true / false / hop count / IP and CIDR lists, and refuses anything else', () => {
    const parse = (value?: string) => loadServiceConfig({}, value === undefined ? {} : { LINGXI_TRUST_PROXY: value }).trustProxy;
    expect(parse()).toBe(false);
    expect(parse('true')).toBe(true);
    expect(parse('false')).toBe(false);
    expect(parse('1')).toBe(1);
    expect(parse('10.0.0.0/8, 127.0.0.1,::1')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(() => parse('nginx')).toThrow(/LINGXI_TRUST_PROXY: each entry must be an IP/);
    expect(() => parse('10.0.0.0/40')).toThrow(/LINGXI_TRUST_PROXY/);
  });

  it('ignores X-Forwarded-For by default: every client behind one proxy shares its address', async () => {
    const login = await start();
    expect([await login('1.1.1.1'), await login('2.2.2.2'), await login('3.3.3.3')]).toEqual([401, 401, 429]);
  });

  it('uses the client address when the proxy is trusted (by CIDR list), but not from an untrusted peer', async () => {
    const login = await start('127.0.0.0/8');
    expect([await login('1.1.1.1'), await login('2.2.2.2'), await login('3.3.3.3'), await login('4.4.4.4')]).toEqual([401, 401, 401, 401]);
    expect([await login('1.1.1.1'), await login('1.1.1.1')]).toEqual([401, 429]);
    // A client reaching the node directly cannot choose its address with the header.
    expect([await login('5.5.5.5', '10.0.0.9'), await login('6.6.6.6', '10.0.0.9'), await login('7.7.7.7', '10.0.0.9')]).toEqual([401, 401, 429]);
  });

  it('with a hop count takes the address the trusted proxy appended, not one the client wrote before it', async () => {
    const login = await start('1');
    expect([await login('9.9.9.9, 1.1.1.1'), await login('9.9.9.9, 2.2.2.2'), await login('9.9.9.9, 3.3.3.3')]).toEqual([401, 401, 401]);
    expect([await login('8.8.8.8, 4.4.4.4'), await login('7.7.7.7, 4.4.4.4'), await login('6.6.6.6, 4.4.4.4')]).toEqual([401, 401, 429]);
  });
});
