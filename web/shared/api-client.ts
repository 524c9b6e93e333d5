import type { PackInfo, Article, Conversation, Customer, CustomerRecords, KnowledgeHits, Message, Note, StoredEvent, TenantSettings, TenantSettingsView, Ticket, TicketComment, User, Webhook, LlmSettingsChanges, LlmSettingsView, LlmTestResult } from './api-types.ts';

/** An API error with the service's code and its how-to-fix message. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export type Queue = 'unassigned' | 'mine' | 'all';
export interface ConversationFilters { queue: Queue; status?: Conversation['owner']; pack?: string; sentiment?: 'positive' | 'neutral' | 'negative' }
export interface ConversationDetail { conversation: Conversation; messages: Message[]; notes: Note[]; events: StoredEvent[]; customerName?: string | null }
type Action = Promise<{ conversation: Conversation; messages: Message[] }>;

/**
 * The one typed client the console and admin use (types inferred from the server's zod schemas). The token lives in
 * sessionStorage so that a reload keeps the agent signed in but closing the tab signs out.
 */
export function createApiClient(base = '') {
  let token = sessionStorage.getItem('lingxi:token') ?? '';
  const listeners = new Set<() => void>();
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(base + path, {
      method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (response.status === 401 && token) {
      token = '';
      sessionStorage.removeItem('lingxi:token');
      listeners.forEach((listener) => listener());
    }
    if (!response.ok) throw new ApiError(response.status, data.error ?? 'internal', data.message ?? response.statusText);
    return data as T;
  }
  const query = (params: Record<string, string | undefined>) => {
    const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => !!entry[1]));
    return search.size ? `?${search}` : '';
  };
  return {
    get token() { return token; },
    onSignedOut(listener: () => void) { listeners.add(listener); return () => listeners.delete(listener); },
    async login(email: string, password: string) {
      const result = await call<{ token: string; user: User; tenantId: string }>('POST', '/v1/agent/login', { email, password });
      token = result.token;
      sessionStorage.setItem('lingxi:token', token);
      return result;
    },
    logout() {
      token = '';
      sessionStorage.removeItem('lingxi:token');
      listeners.forEach((listener) => listener());
    },
    me: () => call<{ user: User; tenantId: string; tenantName: string }>('GET', '/v1/agent/me'),
    users: () => call<{ users: User[] }>('GET', '/v1/agent/users'),
    conversations: (filters: ConversationFilters) => call<{ conversations: Conversation[]; customerNames?: Record<string, string | null> }>('GET', `/v1/agent/conversations${query({ ...filters })}`),
    conversation: (id: string) => call<ConversationDetail>('GET', `/v1/agent/conversations/${encodeURIComponent(id)}`),
    takeOver: (id: string): Action => call('POST', `/v1/agent/conversations/${encodeURIComponent(id)}/take-over`, {}),
    reply: (id: string, text: string, clientId?: string): Action => call('POST', `/v1/agent/conversations/${encodeURIComponent(id)}/messages`, { text, clientId }),
    note: (id: string, text: string) => call<Note>('POST', `/v1/agent/conversations/${encodeURIComponent(id)}/notes`, { text }),
    transfer: (id: string, assigneeId: string): Action => call('POST', `/v1/agent/conversations/${encodeURIComponent(id)}/transfer`, { assigneeId }),
    handBack: (id: string): Action => call('POST', `/v1/agent/conversations/${encodeURIComponent(id)}/hand-back`, {}),
    close: (id: string, resolution: string): Action => call('POST', `/v1/agent/conversations/${encodeURIComponent(id)}/close`, { resolution }),
    customer: (id: string) => call<{ customer: Customer; conversations: Conversation[]; events: StoredEvent[] }>('GET', `/v1/agent/customers/${encodeURIComponent(id)}`),
    customerRecords: (id: string, locale?: 'zh' | 'en') => call<CustomerRecords>('GET', `/v1/agent/customers/${encodeURIComponent(id)}/records${query({ locale })}`),
    knowledgeHits: (id: string) => call<KnowledgeHits>('GET', `/v1/admin/knowledge/${encodeURIComponent(id)}/hits`),
    tickets: (conversationId?: string) => call<{ tickets: Ticket[] }>('GET', `/v1/agent/tickets${query({ conversationId })}`),
    /** Tickets for the console's ticket view (issue 21). */
    ticketList: (filters: { status?: string; assignee?: string; overdue?: 'true'; q?: string; limit?: string }) => call<{ tickets: Ticket[]; total: number }>('GET', `/v1/agent/tickets${query(filters)}`),
    ticket: (id: string) => call<{ ticket: Ticket; comments: TicketComment[]; conversations: Array<{ conversationId: string; linkedAt: string }> }>('GET', `/v1/agent/tickets/${encodeURIComponent(id)}`),
    updateTicket: (id: string, patch: Partial<Pick<Ticket, 'status' | 'priority' | 'assigneeId'>>) => call<Ticket>('PATCH', `/v1/agent/tickets/${encodeURIComponent(id)}`, patch),
    commentTicket: (id: string, body: string) => call<TicketComment>('POST', `/v1/agent/tickets/${encodeURIComponent(id)}/comments`, { body }),
    /** A customer's tickets, newest first (issue 21). */
    customerTickets: (customerId: string) => call<{ tickets: Ticket[]; total: number }>('GET', `/v1/agent/tickets${query({ customerId })}`),
    settings: () => call<TenantSettingsView>('GET', '/v1/agent/settings'),
    saveSettings: (settings: TenantSettings) => call<TenantSettingsView>('PUT', '/v1/agent/settings', settings),
    packs: () => call<{ packs: PackInfo[] }>('GET', '/v1/agent/packs').then((result) => result.packs),
    llmSettings: () => call<LlmSettingsView>('GET', '/v1/admin/llm'),
    saveLlmSettings: (changes: LlmSettingsChanges) => call<LlmSettingsView>('PUT', '/v1/admin/llm', changes),
    testLlm: (changes: LlmSettingsChanges = {}) => call<LlmTestResult>('POST', '/v1/admin/llm/test', changes),
    createUser: (user: { email: string; name: string; role: User['role']; password: string }) => call<User>('POST', '/v1/agent/users', user),
    createApiKey: (name: string) => call<{ id: string; name: string; key: string }>('POST', '/v1/agent/api-keys', { name }),
    articles: () => call<{ articles: Article[] }>('GET', '/v1/knowledge'),
    createArticle: (article: Pick<Article, 'title' | 'body' | 'locale' | 'tags'>) => call<Article>('POST', '/v1/knowledge', article),
    updateArticle: (id: string, article: Partial<Pick<Article, 'title' | 'body' | 'locale' | 'tags'>>) => call<Article>('PUT', `/v1/knowledge/${encodeURIComponent(id)}`, article),
    deleteArticle: (id: string) => call<{ deleted: true }>('DELETE', `/v1/knowledge/${encodeURIComponent(id)}`),
    webhooks: () => call<{ webhooks: Webhook[] }>('GET', '/v1/webhooks'),
    createWebhook: (url: string, events: string[]) => call<Webhook & { secret: string }>('POST', '/v1/webhooks', { url, events }),
    deleteWebhook: (id: string) => call<{ deleted: true }>('DELETE', `/v1/webhooks/${encodeURIComponent(id)}`),
    /** The agent live feed; reconnects with backoff until `close()`. */
    live(onEvent: (event: AgentLiveEvent) => void, onStatus: (online: boolean) => void): { close(): void } {
      let socket: WebSocket | null = null;
      let closed = false;
      let attempt = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const open = () => {
        if (closed || !token) return;
        const url = `${(base || location.origin).replace(/^http/, 'ws')}/v1/agent/ws?token=${encodeURIComponent(token)}`;
        const current = new WebSocket(url);
        socket = current;
        current.onopen = () => ((attempt = 0), onStatus(true));
        current.onmessage = (event) => {
          try {
            onEvent(JSON.parse(String(event.data)) as AgentLiveEvent);
          } catch { /* not JSON: ignore */ }
        };
        current.onclose = () => {
          onStatus(false);
          if (!closed && socket === current) timer = setTimeout(open, Math.min(10_000, 500 * 2 ** attempt++));
        };
      };
      open();
      return { close: () => ((closed = true), clearTimeout(timer), socket?.close()) };
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Frames of GET /v1/agent/ws. */
export type AgentLiveEvent =
  | { type: 'message'; conversationId?: string; message: Message }
  | { type: 'conversation'; conversation: Conversation }
  | { type: 'note'; conversationId?: string; note: Note }
  | { type: 'typing'; conversationId: string; author: string; on: boolean }
  | { type: 'alert'; conversationId: string; reason: string; polarity: number }
  | { type: 'ticket'; change: 'created' | 'updated' | 'commented'; ticket: Ticket }
  | { type: 'pong' | 'welcome' };
