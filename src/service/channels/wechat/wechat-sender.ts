import type { Locale } from '../../../engine/types.ts';
import type { Message, Store } from '../../storage/store.ts';
import type { ChannelSender, OutboundContext } from '../channel.ts';
import { ChannelDeliverySkipped } from '../channel-outbox.ts';
import { WechatApiError, type WechatApi } from './wechat-api.ts';
import { credentialsOf, readWecomConfig } from './wechat-settings.ts';
import { renderAsText } from './text-rendering.ts';

/** WeChat lets a service send customer-service messages only within 48 hours of the customer's last message. */
export const CUSTOMER_SERVICE_WINDOW_MS = 48 * 3600 * 1000;
/** errcodes meaning "outside the window / over the message limit": record, do not retry. */
const WINDOW_ERRORS = new Map([[45015, 'outside_48h_window'], [45047, 'over_message_limit'], [95001, 'over_message_limit'], [95002, 'outside_48h_window'], [43004, 'unsubscribed']]);

/**
 * Active replies for the WeChat Official Account (`cgi-bin/message/custom/send`) and WeCom customer service
 * (`cgi-bin/kf/send_msg`, with `msgid` = our message id so WeCom drops a repeated send). Every message is sent as text
 * (rich replies degraded by {@link renderAsText}). More than 48 hours after the customer's last message nothing is sent:
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
        const content = renderAsText(message, locale);
        if (!content) continue;
        try {
          if (kind === 'wechat') {
            await deps.api.call(credentials, '/cgi-bin/message/custom/send', { touser: recipient, msgtype: 'text', text: { content } });
          } else {
            await deps.api.call(credentials, '/cgi-bin/kf/send_msg', { touser: recipient, open_kfid: openKfId, msgid: message.id.replace(/[^0-9A-Za-z_-]/g, '').slice(0, 32), msgtype: 'text', text: { content } });
          }
        } catch (error) {
          const outcome = error instanceof WechatApiError ? WINDOW_ERRORS.get(error.errcode) : undefined;
          if (outcome) throw new ChannelDeliverySkipped(outcome, error instanceof Error ? error.message : outcome);
          throw error;
        }
      }
    },
  };
}
