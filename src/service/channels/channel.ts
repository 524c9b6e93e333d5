import type { Locale } from '../../engine/types.ts';
import type { Conversation, Customer, Message, Tenant } from '../storage/store.ts';

/**
 * The channel contract (issue 13). Every way a customer can write — the web widget, WeChat Official Account, WeCom
 * customer service, email, a generic signed webhook, a telephone line — is normalised to an {@link InboundMessage}
 * on the way in and rendered from stored {@link Message}s on the way out, so the engine, the agent console, analytics
 * and proactive care work the same whatever the channel.
 */
export const CHANNEL_KINDS = ['widget', 'wechat', 'wecom', 'email', 'webhook', 'voice'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A customer message as a channel delivered it, after protocol checks (signature, decryption) and parsing. */
export interface InboundMessage {
  channel: ChannelKind;
  /** The sender as the channel knows them: WeChat openid, WeCom external_userid, email address, phone number, webhook user id. */
  senderId: string;
  senderName?: string;
  /** Plain text (email: quoted text stripped; voice: the recognised speech or the DTMF digit mapped to words). */
  text: string;
  /** The channel's own id of this message; retries of the same delivery carry the same id and are stored once. */
  messageId: string;
  /**
   * A thread inside the channel (email: the thread's root Message-ID; voice: the call id). A message on a thread that
   * has no open conversation starts a new one; without a thread, the sender's open conversation on the channel is used.
   */
  threadKey?: string;
  locale?: Locale;
  /**
   * Files that came with the message: name, MIME type, size in bytes, and — when stored within the channel's limits —
   * the `id` agents download it by (`GET /v1/agent/attachments/:id`); else `skipped` says why (`too_large`, `too_many`).
   */
  attachments?: InboundAttachment[];
  /** Channel data kept on the stored message's payload under `channel` (email subject and Message-ID, call id …). */
  meta?: Record<string, unknown>;
}

/** One file of an inbound message, as listed on the stored message's `payload.channel.attachments`. */
export interface InboundAttachment {
  name: string;
  contentType: string;
  size: number;
  id?: string;
  skipped?: 'too_large' | 'too_many';
}

/** Result of handing an inbound message to the service. */
export interface ReceiveResult {
  conversation: Conversation;
  customer: Customer;
  /** The bot's (or system's) replies produced by this message, in order; empty when a human owns the conversation. */
  replies: Message[];
  /** True when the same `messageId` was already stored (a protocol retry): nothing was written again. */
  duplicate: boolean;
}

/** What the rest of the service offers a channel adapter: store the message in the right conversation, run the turn. */
export interface ChannelGateway {
  receive(tenant: Tenant, message: InboundMessage): Promise<ReceiveResult>;
}

/** Everything an outbound adapter needs to send messages to one customer. */
export interface OutboundContext {
  tenant: Tenant;
  conversation: Conversation;
  customer: Customer;
  /** The tenant's configuration of this channel: settings plus opened secrets. */
  config: ChannelConfig;
}

/**
 * Sends stored messages (bot, agent, system, proactive) back through a channel, degrading rich content (quick replies,
 * cards, sources) to what the channel supports. Called from a job, so it may throw to be retried; it must be safe to call
 * twice for the same message (channels dedupe by message id where the protocol allows).
 */
export interface ChannelSender {
  kind: ChannelKind;
  /**
   * True when a turn's replies go back in the inbound request's own response (voice, webhook): the outbox then only
   * sends messages that were not produced by a customer message of this channel (agent replies, proactive messages).
   */
  repliesInline: boolean;
  deliver(context: OutboundContext, messages: Message[]): Promise<void>;
}

/** One tenant's configuration of one channel; `secrets` are stored sealed and never returned by the API. */
export interface ChannelConfig {
  tenantId: string;
  kind: ChannelKind;
  enabled: boolean;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  updatedAt: string;
}
