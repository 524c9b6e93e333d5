import type { Logger } from 'pino';
import { LingxiError } from '../../engine/errors.ts';
import { tenantTopic, type Bus } from '../bus/bus.ts';
import { newId } from '../ids.ts';
import type { SqlClient, SqlExecutor } from '../storage/sql-client.ts';
import type { Store, Tenant, User } from '../storage/store.ts';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher.ts';
import { supportSettings, tenantCalendar, type TicketPriority } from './support-settings.ts';
import { createTicketStore, type NewTicket, type TicketComment, type TicketFilter, type TicketRecord, type TicketSource, type TicketState } from './ticket-store.ts';

export interface TicketServiceDeps {
  sql: SqlClient;
  store: Store;
  bus: Bus;
  webhooks: WebhookDispatcher;
  logger: Logger;
  now?: () => Date;
}

export interface CreateTicketInput {
  type: string;
  subject: string;
  priority?: TicketPriority;
  status?: TicketState;
  details?: Record<string, unknown>;
  conversationId?: string | null;
  customerId?: string | null;
  assigneeId?: string | null;
  team?: string | null;
  source: TicketSource;
  /** The user, API key or job that opened it. */
  createdBy?: string | null;
  /** A first internal comment (what the bot understood, the handoff summary …). */
  comment?: string;
}

export interface TicketUpdate {
  status?: TicketState;
  priority?: TicketPriority;
  type?: string;
  subject?: string;
  assigneeId?: string | null;
  team?: string | null;
  details?: Record<string, unknown>;
}

/** A ticket decided but not stored yet: saved inside another transaction (a conversation turn's commit), announced after it. */
export interface PreparedTicket {
  ticket: NewTicket;
  save(tx: SqlExecutor): Promise<void>;
  /** Publishes `ticket.created` (event log, consoles, webhooks); call once the transaction committed. */
  announce(): Promise<TicketRecord | null>;
}

/** Who acts on a ticket: an agent, or the system (bot turn, job, integration). */
export type TicketActor = { kind: 'user'; user: User } | { kind: 'system'; id: string };

/** The SLA due times of a ticket of `priority` opened at `from`, on the tenant's working calendar. */
export function slaDueTimes(tenant: Pick<Tenant, 'settings'>, priority: TicketPriority, from: Date): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  const policy = supportSettings(tenant.settings).sla[priority];
  const calendar = tenantCalendar(tenant.settings);
  return { firstResponseDueAt: calendar.addWorkingMinutes(from, policy.firstResponseMinutes), resolutionDueAt: calendar.addWorkingMinutes(from, policy.resolutionMinutes) };
}

/**
 * Tickets (工单, issue 21): opened by the bot, by agents or through the API, with SLA due times from the tenant's
 * policies on its working calendar, an internal comment thread and linked conversations. Every change is an event
 * (`ticket.created|updated|commented`) stored in the event log, sent to the tenant's webhooks and to agent consoles.
 */
export function createTicketService(deps: TicketServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const tickets = createTicketStore(deps.sql, now);

  async function validate(tenant: Tenant, input: { type?: string; assigneeId?: string | null; customerId?: string | null; conversationId?: string | null }) {
    const types = supportSettings(tenant.settings).ticketTypes;
    if (input.type && !types.includes(input.type)) throw new LingxiError('validation_failed', `Unknown ticket type "${input.type}"; this tenant's types: ${types.join(', ')} (settings.support.ticketTypes).`);
    if (input.assigneeId && !(await deps.store.getUser(tenant.id, input.assigneeId))) throw new LingxiError('not_found', `User ${input.assigneeId} was not found.`);
    if (input.customerId && !(await deps.store.getCustomer(tenant.id, input.customerId))) throw new LingxiError('not_found', `Customer ${input.customerId} was not found.`);
  }

  async function announce(tenant: Tenant, ticket: TicketRecord, change: 'created' | 'updated' | 'commented', data: Record<string, unknown>) {
    const event = await deps.store.appendEvent(tenant.id, {
      conversationId: ticket.conversationId, customerId: ticket.customerId, type: `ticket.${change}`,
      data: { ticketId: ticket.id, type: ticket.type, status: ticket.status, priority: ticket.priority, ...data },
    });
    await deps.bus.publish(tenantTopic(tenant.id), { kind: 'ticket', tenantId: tenant.id, conversationId: ticket.conversationId ?? '', ticket, change })
      .catch((error: unknown) => deps.logger.warn({ err: error, tenantId: tenant.id }, 'ticket publish failed'));
    deps.webhooks.dispatch(tenant.id, [event], { ticket }).catch((error: unknown) => deps.logger.error({ err: error, tenantId: tenant.id }, 'ticket webhook dispatch failed'));
  }

  const actorId = (actor: TicketActor) => (actor.kind === 'user' ? actor.user.id : actor.id);

  const service = {
    store: tickets,

    /**
     * A ticket with its id and SLA due times decided now, to store in the caller's transaction: the bot's reply can
     * then quote the due time of a ticket that commits with the reply, or neither does. No validation: for the system.
     */
    prepare(tenant: Tenant, input: CreateTicketInput & { customerId: string | null }): PreparedTicket {
      const priority = input.priority ?? 'normal';
      const ticket: NewTicket = {
        id: newId('tkt'), tenantId: tenant.id, type: input.type, status: input.status ?? 'open', priority, subject: input.subject, details: input.details ?? {},
        conversationId: input.conversationId ?? null, customerId: input.customerId, assigneeId: input.assigneeId ?? null, team: input.team ?? null,
        source: input.source, createdBy: input.createdBy ?? null, ...slaDueTimes(tenant, priority, now()),
      };
      return {
        ticket,
        async save(tx) {
          await tickets.insert(ticket, tx);
          if (input.comment) await tickets.addComment({ id: newId('tcm'), tenantId: tenant.id, ticketId: ticket.id, authorKind: 'system', authorId: null, body: input.comment }, tx);
        },
        async announce() {
          const stored = await tickets.get(tenant.id, ticket.id);
          if (stored) await announce(tenant, stored, 'created', { source: input.source, by: input.createdBy ?? null, firstResponseDueAt: stored.firstResponseDueAt, resolutionDueAt: stored.resolutionDueAt });
          return stored;
        },
      };
    },

    /** Opens a ticket with its SLA due times; links the conversation when given. */
    async create(tenant: Tenant, input: CreateTicketInput): Promise<TicketRecord> {
      await validate(tenant, input);
      let customerId = input.customerId ?? null;
      if (input.conversationId) {
        const conversation = await deps.store.getConversation(tenant.id, input.conversationId);
        if (!conversation) throw new LingxiError('not_found', `Conversation ${input.conversationId} was not found.`);
        customerId ??= conversation.customerId;
      }
      const prepared = service.prepare(tenant, { ...input, customerId });
      await deps.sql.transaction((tx) => prepared.save(tx));
      return (await prepared.announce())!;
    },

    get: (tenantId: string, id: string) => tickets.get(tenantId, id),
    list: (tenantId: string, filter?: TicketFilter) => tickets.list(tenantId, filter),

    /** The ticket with its comment thread and linked conversations. */
    async detail(tenantId: string, id: string): Promise<{ ticket: TicketRecord; comments: TicketComment[]; conversations: Array<{ conversationId: string; linkedAt: string }> }> {
      const ticket = await tickets.get(tenantId, id);
      if (!ticket) throw new LingxiError('not_found', `Ticket ${id} was not found.`);
      return { ticket, comments: await tickets.comments(tenantId, id), conversations: await tickets.conversations(tenantId, id) };
    },

    /**
     * Moves a ticket on. A person's status change counts as the first response; solving stamps `solvedAt`, reopening
     * clears it; a new priority recomputes the due times from the ticket's creation.
     */
    async update(tenant: Tenant, actor: TicketActor, id: string, patch: TicketUpdate): Promise<TicketRecord> {
      const before = await tickets.get(tenant.id, id);
      if (!before) throw new LingxiError('not_found', `Ticket ${id} was not found.`);
      await validate(tenant, patch);
      const at = now();
      const solved = patch.status === 'solved' || patch.status === 'closed';
      const reopened = patch.status && !solved && (before.status === 'solved' || before.status === 'closed');
      const due = patch.priority && patch.priority !== before.priority ? slaDueTimes(tenant, patch.priority, new Date(before.createdAt)) : null;
      const ticket = await tickets.update(tenant.id, id, {
        ...patch,
        ...(actor.kind === 'user' && patch.status && patch.status !== before.status ? { firstRespondedAt: at } : {}),
        ...(solved && !before.solvedAt ? { solvedAt: at } : reopened ? { solvedAt: null } : {}),
        ...(due ?? {}),
      });
      if (!ticket) throw new LingxiError('not_found', `Ticket ${id} was not found.`);
      const changed = Object.fromEntries(Object.entries(patch).filter(([key, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(before[key as keyof TicketRecord])));
      await announce(tenant, ticket, 'updated', { by: actorId(actor), changes: Object.keys(changed), from: Object.fromEntries(Object.keys(changed).map((key) => [key, before[key as keyof TicketRecord] ?? null])) });
      return ticket;
    },

    /** An internal comment; an agent's comment counts as the first response. */
    async comment(tenant: Tenant, actor: TicketActor, id: string, body: string): Promise<TicketComment> {
      const ticket = await tickets.get(tenant.id, id);
      if (!ticket) throw new LingxiError('not_found', `Ticket ${id} was not found.`);
      const comment = await tickets.addComment({ id: newId('tcm'), tenantId: tenant.id, ticketId: id, authorKind: actor.kind, authorId: actor.kind === 'user' ? actor.user.id : null, body });
      const updated = actor.kind === 'user' ? await tickets.update(tenant.id, id, { firstRespondedAt: now() }) : ticket;
      await announce(tenant, updated ?? ticket, 'commented', { commentId: comment.id, by: actorId(actor) });
      return comment;
    },

    /** Links another conversation of the same tenant. */
    async link(tenant: Tenant, actor: TicketActor, id: string, conversationId: string): Promise<void> {
      const ticket = await tickets.get(tenant.id, id);
      if (!ticket) throw new LingxiError('not_found', `Ticket ${id} was not found.`);
      if (!(await deps.store.getConversation(tenant.id, conversationId))) throw new LingxiError('not_found', `Conversation ${conversationId} was not found.`);
      await tickets.link(tenant.id, id, conversationId);
      await announce(tenant, ticket, 'updated', { by: actorId(actor), changes: ['conversations'], conversationId });
    },
  };
  return service;
}

export type TicketService = ReturnType<typeof createTicketService>;
