import type { z } from 'zod';
import type {
  articleSchema, conversationSchema, customerSchema, eventSchema, messageSchema, noteSchema, userSchema, webhookSchema,
} from '../../src/service/http/schemas.ts';
import type { WidgetServerFrame } from '../../src/service/http/routes/widget-protocol.ts';
import type { customerRecordSchema } from '../../src/service/http/routes/pack-records.ts';
import type { knowledgeHitSchema } from '../../src/service/http/routes/knowledge-hits-http.ts';
import type { ticketView, commentView } from '../../src/service/tickets/tickets-http.ts';
import type { contactView } from '../../src/service/contacts/contacts-http.ts';
import type { Card, QuickReply, Source } from '../../src/engine/dialogue/types.ts';

/**
 * Types of the public API, inferred from the server's zod schemas (the same ones the OpenAPI document is generated
 * from), so the browser apps break at compile time when the API changes. Type-only imports: nothing of the server is
 * bundled.
 */
export type Message = z.infer<typeof messageSchema>;
export type Conversation = z.infer<typeof conversationSchema>;
export type Customer = z.infer<typeof customerSchema>;
export type StoredEvent = z.infer<typeof eventSchema>;
export type Note = z.infer<typeof noteSchema>;
export type User = z.infer<typeof userSchema>;
export type Article = z.infer<typeof articleSchema>;
/** A ticket of the tickets module (issue 21); `kind` repeats `type` for the first ticket API. */
export type Ticket = z.infer<typeof ticketView>;
export type TicketComment = z.infer<typeof commentView>;
/** A contact (customer) with the verified flag, tags, display name and counts (GET /v1/agent/contacts). */
export type Contact = z.infer<typeof contactView>;
export type Webhook = z.infer<typeof webhookSchema>;
/** An order, booking, shipment … of the customer in a pack backend (GET /v1/agent/customers/:id/records). */
export type CustomerRecord = z.infer<typeof customerRecordSchema>;
export interface CustomerRecords { matches: Array<{ pack: string; customerId: string; matchedBy: 'id' | 'email' | 'phone' }>; records: CustomerRecord[] }
/** A customer question answered with a knowledge article (GET /v1/admin/knowledge/:id/hits). */
export type KnowledgeHit = z.infer<typeof knowledgeHitSchema>;
export interface KnowledgeHits { articleId: string; count: number; scannedConversations: number; hits: KnowledgeHit[] }
/** Mirrors tenantSettingsSchema in src/service/http/routes/admin-http.ts (that module pulls in server code, so it is not imported). */
export interface TenantSettings {
  packs: string[];
  locale: 'zh' | 'en';
  tone: 'neutral' | 'warm' | 'apologetic' | 'concise';
  personaName: string;
  greeting: string | null;
  businessHours: { timeZone: string; days: Array<[string, string] | null> } | null;
  enforceWidgetIdentity: boolean;
  /** Sites (scheme://host[:port]) allowed to call the widget API cross-origin. */
  allowedOrigins?: string[];
}
export type TenantSettingsView = TenantSettings & { widgetKey: string; widgetSecret: string };
/** An installed industry pack (GET /v1/agent/packs). */
export interface PackInfo { name: string; description: { zh: string; en: string } }
/** LLM mode of the tenant (GET/PUT /v1/admin/llm): the API key is write-only, shown as `hasApiKey` and a 4-character hint. */
export interface LlmSettingsView {
  enabled: boolean; preset: string; baseUrl: string; model: string; temperature: number; timeoutMs: number; maxTokensPerConversation: number;
  privacyMode: 'standard' | 'strict'; hasApiKey: boolean; apiKeyHint: string | null; updatedAt: string | null;
  presets: Array<{ name: string; label: string; baseUrl: string; model: string; local: boolean }>;
  /** The server-wide model, if any; `answering` while this tenant has no settings of its own. */
  serverDefault: { answering: boolean; preset: string; baseUrl: string; model: string; privacyMode: 'standard' | 'strict' } | null;
}
export type LlmSettingsChanges = Partial<Omit<LlmSettingsView, 'hasApiKey' | 'apiKeyHint' | 'updatedAt' | 'presets' | 'serverDefault'>> & { apiKey?: string | null };
export interface LlmTestResult { ok: boolean; latencyMs: number; model: string; error: string | null }
export type Owner = Conversation['owner'];
export type WidgetServerFrameType = WidgetServerFrame;
export type { Card, QuickReply, Source };

/** What a bot message carries in `payload` (see src/service/conversation/reply-messages.ts). */
export interface BotPayload {
  persona?: string;
  locale?: 'zh' | 'en';
  quickReplies?: QuickReply[];
  cards?: Card[];
  sources?: Source[];
  awaiting?: string | null;
  intent?: string | null;
  confidence?: number | null;
  handoff?: { reason: string; summary: string };
}

/** The engine's reading of a customer message (`payload.understanding`). */
export interface Understanding {
  intent: string | null;
  confidence: number;
  status?: string;
  entities?: Array<{ type: string; value: string; text: string }>;
  sentiment?: { polarity: number; label: string; emotion?: string; urgency?: number };
}

/** Reads the structured parts of a message's payload without trusting their shape. */
export function botPayload(message: Pick<Message, 'payload'>): BotPayload {
  return (message.payload ?? {}) as BotPayload;
}
export function understandingOf(message: Pick<Message, 'payload'>): Understanding | null {
  const value = (message.payload as { understanding?: unknown }).understanding;
  return value && typeof value === 'object' ? (value as Understanding) : null;
}
