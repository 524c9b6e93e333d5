import type { ApiKey, Conversation, Customer, KnowledgeArticle, Message, Note, StoredEvent, Tenant, Ticket, User, Webhook } from './store.ts';

/** Row → record mappers shared by the SQL store (snake_case columns → camelCase, times → ISO strings). */
type Row = Record<string, unknown>;

export const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());
const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : iso(value));
export const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export const toTenant = (row: Row): Tenant => ({
  id: row.id as string, name: row.name as string, widgetKey: row.widget_key as string,
  settings: json(row.settings), contentVersion: Number(row.content_version ?? 0), createdAt: iso(row.created_at),
});

export const toUser = (row: Row): User => ({
  id: row.id as string, tenantId: row.tenant_id as string, email: row.email as string, name: row.name as string,
  role: row.role as User['role'], passwordHash: row.password_hash as string, createdAt: iso(row.created_at),
});

export const toApiKey = (row: Row): ApiKey => ({
  id: row.id as string, tenantId: row.tenant_id as string, name: row.name as string, prefix: row.prefix as string,
  keyHash: row.key_hash as string, createdAt: iso(row.created_at), revokedAt: isoOrNull(row.revoked_at),
});

export const toCustomer = (row: Row, identities: Array<{ kind: string; value: string }>): Customer => ({
  id: row.id as string, tenantId: row.tenant_id as string, externalId: row.external_id as string,
  name: (row.name as string) ?? null, email: (row.email as string) ?? null, phone: (row.phone as string) ?? null,
  attributes: json(row.attributes), identities, createdAt: iso(row.created_at), updatedAt: iso(row.updated_at),
});

export const toConversation = (row: Row): Conversation => ({
  id: row.id as string, tenantId: row.tenant_id as string, customerId: row.customer_id as string,
  owner: row.owner as Conversation['owner'], assigneeId: (row.assignee_id as string) ?? null, pack: row.pack as string, channel: (row.channel as string) ?? 'widget',
  locale: row.locale as Conversation['locale'], sentiment: (row.sentiment as string) ?? null, priority: Number(row.priority),
  lastSeq: Number(row.last_seq), resolution: (row.resolution as string) ?? null, engineState: json(row.engine_state),
  createdAt: iso(row.created_at), updatedAt: iso(row.updated_at), closedAt: isoOrNull(row.closed_at),
});

export const toMessage = (row: Row): Message => ({
  id: row.id as string, tenantId: row.tenant_id as string, conversationId: row.conversation_id as string,
  seq: Number(row.seq), clientId: (row.client_id as string) ?? null, author: row.author as Message['author'],
  authorId: (row.author_id as string) ?? null, text: row.text as string, payload: json(row.payload), createdAt: iso(row.created_at),
});

export const toEvent = (row: Row): StoredEvent => ({
  id: String(row.id), tenantId: row.tenant_id as string, conversationId: (row.conversation_id as string) ?? null,
  customerId: (row.customer_id as string) ?? null, type: row.type as string, data: json(row.data), createdAt: iso(row.created_at),
});

export const toNote = (row: Row): Note => ({
  id: row.id as string, tenantId: row.tenant_id as string, conversationId: row.conversation_id as string,
  authorId: row.author_id as string, text: row.text as string, createdAt: iso(row.created_at),
});

export const toTicket = (row: Row): Ticket => ({
  id: row.id as string, tenantId: row.tenant_id as string, conversationId: (row.conversation_id as string) ?? null,
  customerId: (row.customer_id as string) ?? null, kind: row.kind as Ticket['kind'], status: row.status as Ticket['status'],
  subject: row.subject as string, details: json(row.details), createdAt: iso(row.created_at), updatedAt: iso(row.updated_at),
});

export const toArticle = (row: Row): KnowledgeArticle => ({
  id: row.id as string, tenantId: row.tenant_id as string, title: row.title as string, body: row.body as string,
  locale: row.locale as KnowledgeArticle['locale'], tags: json(row.tags), questions: json(row.questions ?? '[]'),
  status: (row.status as KnowledgeArticle['status']) ?? 'published', createdAt: iso(row.created_at), updatedAt: iso(row.updated_at),
});

export const toWebhook = (row: Row): Webhook => ({
  id: row.id as string, tenantId: row.tenant_id as string, url: row.url as string, secret: row.secret as string,
  events: json(row.events), active: Boolean(row.active), createdAt: iso(row.created_at),
});
