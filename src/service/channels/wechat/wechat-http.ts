import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ServiceContext } from '../../http/service-context.ts';
import type { ZodTypeProvider } from '../../http/zod-type-provider.ts';
import type { Tenant } from '../../storage/store.ts';
import type { ChannelConfig } from '../channel.ts';
import { renderAsText } from './text-rendering.ts';
import { createReplayGuard } from './replay-guard.ts';
import { createWechatCrypto, signaturesMatch, wechatSignature, WechatProtocolError } from './wechat-crypto.ts';
import { readWechatConfig, readWecomConfig } from './wechat-settings.ts';
import { placeholderText } from './wechat-inbound.ts';
import { encryptedReplyXml, parseWechatXml, textReplyXml, type WechatMessage } from './wechat-xml.ts';

/** Callbacks are small XML documents; anything larger is refused before it is read (413). */
export const WECHAT_BODY_LIMIT = 64 * 1024;

const params = z.object({ tenantId: z.string().min(1).max(64) });
const query = z.object({
  signature: z.string().max(64).optional(), msg_signature: z.string().max(64).optional(), timestamp: z.string().max(20).default(''), nonce: z.string().max(64).default(''),
  echostr: z.string().max(1024).optional(), openid: z.string().max(128).optional(), encrypt_type: z.string().max(16).optional(),
});
type Query = z.infer<typeof query>;

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
/**
 * WeChat Official Account (`/channels/wechat/:tenantId`) and WeCom customer service (`/channels/wecom/:tenantId`)
 * callbacks: GET URL verification, POST messages. The signature and the timestamp window are checked before the body
 * is parsed; safe-mode / WeCom bodies are verified by msg_signature, then decrypted. Inbound messages are stored in the
 * inbox and acknowledged with `success` at once; the bot runs from a job and replies go out through the outbox.
 */
export function registerWechatHttp(root: FastifyInstance, context: ServiceContext): void {
  const channels = context.channels;
  if (!channels) return;
  const { store } = context;
  const guard = createReplayGuard({ windowMs: 3600_000, now: channels.now });

  const plain = (reply: FastifyReply, status: number, text: string) => reply.code(status).type('text/plain; charset=utf-8').send(text);
  const refuse = (reply: FastifyReply, error: unknown) => {
    if (error instanceof WechatProtocolError) return plain(reply, ['bad_signature', 'stale_timestamp', 'replayed', 'bad_receiver'].includes(error.reason) ? 401 : 400, error.message);
    throw error;
  };
  async function load(tenantId: string, kind: 'wechat' | 'wecom'): Promise<{ tenant: Tenant; config: ChannelConfig } | null> {
    const [tenant, config] = await Promise.all([store.getTenant(tenantId), channels!.configs.get(tenantId, kind)]);
    return tenant && config?.enabled ? { tenant, config } : null;
  }
  function checkTimestamp(q: Query, toleranceSeconds: number) {
    const seconds = Number(q.timestamp);
    if (!/^\d{1,12}$/.test(q.timestamp) || Math.abs(channels!.now().getTime() / 1000 - seconds) > toleranceSeconds) {
      throw new WechatProtocolError('stale_timestamp', `Timestamp is missing or more than ${toleranceSeconds} s from the server clock.`);
    }
  }
  /** Replay decision for a verified request; 'retry' requests are acknowledged without processing. */
  function replayState(tenantId: string, kind: string, q: Query, body: string) {
    const key = `${tenantId}:${kind}:${q.timestamp}:${q.nonce}`;
    const state = guard.check(key, sha1(body));
    if (state === 'replayed') throw new WechatProtocolError('replayed', 'This timestamp and nonce were already used with another body.');
    return { state, remember: () => guard.remember(key, sha1(body)) };
  }

  void root.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'string', bodyLimit: WECHAT_BODY_LIMIT }, (_request, body, done) => done(null, body));
    const app = scoped.withTypeProvider<ZodTypeProvider>();
    const doc = (summary: string) => ({ tags: ['channels'], summary, params, querystring: query, response: { 200: z.string(), 400: z.string(), 401: z.string(), 404: z.string() } });

    app.get('/channels/wechat/:tenantId', { schema: doc('WeChat Official Account URL verification: echoes `echostr` when signature = sha1(sort(token, timestamp, nonce))') }, async (request, reply) => {
      const found = await load(request.params.tenantId, 'wechat');
      if (!found) return plain(reply, 404, 'channel not configured');
      const settings = readWechatConfig(found.config);
      try {
        checkTimestamp(request.query, settings.timestampToleranceSeconds);
        if (!signaturesMatch(wechatSignature(settings.secrets.token, request.query.timestamp, request.query.nonce), request.query.signature)) throw new WechatProtocolError('bad_signature', 'Signature does not match the token.');
      } catch (error) {
        return refuse(reply, error);
      }
      return plain(reply, 200, request.query.echostr ?? '');
    });

    app.post('/channels/wechat/:tenantId', { schema: doc('WeChat Official Account message callback (XML; plain or safe mode); answers `success` or a passive reply') }, async (request, reply) => {
      const found = await load(request.params.tenantId, 'wechat');
      if (!found) return plain(reply, 404, 'channel not configured');
      const { tenant } = found;
      const settings = readWechatConfig(found.config);
      const q = request.query;
      const body = typeof request.body === 'string' ? request.body : '';
      let message: WechatMessage;
      let replay: ReturnType<typeof replayState>;
      let crypto: ReturnType<typeof createWechatCrypto> | null = null;
      try {
        checkTimestamp(q, settings.timestampToleranceSeconds);
        if (!signaturesMatch(wechatSignature(settings.secrets.token, q.timestamp, q.nonce), q.signature)) throw new WechatProtocolError('bad_signature', 'Signature does not match the token.');
        replay = replayState(tenant.id, 'wechat', q, body);
        if (replay.state === 'retry') return plain(reply, 200, 'success');
        message = parseWechatXml(body);
        if (q.encrypt_type === 'aes') {
          if (!settings.secrets.encodingAesKey) throw new WechatProtocolError('bad_payload', 'Encrypted message but no EncodingAESKey is configured.');
          crypto = createWechatCrypto({ token: settings.secrets.token, encodingAesKey: settings.secrets.encodingAesKey, receiverId: settings.appId });
          if (!message.Encrypt || !signaturesMatch(crypto.sign(q.timestamp, q.nonce, message.Encrypt), q.msg_signature)) throw new WechatProtocolError('bad_signature', 'msg_signature does not match the encrypted message.');
          message = parseWechatXml(crypto.decrypt(message.Encrypt));
        }
        if (!message.FromUserName || !message.MsgType) throw new WechatProtocolError('bad_payload', 'Message has no FromUserName or MsgType.');
      } catch (error) {
        return refuse(reply, error);
      }
      const openid = message.FromUserName;
      if (message.MsgType === 'event') {
        if (message.Event === 'subscribe') {
          // The welcome goes back as the passive reply: a new follower has not written yet, so no 48-hour window is open.
          const { conversation, greeting } = await channels.gateway.greet(tenant, 'wechat', openid);
          replay.remember();
          const content = greeting.map((stored) => renderAsText(stored, conversation.locale)).join('\n\n');
          if (!content) return plain(reply, 200, 'success');
          const xml = textReplyXml({ to: openid, from: message.ToUserName ?? '', content, createTime: Math.floor(channels.now().getTime() / 1000) });
          if (!crypto) return reply.code(200).type('application/xml; charset=utf-8').send(xml);
          const encrypt = crypto.encrypt(xml);
          return reply.code(200).type('application/xml; charset=utf-8').send(encryptedReplyXml({ encrypt, signature: crypto.sign(q.timestamp, q.nonce, encrypt), timestamp: q.timestamp, nonce: q.nonce }));
        }
        replay.remember();
        return plain(reply, 200, 'success');
      }
      const locale = tenant.settings.locale;
      const text = message.MsgType === 'text' ? message.Content ?? '' : message.MsgType === 'voice' && message.Recognition ? message.Recognition : placeholderText(message.MsgType, locale);
      // Stored, then acknowledged: the bot's turn runs from a job (channel-inbox.ts), never inside WeChat's 5 seconds.
      await channels.inbox.accept(tenant, {
        channel: 'wechat', senderId: openid, text: text.trim().slice(0, 4000) || '…', messageId: message.MsgId ?? `${openid}:${message.CreateTime ?? q.timestamp}`,
        meta: { toUserName: message.ToUserName, msgType: message.MsgType, encrypted: Boolean(crypto) },
      });
      replay.remember();
      return plain(reply, 200, 'success');
    });

    app.get('/channels/wecom/:tenantId', { schema: doc('WeCom (微信客服) URL verification: decrypts `echostr` after checking msg_signature') }, async (request, reply) => {
      const found = await load(request.params.tenantId, 'wecom');
      if (!found) return plain(reply, 404, 'channel not configured');
      const settings = readWecomConfig(found.config);
      const q = request.query;
      try {
        checkTimestamp(q, settings.timestampToleranceSeconds);
        const crypto = createWechatCrypto({ token: settings.secrets.token, encodingAesKey: settings.secrets.encodingAesKey, receiverId: settings.corpId });
        if (!q.echostr || !signaturesMatch(crypto.sign(q.timestamp, q.nonce, q.echostr), q.msg_signature)) throw new WechatProtocolError('bad_signature', 'msg_signature does not match echostr.');
        return plain(reply, 200, crypto.decrypt(q.echostr));
      } catch (error) {
        return refuse(reply, error);
      }
    });

    app.post('/channels/wecom/:tenantId', { schema: doc('WeCom (微信客服) callback: `kf_msg_or_event` triggers a sync_msg pull; customer messages are stored and answered') }, async (request, reply) => {
      const found = await load(request.params.tenantId, 'wecom');
      if (!found) return plain(reply, 404, 'channel not configured');
      const { tenant, config } = found;
      const settings = readWecomConfig(config);
      const q = request.query;
      const body = typeof request.body === 'string' ? request.body : '';
      let event: WechatMessage;
      let replay: ReturnType<typeof replayState>;
      try {
        checkTimestamp(q, settings.timestampToleranceSeconds);
        const outer = parseWechatXml(body);
        const crypto = createWechatCrypto({ token: settings.secrets.token, encodingAesKey: settings.secrets.encodingAesKey, receiverId: settings.corpId });
        if (!outer.Encrypt || !signaturesMatch(crypto.sign(q.timestamp, q.nonce, outer.Encrypt), q.msg_signature)) throw new WechatProtocolError('bad_signature', 'msg_signature does not match the encrypted message.');
        replay = replayState(tenant.id, 'wecom', q, body);
        if (replay.state === 'retry') return plain(reply, 200, 'success');
        event = parseWechatXml(crypto.decrypt(outer.Encrypt));
      } catch (error) {
        return refuse(reply, error);
      }
      if (event.MsgType === 'event' && event.Event === 'kf_msg_or_event') {
        // The sync_msg pull and the bot run from jobs (wecom-sync.ts, channel-inbox.ts): the callback is answered at once.
        await channels.wecomSync.schedule(tenant.id, { token: event.Token, openKfId: event.OpenKfId ?? settings.openKfId ?? '' });
      }
      replay.remember();
      return plain(reply, 200, 'success');
    });
  });
}
