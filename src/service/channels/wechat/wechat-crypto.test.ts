import { describe, expect, it } from 'vitest';
import { createWechatCrypto, wechatSignature, WechatProtocolError } from './wechat-crypto.ts';
import { parseWechatXml } from './wechat-xml.ts';
import { pickNumberedReply, renderAsText } from './text-rendering.ts';
import type { Message } from '../../storage/store.ts';

// The decryption example of Tencent's WXBizMsgCrypt sample (Official Account "消息加解密" documentation).
const official = {
  token: 'spamtest', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wx2c2769f8efd9abc2', timestamp: '1409735669', nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt: 'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};
// The URL-verification example of the WeCom callback documentation (企业微信 回调配置).
const wecom = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7', timestamp: '1409659589', nonce: '263014780', msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3', echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==' };

describe('WeChat message crypto (WXBizMsgCrypt)', () => {
  it('verifies and decrypts the official Official Account example', () => {
    const crypto = createWechatCrypto({ token: official.token, encodingAesKey: official.encodingAesKey, receiverId: official.appId });
    expect(crypto.sign(official.timestamp, official.nonce, official.encrypt)).toBe(official.msgSignature);
    const message = parseWechatXml(crypto.decrypt(official.encrypt));
    expect(message).toMatchObject({ ToUserName: 'gh_10f6c3c3ac5a', FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs', MsgType: 'text', Content: 'abcdteT', MsgId: '6054768590064713728' });
  });

  it('verifies and decrypts the official WeCom echostr example (corp id as receiver id)', () => {
    const crypto = createWechatCrypto({ token: wecom.token, encodingAesKey: wecom.encodingAesKey, receiverId: wecom.corpId });
    expect(crypto.sign(wecom.timestamp, wecom.nonce, wecom.echostr)).toBe(wecom.msgSignature);
    expect(crypto.decrypt(wecom.echostr)).toBe('1616140317555161061');
  });

  it('round-trips Chinese text with 32-byte PKCS#7 padding and rejects another receiver id', () => {
    const crypto = createWechatCrypto({ token: official.token, encodingAesKey: official.encodingAesKey, receiverId: official.appId });
    for (const text of ['', '你好，我的订单到哪了？', 'x'.repeat(31), 'y'.repeat(32), '中'.repeat(500)]) {
      const encrypted = crypto.encrypt(text);
      expect(Buffer.from(encrypted, 'base64').length % 32).toBe(0);
      expect(crypto.decrypt(encrypted)).toBe(text);
    }
    const other = createWechatCrypto({ token: official.token, encodingAesKey: official.encodingAesKey, receiverId: 'wx0000000000000000' });
    expect(() => other.decrypt(crypto.encrypt('hi'))).toThrow(WechatProtocolError);
    expect(() => crypto.decrypt('bm90IGVuY3J5cHRlZA==')).toThrow(WechatProtocolError);
  });

  it('signs the sorted parts (plain-mode signature)', () => {
    expect(wechatSignature('b', 'a', 'c')).toBe(wechatSignature('a', 'b', 'c'));
    expect(wechatSignature('token', '1', 'n')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('refuses XML with entity declarations and bodies that are not WeChat messages', () => {
    expect(() => parseWechatXml('<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Content>&a;</Content></xml>')).toThrow(/DOCTYPE/);
    expect(() => parseWechatXml('{"json": true}')).toThrow(WechatProtocolError);
    expect(() => parseWechatXml('<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi')).toThrow(WechatProtocolError);
  });
});

describe('rich replies as text', () => {
  const message = (payload: Record<string, unknown>): Message => ({ id: 'm', tenantId: 't', conversationId: 'c', seq: 1, clientId: null, author: 'bot', authorId: null, text: '请提供您的订单号。', payload, createdAt: '' });

  it('numbers quick replies, lists cards and links sources, in zh and en', () => {
    const zh = renderAsText(message({ quickReplies: [{ label: '查订单', payload: '查订单' }, { label: '转人工', payload: '转人工' }], cards: [{ kind: 'steps', title: '退货步骤', steps: ['申请', '寄回'] }], sources: [{ id: 's', title: '退货政策', source: 'https://shop.example/returns' }] }), 'zh');
    expect(zh).toBe('请提供您的订单号。\n\n退货步骤\n1) 申请\n2) 寄回\n\n参考：\n退货政策 https://shop.example/returns\n\n回复数字选择：\n1. 查订单\n2. 转人工');
    expect(renderAsText(message({ quickReplies: [{ label: 'Talk to a human', payload: '转人工' }] }), 'en')).toContain('Reply with a number:\n1. Talk to a human');
    // Nothing is cut by default (senders split long texts, issue 27); an explicit limit truncates with "…".
    expect([...renderAsText({ ...message({}), text: '长'.repeat(5000) }, 'zh')].length).toBe(5000);
    expect([...renderAsText({ ...message({}), text: '长'.repeat(5000) }, 'zh', 600)].length).toBe(600);
  });

  it('maps a bare number (also full-width) back to the quick reply', () => {
    const replies = [{ label: '查订单', payload: 'order' }, { label: '转人工', payload: 'human' }];
    expect(pickNumberedReply('2', replies)?.payload).toBe('human');
    expect(pickNumberedReply(' １ ', replies)?.payload).toBe('order');
    expect(pickNumberedReply('3', replies)).toBeNull();
    expect(pickNumberedReply('2 件', replies)).toBeNull();
  });
});
