import type { Locale } from '../../../engine/types.ts';
import type { Message, Store } from '../../storage/store.ts';
import type { ChannelSender, OutboundContext } from '../channel.ts';
import { ChannelDeliveryFailed, ChannelDeliverySkipped } from '../channel-outbox.ts';
import { WECHAT_PERMANENT_ERRORS } from './wechat-errors.ts';
import { WechatApiError, type WechatApi } from './wechat-api.ts';
import { credentialsOf, readWecomConfig } from './wechat-settings.ts';
import { renderAsText } from './text-rendering.ts';
import { splitText, WECHAT_TEXT_MAX_BYTES } from '../split-text.ts';

/** WeChat lets a service send customer-service messages only within 48 hours of the customer's last message. */
export const CUSTOMER_SERVICE_WINDOW_MS = 48 * 3600 * 1000;
/** errcodes meaning "outside the window / over the message limit": record, do not retry. */
const WINDOW_ERRORS = new Map([[45015, 'outside_48h_window'], [45047, 'over_message_limit'], [95001, 'over_message_limit'], [95002, 'outside_48h_window'], [43004, 'unsubscribed']]);

/** What a failed API call means for the outbox: skip (window, limit), fail for good (permission, whitelist …), or retry. */
function classify(error: unknown): unknown {
  if (!(error instanceof WechatApiError)) return error;
  const outcome = WINDOW_ERRORS.get(error.errcode);
  if (outcome) return new ChannelDeliverySkipped(outcome, error.message);
  const permanent = WECHAT_PERMANENT_ERRORS.get(error.errcode);
  if (!permanent) return error;
  const problem = permanent.channelWide ? { code: String(error.errcode), outcome: permanent.outcome, message: error.message, hint: permanent.hint } : undefined;
  return new ChannelDeliveryFailed(permanent.outcome, `${error.message}. ${permanent.hint.en}`, problem);
}

/**
 * Active replies for the WeChat Official Account (`cgi-bin/message/custom/send`) and WeCom customer service
 * (`cgi-bin/kf/send_msg`, with `msgid` = our message id so WeCom drops a repeated send). Every message is sent as text
 * (rich replies degraded by {@link renderAsText}); a text over 2,048 bytes goes out as several, cut at sentence ends
 * (`channel.message_split` event). More than 48 hours after the customer's last message nothing is sent:
 * the delivery is recorded as `outside_48h_window` (ChannelDeliverySkipped) instead.
 */
export function createWechatSender(kind: 'wechat' | 'wecom', deps: { api: WechatApi; store: Store; now: () => Date }): ChannelSender {
  /** The customer's last message (its time opens the window; on WeCom it names the customer-service account). */
  async function lastCustomerMessage(context: OutboundContext): Promise<Message | undefined> {
    const { tenant, conversation } = context;
    const recent = await deps.store.listMessages(tenant.id, conversation.id, { afterSeq: Math.max(0, conversation.lastSeq - 200), limit: 200 });
    return recent.filter((message) => message.author === 'customer').at(-1);
  }

  return {
    kind,
    repliesInline: false,
    async deliver(context, messages) {
      const last = await lastCustomerMessage(context);
      if (!last || deps.now().getTime() - Date.parse(last.createdAt) > CUSTOMER_SERVICE_WINDOW_MS) {
        throw new ChannelDeliverySkipped('outside_48h_window', 'The customer wrote more than 48 hours ago (or never): WeChat forbids customer-service messages now.');
      }
      const recipient = context.customer.identities.find((identity) => identity.kind === kind)?.value;
      if (!recipient) throw new ChannelDeliverySkipped('no_recipient', `The customer has no ${kind} identity.`);
      const credentials = credentialsOf(context.config);
      const openKfId = kind === 'wecom' ? String((last.payload.channel as { openKfId?: string } | undefined)?.openKfId ?? readWecomConfig(context.config).openKfId ?? '') : '';
      for (const message of messages) {
        const locale: Locale = message.payload.locale === 'en' || message.payload.locale === 'zh' ? message.payload.locale : context.conversation.locale;
        const text = renderAsText(message, locale);
        if (!text) continue;
        // A text over 2,048 bytes is refused by WeChat: it goes out as several messages cut at sentence ends, recorded.
        const pieces = splitText(text, WECHAT_TEXT_MAX_BYTES);
        if (pieces.length > 1) {
          await deps.store.appendEvent(context.tenant.id, { conversationId: context.conversation.id, type: 'channel.message_split', data: { channel: kind, messageId: message.id, parts: pieces.length, bytes: new TextEncoder().encode(text).length, maxBytes: WECHAT_TEXT_MAX_BYTES } });
        }
        const baseId = message.id.replace(/[^0-9A-Za-z_-]/g, '');
        for (const [index, content] of pieces.entries()) {
          try {
            if (kind === 'wechat') {
              await deps.api.call(credentials, '/cgi-bin/message/custom/send', { touser: recipient, msgtype: 'text', text: { content } });
            } else {
              // WeCom drops a repeated msgid: each piece has its own, the first keeps the message's.
              const msgid = index === 0 ? baseId.slice(0, 32) : `${baseId.slice(0, 28)}_p${index}`;
              await deps.api.call(credentials, '/cgi-bin/kf/send_msg', { touser: recipient, open_kfid: openKfId, msgid, msgtype: 'text', text: { content } });
            }
          } catch (error) {
            throw classify(error);
          }
        }
      }
    },
  };
}
