import type { EngineEvent, Reply } from '../../engine/dialogue/types.ts';
import type { Locale } from '../../engine/types.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';
import type { Conversation, NewMessage, Tenant } from '../storage/store.ts';
import type { AgentPresence } from './agent-presence.ts';
import { localDate } from './business-hours.ts';
import { supportSettings, tenantCalendar, type TicketPriority } from './support-settings.ts';
import type { PreparedTicket, TicketService } from './ticket-service.ts';
import { formatDue, ticketTexts } from './ticket-texts.ts';

/**
 * Pack write tools whose record a person follows up: the bot's turn opens a ticket for each. `promise` = the reply
 * tells the customer by when they will be contacted (the pack's own template no longer guesses "one working day").
 */
export const FOLLOW_UP_TOOLS: Record<string, { type: string; priority: TicketPriority; promise: boolean; label: { zh: string; en: string } }> = {
  create_complaint: { type: 'complaint', priority: 'high', promise: true, label: { zh: '投诉', en: 'Complaint' } },
  create_dispute: { type: 'claim', priority: 'normal', promise: false, label: { zh: '交易争议', en: 'Transaction dispute' } },
  file_claim: { type: 'claim', priority: 'normal', promise: false, label: { zh: '理赔', en: 'Claim' } },
  book_repair: { type: 'repair', priority: 'normal', promise: false, label: { zh: '维修', en: 'Repair' } },
};

/** The record id a follow-up tool returned (CP…, claim or dispute number), used as the customer's reference. */
function recordReference(result: unknown): string | null {
  if (!result || typeof result !== 'object') return null;
  const record = result as Record<string, unknown>;
  const key = Object.keys(record).find((name) => /(^|_)(ticket|claim|dispute|booking|repair)_?id$|^id$/.test(name) && typeof record[name] === 'string');
  return key ? String(record[key]) : null;
}

/** Puts `sentence` after the sentence of `text` that names `reference` (else at the end): the promise reads next to the number. */
export function insertAfterReference(text: string, reference: string | null, sentence: string): string {
  const at = reference ? text.indexOf(reference) : -1;
  if (at < 0) return `${text}${/[。！？.!?]$/.test(text) ? '' : ' '}${sentence}`;
  const end = text.slice(at).search(/[。！？]|[.!?](\s|$)/);
  if (end < 0) return `${text} ${sentence}`;
  const cut = at + end + 1;
  const space = /[.!?]/.test(text[cut - 1]) ? ' ' : '';
  return `${text.slice(0, cut)}${space}${sentence}${text.slice(cut).replace(/^\s+/, space ? ' ' : '')}`.replace(/\s+$/, '');
}

/** The language a reply was written in (its payload), else the conversation's. */
const localeOf = (reply: NewMessage, fallback: Locale): Locale => (reply.payload?.locale === 'en' || reply.payload?.locale === 'zh' ? reply.payload.locale : fallback);

export interface TurnTicketsInput {
  tenant: Tenant;
  conversation: Conversation;
  locale: Locale;
  /** The customer's message and the bot's replies as they will be stored; reply texts may be rewritten. */
  messages: NewMessage[];
  events: EngineEvent[];
  handoff: Reply['handoff'] | undefined;
}

export interface TurnTicketsPlan {
  tickets: PreparedTicket[];
  /** The handoff became "leave a message" (closed or nobody online): the event says so. */
  leaveMessage: { reason: 'closed' | 'nobody_online'; ticketId: string } | null;
  save(tx: SqlExecutor): Promise<void>;
  announce(): Promise<void>;
}

/**
 * What a bot turn changes in tickets (issue 21): a complaint, claim, dispute or repair the pack recorded becomes a ticket
 * whose SLA the reply quotes; a handoff outside business hours, or with nobody online, becomes "leave a message" with a
 * ticket and the reply time, instead of a promised transfer — when the tenant's `support` settings ask for it.
 */
export function createTurnTickets(deps: { tickets: TicketService; presence?: AgentPresence; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

  async function offlineReason(tenant: Tenant, at: Date): Promise<'closed' | 'nobody_online' | null> {
    const support = supportSettings(tenant.settings);
    if (support.whenClosed === 'queue' && support.whenNobodyOnline === 'queue') return null;
    const open = tenantCalendar(tenant.settings).isOpen(at);
    if (!open) return support.whenClosed === 'leave_message' ? 'closed' : null;
    if (support.whenNobodyOnline === 'leave_message' && deps.presence && (await deps.presence.online(tenant.id)).length === 0) return 'nobody_online';
    return null;
  }

  /** The opening hours to quote: those of the next working day from `at` ("09:00–21:00"), or null. */
  function hoursText(tenant: Tenant, at: Date): string | null {
    const calendar = tenantCalendar(tenant.settings);
    const next = calendar.nextOpening(at);
    const hours = next ? calendar.hoursOn(localDate(next, calendar.timeZone)) : null;
    const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return hours ? `${clock(hours[0])}–${clock(hours[1])}` : null;
  }

  return {
    async plan(input: TurnTicketsInput): Promise<TurnTicketsPlan | null> {
      const { tenant, conversation, locale } = input;
      const at = now();
      const timeZone = tenantCalendar(tenant.settings).timeZone;
      const prepared: PreparedTicket[] = [];
      const replies = input.messages.filter((message) => message.author === 'bot');
      const customerText = input.messages.find((message) => message.author === 'customer')?.text ?? '';
      for (const event of input.events) {
        const follow = event.type === 'tool.called' && event.data.ok === true ? FOLLOW_UP_TOOLS[String(event.data.name)] : undefined;
        if (!follow) continue;
        const reference = recordReference(event.data.result);
        const args = (event.data.arguments ?? {}) as Record<string, unknown>;
        const summary = String(args.summary ?? args.reason ?? customerText).slice(0, 150);
        const ticket = deps.tickets.prepare(tenant, {
          type: follow.type, priority: follow.priority, subject: `${follow.label[locale]}: ${summary}`, conversationId: conversation.id, customerId: conversation.customerId,
          source: 'bot', createdBy: 'bot', details: { tool: event.data.name, reference, record: event.data.result ?? null, arguments: args },
        });
        prepared.push(ticket);
        const target = replies.find((reply) => reference && reply.text.includes(reference)) ?? replies[replies.length - 1];
        if (follow.promise && target) {
          const language = localeOf(target, locale);
          const due = formatDue(ticket.ticket.firstResponseDueAt!, at, timeZone, language);
          const named = reference !== null && target.text.includes(reference);
          target.text = insertAfterReference(target.text, reference, (named ? ticketTexts.promiseNamed(due) : ticketTexts.promise(reference ?? ticket.ticket.id, due))[language]);
        }
      }
      let leaveMessage: TurnTicketsPlan['leaveMessage'] = null;
      const reason = input.handoff ? await offlineReason(tenant, at) : null;
      if (input.handoff && reason) {
        const urgent = input.handoff.reason === 'negative_sentiment' || prepared.some((ticket) => ticket.ticket.type === 'complaint');
        // A customer who asks again in the same conversation keeps the message ticket already open (and its due time).
        const existing = await deps.tickets.store.openForConversation(tenant.id, conversation.id, 'message');
        const ticket = existing ? { ticket: { id: existing.id, firstResponseDueAt: new Date(existing.firstResponseDueAt ?? at) } } : deps.tickets.prepare(tenant, {
          type: 'message', priority: urgent ? 'high' : 'normal', conversationId: conversation.id, customerId: conversation.customerId, source: 'bot', createdBy: 'bot',
          subject: (input.handoff.summary || customerText).slice(0, 150) || (locale === 'zh' ? '留言' : 'Message'),
          details: { handoffReason: input.handoff.reason, offline: reason }, comment: input.handoff.summary || undefined,
        });
        if (!existing) prepared.push(ticket as PreparedTicket);
        const target = replies.find((reply) => reply.payload?.handoff) ?? replies[replies.length - 1];
        const language = target ? localeOf(target, locale) : locale;
        const due = formatDue(ticket.ticket.firstResponseDueAt!, at, timeZone, language);
        const text = reason === 'closed' ? ticketTexts.closed(hoursText(tenant, at), due) : ticketTexts.nobodyOnline(due);
        if (target) {
          target.text = text[language];
          target.payload = { ...target.payload, leaveMessage: { reason, ticketId: ticket.ticket.id, replyBy: ticket.ticket.firstResponseDueAt!.toISOString() } };
        }
        leaveMessage = { reason, ticketId: ticket.ticket.id };
      }
      if (prepared.length === 0 && !leaveMessage) return null;
      return {
        tickets: prepared, leaveMessage,
        async save(tx) {
          for (const ticket of prepared) await ticket.save(tx);
        },
        async announce() {
          for (const ticket of prepared) await ticket.announce();
        },
      };
    },
  };
}

export type TurnTickets = ReturnType<typeof createTurnTickets>;
