import type { ConversationState } from '../../engine/dialogue/types.ts';
import type { Locale, Tone } from '../../engine/types.ts';
import type { SqlExecutor } from './sql-client.ts';
import type { SupportSettingsInput } from '../tickets/support-settings.ts';

/** Storage records. Plain data with ISO time strings; the same shapes on every Store implementation. */

export type Role = 'admin' | 'supervisor' | 'agent';
export type Owner = 'bot' | 'queued' | 'human' | 'closed';
export type Author = 'customer' | 'bot' | 'agent' | 'system';
export type TicketKind = 'complaint' | 'repair';
export type TicketStatus = 'open' | 'in_progress' | 'resolved' | 'closed';

export interface BusinessHours {
  timeZone: string;
  /** Per weekday 0 (Sunday) … 6: [open, close] as 'HH:MM', or null when closed. */
  days: Array<[string, string] | null>;
}

export interface TenantSettings {
  packs: string[];
  locale: Locale;
  tone: Tone;
  personaName: string;
  /** Replaces the engine's greeting when set. */
  greeting: string | null;
  businessHours: BusinessHours | null;
  /** Secret for the widget identity HMAC (hex of HMAC-SHA256(secret, customerId)). */
  widgetSecret: string;
  enforceWidgetIdentity: boolean;
  /** Conversations not updated for this many days are purged (messages deleted, events anonymised); unset = kept. */
  retentionDays?: number | null;
  /** Web origins (scheme://host[:port]) where the widget may be embedded and call the widget HTTP API cross-origin. */
  allowedOrigins?: string[];
  /** Agent operations (issue 21): holidays, SLA policies, ticket types, out-of-hours handoff; defaults when absent (src/service/tickets/support-settings.ts). */
  support?: SupportSettingsInput;
  /**
   * Issue 20 item 3: a customer found from what they typed (phone, e-mail, name) is bound only after a one-time code;
   * a phone number alone unlocks no account data and no write. Customers verified by the widget HMAC are not asked.
   */
  requireVerifiedIdentity?: boolean;
}

export interface Tenant {
  id: string;
  name: string;
  widgetKey: string;
  settings: TenantSettings;
  /** Moves on with every change of the tenant's knowledge or training phrases; engines rebuild when it does (issue 10). */
  contentVersion: number;
  createdAt: string;
}

export interface User {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
}

export interface ApiKey {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  keyHash: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface Customer {
  id: string;
  tenantId: string;
  externalId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  attributes: Record<string, unknown>;
  identities: Array<{ kind: string; value: string }>;
  createdAt: string;
  updatedAt: string;
}

export interface Conversation {
  id: string;
  tenantId: string;
  customerId: string;
  owner: Owner;
  assigneeId: string | null;
  pack: string;
  /** Where the customer writes from: widget, wechat, wecom, email, webhook, voice (issue 13). Replies go back through it. */
  channel: string;
  locale: Locale;
  sentiment: string | null;
  priority: number;
  lastSeq: number;
  resolution: string | null;
  engineState: ConversationState;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface Message {
  id: string;
  tenantId: string;
  conversationId: string;
  seq: number;
  clientId: string | null;
  author: Author;
  authorId: string | null;
  text: string;
  /** Reply structure (quick replies, cards, sources, awaiting, intent, confidence) or, on customer messages, the engine's understanding. */
  payload: Record<string, unknown>;
  createdAt: string;
}

export interface StoredEvent {
  id: string;
  tenantId: string;
  conversationId: string | null;
  customerId: string | null;
  type: string;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface Note {
  id: string;
  tenantId: string;
  conversationId: string;
  authorId: string;
  text: string;
  createdAt: string;
}

export interface Ticket {
  id: string;
  tenantId: string;
  conversationId: string | null;
  customerId: string | null;
  kind: TicketKind;
  status: TicketStatus;
  subject: string;
  details: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface KnowledgeArticle {
  id: string;
  tenantId: string;
  title: string;
  body: string;
  locale: Locale;
  tags: string[];
  /** Other ways customers ask this article's question (besides the title). */
  questions: string[];
  /** Drafts (a promoted agent reply) do not answer customers until approved. */
  status: 'draft' | 'published';
  createdAt: string;
  updatedAt: string;
}

/** A training phrase a tenant added to one of its packs' intents. */
export interface IntentPhrase {
  id: string;
  tenantId: string;
  intent: string;
  text: string;
  locale: Locale;
  createdBy: string | null;
  createdAt: string;
}

/** What a tenant adds to its packs: published articles and training phrases, at one content version. */
export interface TenantContent {
  version: number;
  articles: KnowledgeArticle[];
  phrases: IntentPhrase[];
}

/** A customer question the bot could not answer (fallback, clarification, handoff), not yet covered by a fix. */
export interface GapCandidate {
  messageId: string;
  conversationId: string;
  text: string;
  locale: Locale;
  outcome: string;
  intent: string | null;
  confidence: number | null;
  createdAt: string;
}

export type GapAction = 'answer' | 'agent_reply' | 'phrases';

export interface GapResolution {
  id: string;
  tenantId: string;
  action: GapAction;
  status: 'pending' | 'approved';
  /** Article id (answer, agent_reply) or intent (phrases). */
  target: string;
  messageIds: string[];
  createdBy: string | null;
  createdAt: string;
  approvedAt: string | null;
}

/** A regression conversation test of the tenant (the `*.conv.yaml` shape, as JSON). */
export interface TenantTest {
  id: string;
  tenantId: string;
  name: string;
  spec: Record<string, unknown>;
  resolutionId: string | null;
  createdAt: string;
}

export interface Webhook {
  id: string;
  tenantId: string;
  url: string;
  secret: string;
  /** Event types to deliver; empty means all. */
  events: string[];
  active: boolean;
  createdAt: string;
}

/** One row of the audit log: who did what to which record (ids only, no personal data). */
export interface AuditEntry {
  id: string;
  tenantId: string;
  actorKind: 'user' | 'api_key' | 'system';
  actorId: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

/**
 * An audit row to append. State-changing Store methods that take one (`audit`) write it in the same transaction as the
 * change, so that a recorded action and its audit row commit or roll back together (issue 12).
 */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'createdAt' | 'data'> & { data?: Record<string, unknown> };

/** What an erasure or a retention purge removed. */
export interface PurgeResult {
  customers: number;
  conversations: number;
  messages: number;
  /** Events kept as anonymous aggregates (customer and conversation ids replaced, data emptied). */
  anonymisedEvents: number;
}

export interface NewMessage {
  id: string;
  clientId?: string | null;
  author: Author;
  authorId?: string | null;
  text: string;
  payload?: Record<string, unknown>;
}

export interface NewEvent {
  type: string;
  data?: Record<string, unknown>;
  customerId?: string | null;
}

export interface ConversationPatch {
  owner?: Owner;
  assigneeId?: string | null;
  sentiment?: string | null;
  priority?: number;
  locale?: Locale;
  resolution?: string | null;
  engineState?: ConversationState;
}

/** One atomic change to a conversation: messages appended with the next sequence numbers, the row patched, events logged. */
export interface CommitInput {
  tenantId: string;
  conversationId: string;
  /** Optimistic check: fail with `conflict` when another writer moved the conversation on since it was read. */
  expectedLastSeq?: number;
  /** When a message with this client id already exists, nothing is written and it is returned as `duplicate`. */
  clientId?: string;
  messages: NewMessage[];
  patch?: ConversationPatch;
  events?: NewEvent[];
  /** Condition on the current owner, e.g. the bot may only answer when it still owns the conversation. */
  requireOwner?: Owner[];
  /**
   * More writes in the same transaction, run only when the turn commits (not for a duplicate or a failed check); a throw
   * rolls the turn back too. The pack backends' writes of the turn (issue 20) use it.
   */
  alsoOnCommit?: (tx: SqlExecutor) => Promise<void>;
}

export type CommitResult =
  | { status: 'committed'; conversation: Conversation; messages: Message[]; events: StoredEvent[] }
  | { status: 'duplicate'; conversation: Conversation; message: Message };

export interface ConversationFilter {
  owner?: Owner;
  assigneeId?: string | null;
  /** Only conversations without an assignee. */
  unassigned?: boolean;
  pack?: string;
  sentiment?: string;
  customerId?: string;
  channel?: string;
  limit?: number;
}

/**
 * Durable storage of the service. Every read and write names its tenant: an id from another tenant
 * behaves exactly like an id that does not exist (null / not_found), which is what tenant isolation rests on.
 */
export interface Store {
  readonly kind: 'pglite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Instance-wide value set once (e.g. the generated token secret): returns the stored value, inserting `value` if absent. */
  ensureSystemValue(key: string, value: string): Promise<string>;

  createTenant(input: { id: string; name: string; widgetKey: string; settings: TenantSettings }): Promise<Tenant>;
  getTenant(id: string): Promise<Tenant | null>;
  getTenantByWidgetKey(widgetKey: string): Promise<Tenant | null>;
  countTenants(): Promise<number>;
  listTenants(): Promise<Tenant[]>;
  updateTenantSettings(id: string, settings: TenantSettings, audit?: NewAuditEntry): Promise<Tenant>;

  createUser(input: Omit<User, 'createdAt'>, audit?: NewAuditEntry): Promise<User>;
  getUser(tenantId: string, id: string): Promise<User | null>;
  getUserByEmail(email: string): Promise<User | null>;
  listUsers(tenantId: string): Promise<User[]>;

  createApiKey(input: Omit<ApiKey, 'createdAt' | 'revokedAt'>, audit?: NewAuditEntry): Promise<ApiKey>;
  getApiKeyByHash(keyHash: string): Promise<ApiKey | null>;

  /** Creates or updates the customer with this external id; identities are added, attributes merged. */
  upsertCustomer(input: { id: string; tenantId: string; externalId: string; name?: string | null; email?: string | null; phone?: string | null; attributes?: Record<string, unknown>; identities?: Array<{ kind: string; value: string }> }): Promise<Customer>;
  getCustomer(tenantId: string, id: string): Promise<Customer | null>;
  getCustomerByExternalId(tenantId: string, externalId: string): Promise<Customer | null>;
  findCustomerByIdentity(tenantId: string, kind: string, value: string): Promise<Customer | null>;
  listCustomers(tenantId: string, limit?: number): Promise<Customer[]>;

  /** Creates the conversation with its first messages (the greeting) as seq 1…n. */
  createConversation(input: { id: string; tenantId: string; customerId: string; pack: string; channel?: string; locale: Locale; engineState: ConversationState; messages: NewMessage[]; events?: NewEvent[] }): Promise<{ conversation: Conversation; messages: Message[] }>;
  getConversation(tenantId: string, id: string): Promise<Conversation | null>;
  listConversations(tenantId: string, filter?: ConversationFilter): Promise<Conversation[]>;
  /** Atomic append + patch + events; see {@link CommitInput}. Throws LingxiError `not_found` / `conflict`. */
  commit(input: CommitInput): Promise<CommitResult>;
  listMessages(tenantId: string, conversationId: string, options?: { afterSeq?: number; limit?: number }): Promise<Message[]>;
  getMessageByClientId(tenantId: string, conversationId: string, clientId: string): Promise<Message | null>;
  /** Events of one conversation, or the tenant's events without a conversation (e.g. order.shipped) when conversationId is null. */
  listEvents(tenantId: string, conversationId: string | null, limit?: number): Promise<StoredEvent[]>;
  appendEvent(tenantId: string, event: NewEvent & { conversationId?: string | null }): Promise<StoredEvent>;
  countByOwner(): Promise<Record<Owner, number>>;

  addNote(input: Omit<Note, 'createdAt'>): Promise<Note>;
  listNotes(tenantId: string, conversationId: string): Promise<Note[]>;

  createTicket(input: Omit<Ticket, 'createdAt' | 'updatedAt'>): Promise<Ticket>;
  listTickets(tenantId: string, filter?: { status?: TicketStatus; conversationId?: string }): Promise<Ticket[]>;
  updateTicket(tenantId: string, id: string, patch: { status?: TicketStatus; details?: Record<string, unknown> }): Promise<Ticket | null>;

  createArticle(input: Omit<KnowledgeArticle, 'createdAt' | 'updatedAt' | 'questions' | 'status'> & Partial<Pick<KnowledgeArticle, 'questions' | 'status'>>): Promise<KnowledgeArticle>;
  getArticle(tenantId: string, id: string): Promise<KnowledgeArticle | null>;
  listArticles(tenantId: string): Promise<KnowledgeArticle[]>;
  updateArticle(tenantId: string, id: string, patch: Partial<Pick<KnowledgeArticle, 'title' | 'body' | 'locale' | 'tags' | 'questions' | 'status'>>): Promise<KnowledgeArticle | null>;
  deleteArticle(tenantId: string, id: string): Promise<boolean>;

  // The learning loop (issue 10). Every change of articles or phrases moves the tenant's contentVersion on.
  /** Published articles and phrases of the tenant, with the version they make up. */
  tenantContent(tenantId: string): Promise<TenantContent>;
  addIntentPhrases(tenantId: string, phrases: Array<Pick<IntentPhrase, 'id' | 'intent' | 'text' | 'locale' | 'createdBy'>>): Promise<IntentPhrase[]>;
  listIntentPhrases(tenantId: string): Promise<IntentPhrase[]>;
  deleteIntentPhrase(tenantId: string, id: string): Promise<boolean>;
  /** Customer questions the bot could not answer since `since`, newest first, without those a fix already covers. */
  listGapCandidates(tenantId: string, options: { since: string; limit?: number }): Promise<GapCandidate[]>;
  getGapCandidates(tenantId: string, messageIds: string[]): Promise<GapCandidate[]>;
  /** Records a fix; an approved one takes its questions off the open gaps and stores its regression test, in one transaction. */
  recordGapResolution(input: Omit<GapResolution, 'createdAt' | 'approvedAt'> & { tests?: Array<Pick<TenantTest, 'id' | 'name' | 'spec'>> }): Promise<GapResolution>;
  /** Approves a pending fix (a promoted agent reply), with its regression test. Null when there is no pending fix of that id. */
  approveGapResolution(tenantId: string, id: string, tests: Array<Pick<TenantTest, 'id' | 'name' | 'spec'>>): Promise<GapResolution | null>;
  findPendingResolution(tenantId: string, target: string): Promise<GapResolution | null>;
  listGapResolutions(tenantId: string, options: { since: string }): Promise<GapResolution[]>;
  listTenantTests(tenantId: string): Promise<TenantTest[]>;
  /**
   * Counts for the weekly digest over [from, to): customer messages, gap questions and approved fixes. Conversation
   * numbers and containment come from analytics (one definition, issue 28).
   */
  learningCounts(tenantId: string, from: string, to: string): Promise<{ customerMessages: number; gapQuestions: number; fixes: number }>;

  /** Appends to the audit log (issue 12). */
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  listAudit(tenantId: string, options?: { limit?: number; action?: string; beforeId?: string }): Promise<AuditEntry[]>;
  /**
   * Right to erasure: removes the customer's profile, identities, conversations, messages, notes and tickets in one
   * transaction; their events stay as anonymous aggregates (ids replaced by `erased`, data emptied). Null when unknown.
   * `audit` is written in that transaction, with the counts removed added to its data.
   */
  eraseCustomer(tenantId: string, customerId: string, audit?: NewAuditEntry): Promise<PurgeResult | null>;
  /** Retention: removes conversations (and their messages and notes) last updated before `cutoff`; events anonymised. */
  purgeConversationsBefore(tenantId: string, cutoff: string): Promise<PurgeResult>;

  createWebhook(input: Omit<Webhook, 'createdAt'>): Promise<Webhook>;
  listWebhooks(tenantId: string): Promise<Webhook[]>;
  deleteWebhook(tenantId: string, id: string): Promise<boolean>;
}
