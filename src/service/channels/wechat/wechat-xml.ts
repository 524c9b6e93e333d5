import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { WechatProtocolError } from './wechat-crypto.ts';

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: true });

/** The fields of a callback message we use (Official Account and WeCom share the names); ids stay strings (64-bit). */
export const wechatMessageSchema = z.object({
  ToUserName: z.string().max(128).optional(),
  FromUserName: z.string().max(128).optional(),
  CreateTime: z.string().max(20).optional(),
  MsgType: z.string().max(32).optional(),
  Content: z.string().max(8000).optional(),
  MsgId: z.string().max(64).optional(),
  Event: z.string().max(64).optional(),
  EventKey: z.string().max(256).optional(),
  Recognition: z.string().max(8000).optional(),
  Encrypt: z.string().max(100_000).optional(),
  Token: z.string().max(256).optional(),
  OpenKfId: z.string().max(128).optional(),
});
export type WechatMessage = z.infer<typeof wechatMessageSchema>;

/** Parses the `<xml>…</xml>` of a callback; DOCTYPE/ENTITY declarations are refused (no entity expansion attacks). */
export function parseWechatXml(xml: string): WechatMessage {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new WechatProtocolError('bad_payload', 'XML with DOCTYPE or ENTITY declarations is refused.');
  let parsed: unknown;
  try {
    parsed = parser.parse(xml, true);
  } catch (error) {
    throw new WechatProtocolError('bad_payload', `Body is not well-formed XML: ${(error as Error).message}`);
  }
  const root = (parsed as { xml?: unknown } | null)?.xml;
  const fields = root && typeof root === 'object' ? Object.fromEntries(Object.entries(root).map(([key, value]) => [key, typeof value === 'number' ? String(value) : value])) : null;
  const result = wechatMessageSchema.safeParse(fields ?? {});
  if (!fields || !result.success) throw new WechatProtocolError('bad_payload', 'Body is not a WeChat <xml> message.');
  return result.data;
}

const cdata = (value: string) => `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** Passive text reply (the answer to a callback). */
export function textReplyXml(input: { to: string; from: string; content: string; createTime: number }): string {
  return `<xml><ToUserName>${cdata(input.to)}</ToUserName><FromUserName>${cdata(input.from)}</FromUserName><CreateTime>${input.createTime}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(input.content)}</Content></xml>`;
}

/** The envelope of an encrypted reply (safe mode). */
export function encryptedReplyXml(input: { encrypt: string; signature: string; timestamp: string; nonce: string }): string {
  return `<xml><Encrypt>${cdata(input.encrypt)}</Encrypt><MsgSignature>${cdata(input.signature)}</MsgSignature><TimeStamp>${input.timestamp}</TimeStamp><Nonce>${cdata(input.nonce)}</Nonce></xml>`;
}
