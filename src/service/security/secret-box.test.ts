import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';

describe('secret box', () => {
  it('seals to ciphertext that only the same service secret opens, and detects tampering', () => {
    const box = createSecretBox('service-secret-0123456789');
    const sealed = box.seal('{"appSecret":"微信密钥 value"}');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('value');
    expect(box.seal('same')).not.toBe(box.seal('same'));
    expect(box.open(sealed)).toBe('{"appSecret":"微信密钥 value"}');
    expect(() => createSecretBox('another-secret-0123456789').open(sealed)).toThrow(/service secret/);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => box.open('garbage')).toThrow(/format/);
    expect(() => createSecretBox('short')).toThrow(/16 characters/);
  });
});
