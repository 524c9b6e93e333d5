import { describe, expect, it } from 'vitest';
import { assertAllowedDestination } from './destination-guard.ts';

describe('connector destinations', () => {
  it('refuses link-local and cloud metadata addresses, allows public, private and loopback ones', () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[fe80::1]/', 'http://metadata.google.internal/computeMetadata/v1/', 'http://[::ffff:169.254.169.254]/', 'http://METADATA.google.internal./']) {
      expect(() => assertAllowedDestination(url), url).toThrow(/link-local and cloud metadata/);
    }
    for (const url of ['https://api.shop.example/v2', 'http://10.0.0.5:8080/', 'http://127.0.0.1:3000/', 'http://[::1]/', 'http://erp.internal/']) {
      expect(() => assertAllowedDestination(url), url).not.toThrow();
    }
  });
});
