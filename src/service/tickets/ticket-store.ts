import type { SqlExecutor } from '../storage/sql-client.ts';
import type { TicketPriority } from './support-settings.ts';

export const TICKET_STATUSES = ['open', 'pending_customer', 'pending_internal', 'solved', 'closed'] as const;
export type TicketState = (typeof TICKET_STATUSES)[number];
export type TicketSource = 'bot' | 'agent' | 'api' | 'system';

/** A ticket (工单) as the tickets module sees it. `kind` repeats `type` for callers of the first ticket API. */
export interface TicketRecord {
  id: string;
  tenantId: string;
  type: string;
  kind: string;
  status: TicketState;
  priority: TicketPriority;
  subject: string;
  details: Record<string, unknown>;
  conversationId: string | null;
  customerId: string | null;
  assigneeId: string | null;
  team: string | null;
  source: TicketSource;
  createdBy: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstRespondedAt: string | null;
  solvedAt: string | null;
  /** Which SLA target has passed unmet at read time, if any. */
  breached: 'first_response' | 'resolution' | null;
  createdAt: string;
  updatedAt: string;
}

export interface TicketComment {
  id: string;
  ticketId: string;
  authorKind: 'user' | 'system';
  authorId: string | null;
  body: string;
  createdAt: string;
}

export interface NewTicket {
  id: string;
  tenantId: string;
  type: string;
  status: TicketState;
  priority: TicketPriority;
  subject: string;
  details: Record<string, unknown>;
  conversationId: string | null;
  customerId: string | null;
  assigneeId: string | null;
  team: string | null;
  source: TicketSource;
  createdBy: string | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

export interface TicketFilter {
  status?: TicketState[];
  assigneeId?: string;
  /** Only tickets nobody is assigned. */
  unassigned?: boolean;
  team?: string;
  type?: string;
  customerId?: string;
  conversationId?: string;
  /** Only tickets past an unmet SLA target. */
  overdue?: boolean;
  /** Words in the subject, or the ticket id. */
  search?: string;
  limit?: number;
  offset?: number;
}

export interface TicketPatch {
  status?: TicketState;
  priority?: TicketPriority;
  type?: string;
  subject?: string;
  assigneeId?: string | null;
  team?: string | null;
  details?: Record<string, unknown>;
  firstRespondedAt?: Date;
  solvedAt?: Date | null;
  firstResponseDueAt?: Date;
  resolutionDueAt?: Date;
}

type Row = Record<string, unknown>;
const iso = (value: unknown): string | null => (value == null ? null : new Date(value as string).toISOString());
/** Rows of the first ticket API keep their statuses; this module speaks the new ones. */
const LEGACY_STATUS: Record<string, TicketState> = { in_progress: 'pending_internal', resolved: 'solved' };

function toTicket(row: Row, now: Date): TicketRecord {
  const status = LEGACY_STATUS[row.status as string] ?? (row.status as TicketState);
  const active = status !== 'solved' && status !== 'closed';
  const past = (value: unknown) => value != null && new Date(value as string) < now;
  const breached = !active ? null : row.first_responded_at == null && past(row.first_response_due_at) ? 'first_response' : past(row.resolution_due_at) ? 'resolution' : null;
  return {
    id: row.id as string, tenantId: row.tenant_id as string, type: row.kind as string, kind: row.kind as string, status,
    priority: row.priority as TicketPriority, subject: row.subject as string, details: (row.details as Record<string, unknown>) ?? {},
    conversationId: (row.conversation_id as string) ?? null, customerId: (row.customer_id as string) ?? null,
    assigneeId: (row.assignee_id as string) ?? null, team: (row.team as string) ?? null, source: row.source as TicketSource, createdBy: (row.created_by as string) ?? null,
    firstResponseDueAt: iso(row.first_response_due_at), resolutionDueAt: iso(row.resolution_due_at),
    firstRespondedAt: iso(row.first_responded_at), solvedAt: iso(row.solved_at), breached,
    createdAt: iso(row.created_at)!, updatedAt: iso(row.updated_at)!,
  };
}

const toComment = (row: Row): TicketComment => ({
  id: row.id as string, ticketId: row.ticket_id as string, authorKind: row.author_kind as TicketComment['authorKind'],
  authorId: (row.author_id as string) ?? null, body: row.body as string, createdAt: iso(row.created_at)!,
});

/** Legacy statuses a filter on the new ones also matches. */
const withLegacy = (statuses: TicketState[]): string[] => [...statuses, ...Object.entries(LEGACY_STATUS).filter(([, state]) => statuses.includes(state)).map(([legacy]) => legacy)];

const OVERDUE_SQL = `status NOT IN ('solved', 'resolved', 'closed')
  AND ((first_responded_at IS NULL AND first_response_due_at < $2) OR resolution_due_at < $2)`;

/**
 * The tickets module's tables (018-tickets.sql) over any SQL executor: tickets, their comment thread and linked
 * conversations. Every query is parameterised and scoped by tenant. `now` decides what is overdue.
 */
export function createTicketStore(sql: SqlExecutor, now: () => Date = () => new Date()) {
  return {
    async insert(input: NewTicket, tx: SqlExecutor = sql): Promise<TicketRecord> {
      const [row] = await tx.query(
        `INSERT INTO tickets (id, tenant_id, conversation_id, customer_id, kind, status, subject, details, priority, assignee_id, team, source, created_by, first_response_due_at, resolution_due_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING *`,
        [input.id, input.tenantId, input.conversationId, input.customerId, input.type, input.status, input.subject, JSON.stringify(input.details), input.priority,
          input.assigneeId, input.team, input.source, input.createdBy, input.firstResponseDueAt?.toISOString() ?? null, input.resolutionDueAt?.toISOString() ?? null, now().toISOString()],
      );
      if (input.conversationId) await this.link(input.tenantId, input.id, input.conversationId, tx);
      return toTicket(row, now());
    },

    async get(tenantId: string, id: string): Promise<TicketRecord | null> {
      const [row] = await sql.query('SELECT * FROM tickets WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
      return row ? toTicket(row, now()) : null;
    },

    /** Newest first, with the total matching count for paging. */
    async list(tenantId: string, filter: TicketFilter = {}): Promise<{ tickets: TicketRecord[]; total: number }> {
      const at = now();
      const params: unknown[] = [tenantId, at.toISOString()];
      const where = ['tenant_id = $1'];
      const add = (clause: (index: string) => string, value: unknown) => {
        params.push(value);
        where.push(clause(`$${params.length}`));
      };
      if (filter.status?.length) add((p) => `status = ANY(${p}::text[])`, withLegacy(filter.status));
      if (filter.assigneeId) add((p) => `assignee_id = ${p}`, filter.assigneeId);
      if (filter.unassigned) where.push('assignee_id IS NULL');
      if (filter.team) add((p) => `team = ${p}`, filter.team);
      if (filter.type) add((p) => `kind = ${p}`, filter.type);
      if (filter.customerId) add((p) => `customer_id = ${p}`, filter.customerId);
      if (filter.conversationId) add((p) => `(conversation_id = ${p} OR id IN (SELECT ticket_id FROM ticket_conversations WHERE tenant_id = $1 AND conversation_id = ${p}))`, filter.conversationId);
      if (filter.search) add((p) => `(strpos(lower(subject), lower(${p})) > 0 OR id = ${p})`, filter.search);
      if (filter.overdue) where.push(`(${OVERDUE_SQL})`);
      const clause = where.join(' AND ');
      const [{ total }] = await sql.query<{ total: number }>(`SELECT count(*)::int AS total FROM tickets WHERE ${clause} AND $2::timestamptz IS NOT NULL`, params);
      const rows = await sql.query(`SELECT * FROM tickets WHERE ${clause} AND $2::timestamptz IS NOT NULL ORDER BY created_at DESC, id LIMIT ${Math.min(filter.limit ?? 50, 200)} OFFSET ${Math.max(0, filter.offset ?? 0)}`, params);
      return { tickets: rows.map((row) => toTicket(row, at)), total: Number(total) };
    },

    async update(tenantId: string, id: string, patch: TicketPatch): Promise<TicketRecord | null> {
      const sets: string[] = [];
      const params: unknown[] = [tenantId, id];
      const set = (column: string, value: unknown, cast = '') => {
        params.push(value);
        sets.push(`${column} = $${params.length}${cast}`);
      };
      if (patch.status !== undefined) set('status', patch.status);
      if (patch.priority !== undefined) set('priority', patch.priority);
      if (patch.type !== undefined) set('kind', patch.type);
      if (patch.subject !== undefined) set('subject', patch.subject);
      if (patch.assigneeId !== undefined) set('assignee_id', patch.assigneeId);
      if (patch.team !== undefined) set('team', patch.team);
      if (patch.firstResponseDueAt) set('first_response_due_at', patch.firstResponseDueAt.toISOString());
      if (patch.resolutionDueAt) set('resolution_due_at', patch.resolutionDueAt.toISOString());
      if (patch.solvedAt !== undefined) set('solved_at', patch.solvedAt?.toISOString() ?? null);
      if (patch.details) {
        params.push(JSON.stringify(patch.details));
        sets.push(`details = details || $${params.length}::jsonb`);
      }
      if (patch.firstRespondedAt) {
        params.push(patch.firstRespondedAt.toISOString());
        sets.push(`first_responded_at = COALESCE(first_responded_at, $${params.length})`);
      }
      const [row] = await sql.query(`UPDATE tickets SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE tenant_id = $1 AND id = $2 RETURNING *`, params);
      return row ? toTicket(row, now()) : null;
    },

    async addComment(input: { id: string; tenantId: string; ticketId: string; authorKind: TicketComment['authorKind']; authorId: string | null; body: string }, tx: SqlExecutor = sql): Promise<TicketComment> {
      const [row] = await tx.query('INSERT INTO ticket_comments (id, tenant_id, ticket_id, author_kind, author_id, body) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
        [input.id, input.tenantId, input.ticketId, input.authorKind, input.authorId, input.body]);
      await tx.query('UPDATE tickets SET updated_at = now() WHERE tenant_id = $1 AND id = $2', [input.tenantId, input.ticketId]);
      return toComment(row);
    },

    async comments(tenantId: string, ticketId: string): Promise<TicketComment[]> {
      return (await sql.query('SELECT * FROM ticket_comments WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY created_at, id', [tenantId, ticketId])).map(toComment);
    },

    /** Links a conversation of the same tenant (a no-op when already linked or when the conversation is another tenant's). */
    async link(tenantId: string, ticketId: string, conversationId: string, tx: SqlExecutor = sql): Promise<void> {
      await tx.query(`INSERT INTO ticket_conversations (tenant_id, ticket_id, conversation_id)
        SELECT $1, $2, id FROM conversations WHERE tenant_id = $1 AND id = $3 ON CONFLICT DO NOTHING`, [tenantId, ticketId, conversationId]);
    },

    async conversations(tenantId: string, ticketId: string): Promise<Array<{ conversationId: string; linkedAt: string }>> {
      const rows = await sql.query('SELECT conversation_id, linked_at FROM ticket_conversations WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY linked_at', [tenantId, ticketId]);
      return rows.map((row) => ({ conversationId: row.conversation_id as string, linkedAt: iso(row.linked_at)! }));
    },

    /** The newest ticket of this type linked to the conversation that is not solved or closed (so a retried turn files once). */
    async openForConversation(tenantId: string, conversationId: string, type: string): Promise<TicketRecord | null> {
      const [row] = await sql.query(`SELECT t.* FROM tickets t JOIN ticket_conversations l ON l.ticket_id = t.id
        WHERE t.tenant_id = $1 AND l.conversation_id = $2 AND t.kind = $3 AND t.status NOT IN ('solved', 'resolved', 'closed') ORDER BY t.created_at DESC LIMIT 1`, [tenantId, conversationId, type]);
      return row ? toTicket(row, now()) : null;
    },
  };
}

export type TicketStore = ReturnType<typeof createTicketStore>;
