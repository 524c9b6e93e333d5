import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Thrown when a callback fails the protocol's checks; routes answer it with 401 (signature) or 400 (payload). */
export class WechatProtocolError extends Error {
  constructor(readonly reason: 'bad_signature' | 'stale_timestamp' | 'replayed' | 'bad_payload' | 'bad_receiver', message: string) {
    super(message);
    this.name = 'WechatProtocolError';
  }
}

/** sha1 of the lexicographically sorted parts joined without separator: `signature` (plain) and `msg_signature` (with Encrypt). */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Constant-time comparison of two hex signatures. */
export function signaturesMatch(expected: string, given: string | undefined): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given.toLowerCase()));
}

const BLOCK = 32;

/**
 * The message crypto of WeChat Official Accounts ("safe mode") and WeCom callbacks (WXBizMsgCrypt): AES-256-CBC with the
 * key = base64(EncodingAESKey + "="), IV = its first 16 bytes, PKCS#7 padding to a multiple of 32 bytes, plaintext
 * `random(16) + length(4, big-endian) + message + receiverId` where receiverId is the app id (Official Account) or the
 * corp id (WeCom). Decrypting checks the receiver id, so a message for another account is rejected.
 */
export function createWechatCrypto(options: { token: string; encodingAesKey: string; receiverId: string }) {
  if (!/^[A-Za-z0-9]{43}$/.test(options.encodingAesKey)) throw new WechatProtocolError('bad_payload', 'EncodingAESKey must be 43 letters and digits.');
  const key = Buffer.from(`${options.encodingAesKey}=`, 'base64');
  const iv = key.subarray(0, 16);

  return {
    /** Encrypts a message (XML) for the `Encrypt` element; `random` is for tests reproducing the official example. */
    encrypt(message: string, random: Buffer = randomBytes(16)): string {
      const body = Buffer.from(message, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length);
      const plain = Buffer.concat([random, length, body, Buffer.from(options.receiverId, 'utf8')]);
      const pad = BLOCK - (plain.length % BLOCK);
      const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
    },
    /** Decrypts an `Encrypt` value (or WeCom echostr); throws {@link WechatProtocolError} on bad padding or receiver id. */
    decrypt(encrypted: string): string {
      let plain: Buffer;
      try {
        const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
        plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
      } catch (error) {
        throw new WechatProtocolError('bad_payload', `Encrypted message cannot be decrypted: ${(error as Error).message}`);
      }
      const pad = plain[plain.length - 1] ?? 0;
      if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) throw new WechatProtocolError('bad_payload', 'Encrypted message has bad padding.');
      const content = plain.subarray(16, plain.length - pad);
      const length = content.readUInt32BE(0);
      if (4 + length > content.length) throw new WechatProtocolError('bad_payload', 'Encrypted message has a bad length.');
      const receiver = content.subarray(4 + length).toString('utf8');
      if (receiver !== options.receiverId) throw new WechatProtocolError('bad_receiver', 'Encrypted message is for another account (app id / corp id mismatch).');
      return content.subarray(4, 4 + length).toString('utf8');
    },
    /** msg_signature of an encrypted value. */
    sign: (timestamp: string, nonce: string, encrypted: string) => wechatSignature(options.token, timestamp, nonce, encrypted),
  };
}

export type WechatCrypto = ReturnType<typeof createWechatCrypto>;
