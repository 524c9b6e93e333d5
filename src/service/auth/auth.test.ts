import { describe, it, expect } from 'vitest';
import { hashPassword, verifyPassword, generatePassword } from './passwords.ts';
import { createTokenSigner } from './token-signer.ts';
import { generateApiKey, hashApiKey } from './api-keys.ts';
import { verifyWidgetIdentity, widgetIdentityHmac } from './widget-identity.ts';

describe('auth primitives', () => {
  it('hashes passwords with scrypt and verifies them', async () => {
    const hash = await hashPassword('正确的密码 horse');
    expect(hash.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('正确的密码 horse', hash)).toBe(true);
    expect(await verifyPassword('wrong', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
    expect(generatePassword()).toMatch(/^[a-zA-Z2-9]{14}$/);
  });

  it('signs tokens that expire and cannot be forged', () => {
    let now = 1_000_000;
    const signer = createTokenSigner('s'.repeat(32), () => now);
    const token = signer.sign({ kind: 'agent', tenantId: 't', userId: 'u', role: 'agent' }, 60);
    expect(signer.verify(token)).toMatchObject({ kind: 'agent', userId: 'u' });
    expect(createTokenSigner('x'.repeat(32), () => now).verify(token)).toBeNull();
    const [body, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), role: 'admin' })).toString('base64url');
    expect(signer.verify(`${forged}.${signature}`)).toBeNull();
    now += 61_000;
    expect(signer.verify(token)).toBeNull();
    expect(signer.verify('not-a-token')).toBeNull();
  });

  it('accepts only the canonical base64url spelling of a token (issue 23, L3)', () => {
    const signer = createTokenSigner('s'.repeat(32));
    const token = signer.sign({ kind: 'agent', tenantId: 't', userId: 'u', role: 'admin' }, 60);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // The MAC is 32 bytes = 43 characters: the last one carries 4 bits, its 2 low bits are ignored by decoders.
    const [body, signature] = token.split('.');
    const last = alphabet.indexOf(signature.at(-1)!);
    const twins = [1, 2, 3].map((flip) => `${body}.${signature.slice(0, -1)}${alphabet[last ^ flip]}`);
    for (const twin of twins) {
      expect(Buffer.from(twin.split('.')[1], 'base64url').equals(Buffer.from(signature, 'base64url'))).toBe(true);
      expect(signer.verify(twin)).toBeNull();
    }
    expect(signer.verify(`${body}=.${signature}`)).toBeNull();
    expect(signer.verify(`${body}.${signature}=`)).toBeNull();
    expect(signer.verify(token)).toMatchObject({ role: 'admin' });
  });

  it('hashes api keys and checks widget identity HMACs', () => {
    const { key, hash, prefix } = generateApiKey();
    expect(hashApiKey(key)).toBe(hash);
    expect(key.startsWith(prefix)).toBe(true);
    const hmac = widgetIdentityHmac('tenant-secret', 'customer-42');
    expect(verifyWidgetIdentity('tenant-secret', 'customer-42', hmac)).toBe(true);
    expect(verifyWidgetIdentity('tenant-secret', 'customer-43', hmac)).toBe(false);
    expect(verifyWidgetIdentity('tenant-secret', 'customer-42', 'zz')).toBe(false);
  });
});
