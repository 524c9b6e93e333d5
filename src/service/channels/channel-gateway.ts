import type { Logger } from 'pino';
import { chooseLocale } from '../../engine/text/language.ts';
import type { Locale } from '../../engine/types.ts';
import type { ConversationService } from '../conversation/conversation-service.ts';
import { newId } from '../ids.ts';
import type { Conversation, Customer, Message, Store, Tenant } from '../storage/store.ts';
import type { ChannelGateway, ChannelKind, InboundMessage, ReceiveResult } from './channel.ts';
import type { ChannelConfigStore } from './channel-config-store.ts';
import type { ChannelOutbox } from './channel-outbox.ts';
import { pickNumberedReply } from './wechat/text-rendering.ts';
import { cleanText } from './clean-text.ts';

/** The message's own strings without NUL and other control characters (the database refuses NUL; nobody means them). */
const cleanInbound = (message: InboundMessage): InboundMessage => ({
  ...message, senderId: cleanText(message.senderId), text: cleanText(message.text), messageId: cleanText(message.messageId),
  ...(message.senderName === undefined ? {} : { senderName: cleanText(message.senderName) }),
  ...(message.threadKey === undefined ? {} : { threadKey: cleanText(message.threadKey) }),
});

/** Channels that render quick replies as a numbered list: a bare number from the customer picks that reply. */
export const NUMBERED_REPLY_CHANNELS = new Set<ChannelKind>(['wechat', 'wecom']);

export interface ChannelGatewayDeps {
  store: Store;
  conversations: ConversationService;
  configs: ChannelConfigStore;
  outbox: ChannelOutbox;
  logger?: Logger;
}

/** The gateway plus what protocol adapters need beyond one message (WeChat `subscribe`: open and greet). */
export interface ChannelGatewayService extends ChannelGateway {
  /** Finds or opens the sender's conversation on the channel without a customer message; returns a new one's greeting for the adapter to answer with (not queued on the outbox). */
  greet(tenant: Tenant, channel: ChannelKind, senderId: string, options?: { senderName?: string; locale?: Locale }): Promise<{ conversation: Conversation; customer: Customer; greeting: Message[] }>;
}

/**
 * Where every channel's inbound messages enter the conversation service. The customer is found by the identity
 * (kind = channel, value = senderId), created with external id `<channel>:<senderId>` when new. The conversation is the
 * one mapped to `threadKey` in `channel_state` (key `thread:<threadKey>`) when it is still open and the sender is its
 * customer (a thread key never overrides the sender), else — without a thread — the sender's newest open conversation
 * on that channel, else a new one on that channel. The message is stored
 * with clientId `<channel>:<messageId>`, so protocol retries are stored once; its channel data sits on the payload.
 */
export function createChannelGateway(deps: ChannelGatewayDeps): ChannelGatewayService {
  const { store, conversations, configs, outbox } = deps;
  const chains = new Map<string, Promise<unknown>>();
  // One sender's messages are handled in order so that two quick deliveries do not open two conversations.
  function serialize<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (chains.get(key) ?? Promise.resolve()).catch(() => {}).then(work);
    chains.set(key, next);
    void next.catch(() => {}).finally(() => chains.get(key) === next && chains.delete(key));
    return next;
  }

  async function customerFor(tenant: Tenant, channel: ChannelKind, senderId: string, senderName?: string): Promise<Customer> {
    const known = await store.findCustomerByIdentity(tenant.id, channel, senderId);
    if (known) return known;
    return store.upsertCustomer({ id: newId('cus'), tenantId: tenant.id, externalId: `${channel}:${senderId}`, name: senderName ?? null, identities: [{ kind: channel, value: senderId }] });
  }

  /**
   * The open conversation a thread key leads to for this sender, and the state key that maps the thread. A thread key
   * is only a hint: anyone can quote another customer's Message-ID in References or post another user's threadKey, so a
   * message joins a mapped conversation only when its sender is that conversation's customer. A sender on somebody
   * else's thread gets their own mapping of it (`thread:<key>:<customerId>`) and their own conversation.
   */
  async function threadConversation(tenant: Tenant, customer: Customer, channel: ChannelKind, threadKey: string) {
    const shared = `thread:${threadKey}`;
    const mapped = await configs.readState(tenant.id, channel, shared);
    const conversation = mapped ? await store.getConversation(tenant.id, mapped) : null;
    if (!conversation || conversation.customerId === customer.id) return { conversation: conversation?.owner === 'closed' ? null : conversation, stateKey: shared };
    deps.logger?.warn({ tenantId: tenant.id, channel, conversationId: conversation.id, customerId: customer.id }, 'message on another customer\'s thread kept apart');
    const own = `thread:${threadKey}:${customer.id}`;
    const ownId = await configs.readState(tenant.id, channel, own);
    const ownConversation = ownId ? await store.getConversation(tenant.id, ownId) : null;
    return { conversation: ownConversation && ownConversation.owner !== 'closed' && ownConversation.customerId === customer.id ? ownConversation : null, stateKey: own };
  }

  async function openConversation(tenant: Tenant, customer: Customer, channel: ChannelKind, options: { threadKey?: string; locale: Locale; deliverGreeting: boolean }) {
    let stateKey: string | null = null;
    if (options.threadKey) {
      const thread = await threadConversation(tenant, customer, channel, options.threadKey);
      if (thread.conversation) return { conversation: thread.conversation, greeting: [] as Message[] };
      stateKey = thread.stateKey;
    } else {
      const candidates = await store.listConversations(tenant.id, { customerId: customer.id, channel, limit: 20 });
      const open = candidates.filter((conversation) => conversation.owner !== 'closed').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
      if (open) return { conversation: open, greeting: [] as Message[] };
    }
    const created = await conversations.start(tenant, customer, { locale: options.locale, channel });
    if (stateKey) await configs.writeState(tenant.id, channel, stateKey, created.conversation.id);
    if (options.deliverGreeting) await outbox.enqueue(created.conversation, created.messages, 'channel');
    return { conversation: created.conversation, greeting: created.messages };
  }

  /** "2" after a numbered list of quick replies means the second one: the engine receives its payload. */
  async function resolveNumber(tenant: Tenant, conversation: Conversation, text: string): Promise<string> {
    if (!/^\s*[0-9０-９]{1,2}\s*$/.test(text)) return text;
    const recent = await store.listMessages(tenant.id, conversation.id, { afterSeq: Math.max(0, conversation.lastSeq - 10), limit: 10 });
    const last = recent.filter((message) => message.author !== 'customer' && message.author !== 'system').at(-1);
    return pickNumberedReply(text, (last?.payload as { quickReplies?: Array<{ label: string; payload: string }> } | undefined)?.quickReplies)?.payload ?? text;
  }

  /** The replies that followed a stored customer message (to answer a protocol retry with the same replies). */
  async function repliesAfter(tenant: Tenant, conversationId: string, seq: number): Promise<Message[]> {
    const after = await store.listMessages(tenant.id, conversationId, { afterSeq: seq, limit: 20 });
    const end = after.findIndex((message) => message.author === 'customer');
    return end === -1 ? after : after.slice(0, end);
  }

  return {
    receive(tenant: Tenant, inbound: InboundMessage): Promise<ReceiveResult> {
      const message = cleanInbound(inbound);
      return serialize(`${tenant.id}:${message.channel}:${message.senderId}`, async () => {
        const customer = await customerFor(tenant, message.channel, message.senderId, message.senderName);
        const locale = message.locale ?? chooseLocale(message.text, tenant.settings.locale);
        const { conversation, greeting } = await openConversation(tenant, customer, message.channel, { threadKey: message.threadKey, locale, deliverGreeting: true });
        const channelData = { kind: message.channel, messageId: message.messageId, ...(message.senderName ? { senderName: message.senderName } : {}), ...(message.threadKey ? { threadKey: message.threadKey } : {}), ...(message.attachments?.length ? { attachments: message.attachments } : {}), ...message.meta };
        const text = NUMBERED_REPLY_CHANNELS.has(message.channel) ? await resolveNumber(tenant, conversation, message.text) : message.text;
        if (text !== message.text) (channelData as Record<string, unknown>).pressed = message.text.trim();
        const result = await conversations.postCustomerMessage(tenant, conversation.id, { clientId: `${message.channel}:${message.messageId}`, text, channel: 'channel', payload: { channel: channelData } });
        if (result.ack.duplicate) {
          return { conversation: result.conversation, customer, replies: await repliesAfter(tenant, conversation.id, result.ack.seq), duplicate: true };
        }
        return { conversation: result.conversation, customer, replies: [...greeting, ...result.messages.filter((stored) => stored.author !== 'customer')], duplicate: false };
      });
    },

    greet(tenant, channel, senderId, options = {}) {
      return serialize(`${tenant.id}:${channel}:${senderId}`, async () => {
        const customer = await customerFor(tenant, channel, senderId, options.senderName);
        const { conversation, greeting } = await openConversation(tenant, customer, channel, { locale: options.locale ?? tenant.settings.locale, deliverGreeting: false });
        return { conversation, customer, greeting };
      });
    },
  };
}
