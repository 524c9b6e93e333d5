import { findBackendCustomer } from './backend-customer.ts';
import { conversationPriority, needsSupervisor } from './priority.ts';
import type { Logger } from 'pino';
import { LingxiError, isLingxiError } from '../../engine/errors.ts';
import type { Locale } from '../../engine/types.ts';
import { conversationTopic, tenantTopic, type Bus } from '../bus/bus.ts';
import type { EngineRegistry } from '../engine/engine-registry.ts';
import type { HandleOptions } from '../../engine/llm/create-llm-agent.ts';
import { newId } from '../ids.ts';
import type { ServiceMetrics } from '../observability/metrics.ts';
import type { CommitInput, Conversation, Customer, Message, NewEvent, NewMessage, Store, StoredEvent, Tenant, User } from '../storage/store.ts';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher.ts';
import { notices, replyToMessage, turnOutcome, understandingPayload } from './reply-messages.ts';
import type { PendingWrites, StoreBackendState, TurnMeta } from '../backend/store-backend-state.ts';
import type { TurnTickets, TurnTicketsPlan } from '../tickets/turn-tickets.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';
import type { ConnectorRouter } from '../connectors/connector-router.ts';
import { isConnectorFailure } from '../connectors/connector-failure.ts';
import type { OtpVerifier } from '../identity/otp-verifier.ts';
import type { OtpSender } from '../identity/otp-sender.ts';

/** Where a change came from; `channel` = an inbound message of an external channel (WeChat, email … see src/service/channels). */
export type Channel = 'widget-ws' | 'widget-http' | 'agent' | 'integration' | 'channel';

export interface CustomerMessageResult {
  ack: { clientId: string; seq: number; duplicate: boolean };
  /** The customer's message and the bot's replies, in seq order (empty for a duplicate). */
  messages: Message[];
  conversation: Conversation;
}

export interface ConversationServiceDeps {
  store: Store;
  bus: Bus;
  engines: EngineRegistry;
  metrics: ServiceMetrics;
  webhooks: WebhookDispatcher;
  logger: Logger;
  /** Delivers non-customer messages of non-widget conversations back through their channel (src/service/channels/channel-outbox.ts). */
  outbox?: { enqueue(conversation: Conversation, messages: Message[], channel: Channel): Promise<void> };
  /** The packs' backends in the database (issue 20); without it the engines' in-memory backends are used. */
  backends?: StoreBackendState;
  /** Tickets a bot turn opens (complaints, leave-a-message handoffs; issue 21); without it turns open none. */
  turnTickets?: TurnTickets;
  /** Assigns a conversation that just entered the queue (issue 21 routing); called outside the conversation's chain. */
  router?: { routeQueued(tenant: Tenant, conversation: Conversation, facts: { intent: string | null }): Promise<void> };
  /** Tenants' connectors to their own systems (issue 20 item 2): the turn's tool calls they serve go to them. */
  connectors?: ConnectorRouter;
  /** One-time codes (issue 20 item 3): sent when a turn asks a customer to prove who they are. */
  identity?: { verifier: OtpVerifier; sender: OtpSender };
}

/**
 * `message.created` events. `at` (ISO) is when the service received a customer message or the engine produced a reply:
 * a turn commits the message and the replies in one transaction whose rows share the database's now(), so analytics
 * measures the bot's response time between these (issue 28).
 */
const messageEvents = (messages: NewMessage[], at?: { received?: Date; replied?: Date }): NewEvent[] =>
  messages.map((message) => {
    const time = message.author === 'customer' ? at?.received : at?.replied;
    return { type: 'message.created', data: { messageId: message.id, author: message.author, clientId: message.clientId ?? null, ...(time ? { at: time.toISOString() } : {}) } };
  });

/**
 * Turns and agent actions on conversations. Each conversation's changes run one at a time in this process (a promise chain)
 * and are guarded across processes by the store's optimistic `expectedLastSeq` check plus a row lock, so the engine
 * always sees the latest state. Everything a turn produces is written in one transaction before anyone is told.
 */
export function createConversationService(deps: ConversationServiceDeps) {
  const { store, bus, engines, metrics, logger } = deps;
  /** Runs engine work that only reads on the tenant's stored backends. */
  const onBackends = <T>(tenant: Tenant, meta: TurnMeta, work: () => Promise<T>): Promise<T> => (deps.backends ? deps.backends.run(tenant, meta, work) : work());
  /** Runs an engine turn on the tenant's stored backends; its writes are for the turn's commit (`alsoOnCommit`). */
  const turnOnBackends = async <T>(tenant: Tenant, meta: TurnMeta, work: () => Promise<T>): Promise<{ result: T; writes: PendingWrites | null }> =>
    (deps.backends ? deps.backends.turn(tenant, meta, work) : { result: await work(), writes: null });
  const chains = new Map<string, Promise<unknown>>();
  // The conversation as this process last committed it: saves the read before each turn. If another node moved it on,
  // the optimistic check in commit fails and the retry reads from the store.
  const recent = new Map<string, Conversation>();
  const remember = (conversation: Conversation) => {
    recent.delete(conversation.id);
    recent.set(conversation.id, conversation);
    if (recent.size > 10_000) recent.delete(recent.keys().next().value!);
  };

  function serialize<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = chains.get(key) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(work);
    chains.set(key, next);
    void next.catch(() => {}).finally(() => {
      if (chains.get(key) === next) chains.delete(key);
    });
    return next;
  }

  async function announce(tenantId: string, conversation: Conversation, messages: Message[], events: StoredEvent[], channel: Channel) {
    for (const message of messages) {
      metrics.messages.inc({ author: message.author, channel });
      const event = { kind: 'message' as const, tenantId, conversationId: conversation.id, message };
      await bus.publish(conversationTopic(conversation.id), event);
      await bus.publish(tenantTopic(tenantId), event);
    }
    const update = { kind: 'conversation' as const, tenantId, conversationId: conversation.id, conversation };
    await bus.publish(conversationTopic(conversation.id), update);
    await bus.publish(tenantTopic(tenantId), update);
    for (const alert of events.filter((event) => event.type === 'supervisor.alerted')) {
      await bus.publish(tenantTopic(tenantId), { kind: 'alert', tenantId, conversationId: conversation.id, reason: String(alert.data.reason ?? 'very_negative'), polarity: Number(alert.data.polarity ?? 0) });
    }
    const byId = new Map(messages.map((message) => [message.id, message]));
    deps.webhooks.dispatch(tenantId, events.map((event) => {
      const message = byId.get(event.data.messageId as string);
      return message ? { ...event, data: { ...event.data, message: { seq: message.seq, author: message.author, text: message.text, payload: message.payload } } } : event;
    })).catch((error) => logger.error({ err: error, tenantId }, 'webhook dispatch failed'));
    await deps.outbox?.enqueue(conversation, messages, channel).catch((error: unknown) => logger.error({ err: error, tenantId, conversationId: conversation.id }, 'channel outbox enqueue failed'));
  }

  /**
   * Commits with retries on optimistic conflicts (another node moved the conversation on). A turn's backend writes
   * (`writes`) are stored in the same transaction; a failed attempt stores none of them, and the retry runs the turn
   * again on the reloaded backend, so a confirmed write is done once.
   */
  async function commitWithRetry(build: (conversation: Conversation) => Promise<(CommitInput & { writes?: PendingWrites | null; tickets?: TurnTicketsPlan | null }) | null>, tenantId: string, conversationId: string) {
    for (let attempt = 1; ; attempt++) {
      const cached = attempt === 1 ? recent.get(conversationId) : undefined;
      const conversation = cached?.tenantId === tenantId ? cached : await store.getConversation(tenantId, conversationId);
      if (!conversation) throw new LingxiError('not_found', `Conversation ${conversationId} was not found.`);
      const built = await build(conversation);
      if (!built) return null;
      const { writes, tickets, ...input } = built;
      // Backend writes and tickets of the turn commit with its messages, or none of them do.
      const alsoOnCommit = writes || tickets ? async (tx: SqlExecutor) => {
        await writes?.store(tx);
        await tickets?.save(tx);
      } : undefined;
      try {
        const result = await store.commit({ expectedLastSeq: conversation.lastSeq, ...input, ...(alsoOnCommit ? { alsoOnCommit } : {}) });
        // A duplicate clientId commits nothing: the turn's writes were not stored either.
        writes?.settle(result.status === 'committed');
        remember(result.conversation);
        return result;
      } catch (error) {
        writes?.settle(false);
        recent.delete(conversationId);
        // The conversation moved on, or a record a backend write started from did (the turn runs again on the reloaded backend).
        if (isLingxiError(error) && error.code === 'conflict' && (error.details?.expected !== undefined || error.details?.backend === true) && attempt < 5) continue;
        throw error;
      }
    }
  }

  /** After the commit: a one-time code for each customer the turn challenged (the code itself is never stored). */
  async function sendCodes(tenantId: string, conversationId: string, engineConversationId: string, events: StoredEvent[]) {
    if (!deps.identity) return;
    for (const event of events.filter((candidate) => candidate.type === 'identity.challenged')) {
      const backendCustomerId = String(event.data.backendCustomerId ?? '');
      if (!backendCustomerId) continue;
      const code = deps.identity.verifier.code({ conversationId: engineConversationId, customerId: backendCustomerId });
      await deps.identity.sender.send({ tenantId, conversationId, backendCustomerId, code })
        .catch((error: unknown) => logger.error({ err: error, tenantId, conversationId }, 'one-time code could not be sent'));
    }
  }

  /** A transient typing signal from the bot (at-most-once, like deltas); the widget hides it by itself after 10 s. */
  const botTyping = (tenantId: string, conversationId: string, on: boolean): boolean => {
    bus.publish(conversationTopic(conversationId), { kind: 'typing', tenantId, conversationId, author: 'bot', on })
      .catch((error: unknown) => logger.warn({ err: error, tenantId, conversationId }, 'typing publish failed'));
    return on;
  };

  /** Publishes the engine's stream events as transient `delta` live events (at-most-once; the final message is stored). */
  const streamTo = (tenantId: string, conversationId: string): NonNullable<HandleOptions['onStream']> => (event) => {
    const delta = { kind: 'delta' as const, tenantId, conversationId, text: event.type === 'delta' ? event.text : '', ...(event.type === 'reset' ? { reset: true } : {}) };
    bus.publish(conversationTopic(conversationId), delta).catch((error: unknown) => logger.warn({ err: error, tenantId, conversationId }, 'delta publish failed'));
  };
  const localeOf = (conversation: Conversation): Locale => conversation.locale;
  const say = (conversation: Conversation, text: { zh: string; en: string }): NewMessage => ({ id: newId('msg'), author: 'system', text: text[localeOf(conversation)], payload: {} });

  async function agentAction(tenant: Tenant, conversationId: string, build: (conversation: Conversation) => Omit<CommitInput, 'tenantId' | 'conversationId'>) {
    return serialize(conversationId, async () => {
      const result = await commitWithRetry(async (conversation) => ({ tenantId: tenant.id, conversationId, ...build(conversation) }), tenant.id, conversationId);
      if (!result || result.status !== 'committed') throw new LingxiError('internal', 'agent action produced no commit');
      await announce(tenant.id, result.conversation, result.messages, result.events, 'agent');
      return { conversation: result.conversation, messages: result.messages };
    });
  }

  /** A change made by the service itself (routing, jobs): committed when `build` returns one, announced; false otherwise. */
  async function systemAction(tenant: Tenant, conversationId: string, build: (conversation: Conversation) => Omit<CommitInput, 'tenantId' | 'conversationId'> | null): Promise<boolean> {
    return serialize(conversationId, async () => {
      const result = await commitWithRetry(async (conversation) => {
        const built = build(conversation);
        return built ? { tenantId: tenant.id, conversationId, ...built } : null;
      }, tenant.id, conversationId).catch((error: unknown) => {
        if (isLingxiError(error) && error.code === 'conflict') return null;
        throw error;
      });
      if (!result || result.status !== 'committed') return false;
      await announce(tenant.id, result.conversation, result.messages, result.events, 'integration');
      return true;
    });
  }

  function ensureAssignable(conversation: Conversation, user: User) {
    if (conversation.owner === 'closed') throw new LingxiError('conflict', 'The conversation is closed; the customer reopens it by writing again.');
    if (conversation.owner === 'human' && conversation.assigneeId && conversation.assigneeId !== user.id && user.role === 'agent') {
      throw new LingxiError('forbidden', 'Another agent owns this conversation; ask a supervisor to transfer it.');
    }
  }

  return {
    /** New conversation for the customer, with the engine's (or the tenant's) greeting as its first messages. */
    async start(tenant: Tenant, customer: Customer, options: { locale?: Locale; channel?: string } = {}) {
      const engine = await engines.forTenant(tenant);
      const id = newId('conv');
      const started = engine.start({ id, locale: options.locale ?? tenant.settings.locale, tone: tenant.settings.tone });
      const replies = started.replies.map((reply, index) => (index === 0 && tenant.settings.greeting ? { ...reply, text: tenant.settings.greeting } : reply));
      const messages = replies.map((reply) => replyToMessage(reply, tenant.settings.personaName));
      const created = await store.createConversation({
        id, tenantId: tenant.id, customerId: customer.id, pack: tenant.settings.packs[0] ?? 'none', channel: options.channel ?? 'widget', locale: started.state.locale, engineState: started.state, messages,
        events: [{ type: 'conversation.started', customerId: customer.id, data: { customerId: customer.id } }, ...messageEvents(messages)],
      });
      await bus.publish(tenantTopic(tenant.id), { kind: 'conversation', tenantId: tenant.id, conversationId: id, conversation: created.conversation });
      for (const message of created.messages) metrics.messages.inc({ author: message.author, channel: 'widget-ws' });
      return created;
    },

    /**
     * Stores the customer's message and, when the bot owns the conversation, the bot's replies — in one transaction.
     * A repeated clientId returns the first message's seq and writes nothing. A closed conversation reopens to the bot.
     */
    async postCustomerMessage(tenant: Tenant, conversationId: string, input: { clientId: string; text: string; channel: Channel; payload?: Record<string, unknown> }): Promise<CustomerMessageResult> {
      const received = new Date();
      // Set when this turn puts the conversation in the queue: routing may then assign it (after the chain, below).
      let routeFacts = null as { intent: string | null } | null;
      const outcome = await serialize(conversationId, async (): Promise<CustomerMessageResult> => {
        const started = performance.now();
        let ownerAtStart = 'bot';
        let typing = false;
        let ticketPlan = null as TurnTicketsPlan | null;
        const result = await commitWithRetry(async (conversation) => {
          ownerAtStart = conversation.owner;
          const customerMessage: NewMessage = { id: newId('msg'), clientId: input.clientId, author: 'customer', authorId: conversation.customerId, text: input.text, payload: { ...input.payload } };
          const events: NewEvent[] = [];
          if (conversation.owner === 'queued' || conversation.owner === 'human') {
            return { tenantId: tenant.id, conversationId, clientId: input.clientId, messages: [customerMessage], events: messageEvents([customerMessage], { received }) };
          }
          if (conversation.owner === 'closed') events.push({ type: 'conversation.reopened' });
          const engine = await engines.forTenant(tenant);
          let writes: PendingWrites | null = null;
          try {
            // LLM engines stream their reply (src/engine/llm/stream-gate.ts); the widget shows it as a preview until the stored message arrives.
            const streaming = input.channel === 'widget-ws' ? { onStream: streamTo(tenant.id, conversationId) } : {};
            // A model may take seconds (issue 22 item 5): the widget shows the bot typing at once, not after the turn.
            if (streaming.onStream && 'describe' in engine && !typing) typing = botTyping(tenant.id, conversationId, true);
            // The tools' backend writes are stored with this commit, in one transaction, before anyone is told.
            const handle = () => turnOnBackends(tenant, { conversationId, actor: { kind: 'bot' } }, () =>
              (engine.handle as (...args: [...Parameters<typeof engine.handle>, HandleOptions?]) => ReturnType<typeof engine.handle>)(conversation.engineState, { text: input.text, ...(tenant.settings.requireVerifiedIdentity ? { requireVerifiedIdentity: true } : {}) }, streaming));
            // Tools served by the tenant's connectors go to the business's system (awaited where the skill calls them).
            const ran = deps.connectors ? await deps.connectors.run(tenant.id, { conversationId, clientId: input.clientId }, handle) : await handle();
            const turn = ran.result;
            writes = ran.writes;
            const replies = turn.replies.map((reply) => replyToMessage(reply, tenant.settings.personaName));
            const handoff = turn.replies.find((reply) => reply.handoff)?.handoff;
            customerMessage.payload = { ...input.payload, ...understandingPayload(turn.understanding), ...turnOutcome(turn.events, handoff?.reason) };
            metrics.engineOutcomes.inc({ outcome: handoff ? 'handoff' : turn.events.some((event) => event.type === 'fallback.triggered') ? 'fallback' : 'answered' });
            const messages = [customerMessage, ...replies];
            // Complaints become tickets whose due time the reply quotes; an after-hours handoff offers to leave a message.
            ticketPlan = deps.turnTickets ? await deps.turnTickets.plan({ tenant, conversation, locale: turn.state.locale, messages, events: turn.events, handoff }) : null;
            events.push(...turn.events.map((event) => ({ type: event.type, data: { ...event.data, at: event.at } })), ...messageEvents(messages, { received, replied: new Date() }));
            routeFacts = handoff && !ticketPlan?.leaveMessage ? { intent: turn.understanding.intent } : null;
            if (handoff) events.push({ type: 'conversation.queued', data: { reason: handoff.reason, summary: handoff.summary, ...(ticketPlan?.leaveMessage ? { leaveMessage: ticketPlan.leaveMessage } : {}) } });
            const { sentiment } = turn.understanding;
            if (needsSupervisor(sentiment, handoff?.reason)) events.push({ type: 'supervisor.alerted', data: { polarity: sentiment.polarity, emotion: sentiment.emotion, reason: handoff?.reason ?? 'very_negative' } });
            return {
              tenantId: tenant.id, conversationId, clientId: input.clientId, messages, events, writes, tickets: ticketPlan,
              patch: {
                engineState: turn.state, owner: handoff ? 'queued' as const : 'bot' as const, locale: turn.state.locale, sentiment: sentiment.label,
                priority: conversationPriority(conversation.priority, sentiment, turn.understanding.intent),
              },
            };
          } catch (error) {
            writes?.settle(false);
            ticketPlan = null;
            routeFacts = { intent: null };
            metrics.engineOutcomes.inc({ outcome: 'error' });
            // A business backend that failed (connector): an honest notice, and a person takes over; not a bug of ours.
            const backendDown = isConnectorFailure(error);
            if (backendDown) logger.warn({ err: error, tenantId: tenant.id, conversationId }, 'business backend failed during a turn; queueing for an agent');
            else logger.error({ err: error, tenantId: tenant.id, conversationId }, 'engine turn failed; queueing for an agent');
            const notice = say(conversation, backendDown ? notices.backendFailed(error.details.write === true && !['auth', 'circuit_open', 'busy'].includes(String(error.details.reason))) : notices.engineFailed());
            return {
              tenantId: tenant.id, conversationId, clientId: input.clientId, messages: [customerMessage, notice],
              events: [...events, ...messageEvents([customerMessage, notice], { received }), { type: 'conversation.queued', data: { reason: backendDown ? 'backend_unavailable' : 'engine_error' } }], patch: { owner: 'queued' as const },
            };
          }
        }, tenant.id, conversationId);
        if (!result) throw new LingxiError('internal', 'customer message produced no commit');
        if (result.status === 'duplicate') {
          return { ack: { clientId: input.clientId, seq: result.message.seq, duplicate: true }, messages: [], conversation: result.conversation };
        }
        metrics.turnSeconds.observe({ owner: ownerAtStart }, (performance.now() - started) / 1000);
        await announce(tenant.id, result.conversation, result.messages, result.events, input.channel);
        await ticketPlan?.announce().catch((error: unknown) => logger.error({ err: error, tenantId: tenant.id, conversationId }, 'ticket announce failed'));
        await sendCodes(tenant.id, conversationId, result.conversation.engineState.id, result.events);
        if (typing) botTyping(tenant.id, conversationId, false);
        return { ack: { clientId: input.clientId, seq: result.messages[0].seq, duplicate: false }, messages: result.messages, conversation: result.conversation };
      });
      if (routeFacts && deps.router && !outcome.ack.duplicate && outcome.conversation.owner === 'queued') {
        await deps.router.routeQueued(tenant, outcome.conversation, routeFacts).catch((error: unknown) => logger.error({ err: error, tenantId: tenant.id, conversationId }, 'routing failed; the conversation waits in the queue'));
      }
      return outcome;
    },

    /** Agent takes the conversation from the bot or the queue; the bot stops answering. */
    takeOver: (tenant: Tenant, user: User, conversationId: string) => agentAction(tenant, conversationId, (conversation) => {
      ensureAssignable(conversation, user);
      return { messages: [say(conversation, notices.joined(user.name))], patch: { owner: 'human', assigneeId: user.id }, events: [{ type: 'conversation.assigned', data: { assigneeId: user.id, by: user.id } }] };
    }),

    /** Agent reply; takes the conversation over first when the bot or the queue holds it. */
    reply: (tenant: Tenant, user: User, conversationId: string, input: { text: string; clientId?: string }) => agentAction(tenant, conversationId, (conversation) => {
      ensureAssignable(conversation, user);
      const message: NewMessage = { id: newId('msg'), clientId: input.clientId ?? null, author: 'agent', authorId: user.id, text: input.text, payload: { agentName: user.name } };
      const takeOver = conversation.owner !== 'human' || conversation.assigneeId !== user.id;
      return {
        clientId: input.clientId, messages: takeOver ? [say(conversation, notices.joined(user.name)), message] : [message],
        patch: { owner: 'human', assigneeId: user.id },
        events: [...(takeOver ? [{ type: 'conversation.assigned', data: { assigneeId: user.id, by: user.id } }] : []), ...messageEvents([message])],
      };
    }),

    transfer: (tenant: Tenant, user: User, conversationId: string, target: User) => agentAction(tenant, conversationId, (conversation) => {
      ensureAssignable(conversation, user);
      return { messages: [say(conversation, notices.transferred(target.name))], patch: { owner: 'human', assigneeId: target.id }, events: [{ type: 'conversation.transferred', data: { from: conversation.assigneeId, to: target.id, by: user.id } }] };
    }),

    /** The bot owns the conversation again, with a fresh failure count. */
    handBack: (tenant: Tenant, user: User, conversationId: string) => agentAction(tenant, conversationId, (conversation) => {
      ensureAssignable(conversation, user);
      return {
        messages: [say(conversation, notices.returned())], events: [{ type: 'conversation.returned', data: { by: user.id } }],
        patch: { owner: 'bot', assigneeId: null, engineState: { ...conversation.engineState, handedOff: false, failures: 0 } },
      };
    }),

    /**
     * A customer the shop vouched for (widget HMAC) is this conversation's backend customer from the start, so the bot
     * does not ask a logged-in shopper to identify again (issues 22, 29). Only while the bot has no customer yet; a no-op
     * when no enabled pack's backend knows the customer. Returns the backend id set, or null.
     */
    async attachVerifiedCustomer(tenant: Tenant, customer: Customer, conversationId: string): Promise<string | null> {
      const engine = await engines.forTenant(tenant);
      const backendId = await onBackends(tenant, { conversationId, actor: { kind: 'system' } }, async () =>
        findBackendCustomer((engine as { data?: unknown }).data, tenant.settings.packs, customer, tenant.settings.locale));
      if (!backendId) return null;
      const result = await serialize(conversationId, () => commitWithRetry(async (conversation) => {
        if (conversation.engineState.customerId) return null;
        return {
          tenantId: tenant.id, conversationId, messages: [],
          patch: { engineState: { ...conversation.engineState, customerId: backendId } },
          events: [{ type: 'customer.verified', data: { by: 'widget_hmac', backendCustomerId: backendId } }],
        };
      }, tenant.id, conversationId));
      return result ? backendId : null;
    },

    close: (tenant: Tenant, user: User, conversationId: string, resolution: string) => agentAction(tenant, conversationId, (conversation) => {
      ensureAssignable(conversation, user);
      // The bot answers whoever writes next: it must not still think the customer is waiting in the queue.
      const engineState = { ...conversation.engineState, handedOff: false, failures: 0 };
      return { messages: [say(conversation, notices.closed())], patch: { owner: 'closed', resolution, engineState }, events: [{ type: 'conversation.closed', data: { resolution, by: user.id } }] };
    }),

    /**
     * Routing (issue 21): gives a queued conversation to `user` when it is still queued; false when someone took it
     * meanwhile. `data` goes on the `conversation.assigned` event (team, rule).
     */
    async assignQueued(tenant: Tenant, conversationId: string, user: User, data: Record<string, unknown> = {}): Promise<boolean> {
      return systemAction(tenant, conversationId, (conversation) => conversation.owner !== 'queued' ? null : {
        messages: [say(conversation, notices.joined(user.name))], requireOwner: ['queued'], patch: { owner: 'human', assigneeId: user.id },
        events: [{ type: 'conversation.assigned', data: { assigneeId: user.id, by: 'routing', ...data } }],
      });
    },

    /** Puts a conversation of an agent who went offline back in the queue (issue 21); false when it moved on. */
    async requeue(tenant: Tenant, conversationId: string, fromUserId: string): Promise<boolean> {
      return systemAction(tenant, conversationId, (conversation) => conversation.owner !== 'human' || conversation.assigneeId !== fromUserId ? null : {
        messages: [say(conversation, notices.requeued())], requireOwner: ['human'], patch: { owner: 'queued', assigneeId: null },
        events: [{ type: 'conversation.requeued', data: { from: fromUserId, reason: 'agent_offline' } }],
      });
    },

    /**
     * Closes a conversation still waiting in the queue, from a job (issue 21: the customer left; a ticket keeps the
     * request). Returns false when someone took it meanwhile.
     */
    async closeQueued(tenant: Tenant, conversationId: string, resolution: string, text: { zh: string; en: string }): Promise<boolean> {
      return systemAction(tenant, conversationId, (conversation) => conversation.owner !== 'queued' ? null : {
        messages: [say(conversation, text)], requireOwner: ['queued'],
        patch: { owner: 'closed', resolution, engineState: { ...conversation.engineState, handedOff: false, failures: 0 } },
        events: [{ type: 'conversation.closed', data: { resolution, by: 'system' } }],
      });
    },

    async addNote(tenant: Tenant, user: User, conversationId: string, text: string) {
      const note = await store.addNote({ id: newId('note'), tenantId: tenant.id, conversationId, authorId: user.id, text });
      await store.appendEvent(tenant.id, { conversationId, type: 'note.added', data: { noteId: note.id, by: user.id } });
      await bus.publish(tenantTopic(tenant.id), { kind: 'note', tenantId: tenant.id, conversationId, note });
      return note;
    },

    /** A message the business starts (order shipped …) in the customer's open conversation, or a new one. */
    async sendProactive(tenant: Tenant, customer: Customer, text: string, data: Record<string, unknown> = {}) {
      const [open] = (await store.listConversations(tenant.id, { customerId: customer.id, limit: 5 })).filter((c) => c.owner !== 'closed');
      const conversationId = open?.id ?? (await this.start(tenant, customer)).conversation.id;
      return serialize(conversationId, async () => {
        const result = await commitWithRetry(async (conversation) => {
          const message: NewMessage = { id: newId('msg'), author: conversation.owner === 'human' ? 'system' : 'bot', text, payload: { proactive: true, persona: tenant.settings.personaName, ...data } };
          return { tenantId: tenant.id, conversationId, messages: [message], events: messageEvents([message]) };
        }, tenant.id, conversationId);
        if (!result || result.status !== 'committed') throw new LingxiError('internal', 'proactive message produced no commit');
        await announce(tenant.id, result.conversation, result.messages, result.events, 'integration');
        return { conversation: result.conversation, message: result.messages[0] };
      });
    },

    async typing(tenantId: string, conversationId: string, author: 'customer' | 'agent', on: boolean) {
      const event = { kind: 'typing' as const, tenantId, conversationId, author, on };
      await bus.publish(conversationTopic(conversationId), event);
      await bus.publish(tenantTopic(tenantId), event);
    },
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
