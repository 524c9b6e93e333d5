import { maskPii } from '../observability/mask-pii.ts';
import type { Conversation, Customer, Message, Note, StoredEvent, Store, Ticket } from '../storage/store.ts';

/** Everything the service holds about one customer (PIPL art. 45 / GDPR art. 15 and 20), as plain JSON. */
export interface CustomerExport {
  exportedAt: string;
  masked: boolean;
  customer: Customer;
  conversations: Array<{ conversation: Omit<Conversation, 'engineState'>; messages: Message[]; notes: Note[]; events: StoredEvent[] }>;
  tickets: Ticket[];
  businessEvents: StoredEvent[];
}

const maskDeep = (value: unknown): unknown =>
  typeof value === 'string' ? maskPii(value)
    : Array.isArray(value) ? value.map(maskDeep)
      : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskDeep(inner)])) : value;

/**
 * Collects a customer's profile, every conversation with all messages (paged past the store's page size), notes,
 * events and tickets. With `mask`, phone numbers, e-mails, ID and card numbers in every text are masked — for
 * transcripts shared beyond the data subject (e.g. with a supplier); the customer's own copy is unmasked.
 */
export async function buildCustomerExport(store: Store, customer: Customer, options: { mask?: boolean; now?: Date } = {}): Promise<CustomerExport> {
  const conversations: CustomerExport['conversations'] = [];
  for (const conversation of await store.listConversations(customer.tenantId, { customerId: customer.id, limit: 10_000 })) {
    const messages: Message[] = [];
    for (;;) {
      const page = await store.listMessages(customer.tenantId, conversation.id, { afterSeq: messages.at(-1)?.seq ?? 0, limit: 500 });
      messages.push(...page);
      if (page.length < 500) break;
    }
    const { engineState: _engineState, ...summary } = conversation;
    conversations.push({ conversation: summary, messages, notes: await store.listNotes(customer.tenantId, conversation.id), events: await store.listEvents(customer.tenantId, conversation.id, 10_000) });
  }
  const tickets = (await store.listTickets(customer.tenantId)).filter((ticket) => ticket.customerId === customer.id);
  const businessEvents = (await store.listEvents(customer.tenantId, null, 10_000)).filter((event) => event.customerId === customer.id);
  const result: CustomerExport = { exportedAt: (options.now ?? new Date()).toISOString(), masked: Boolean(options.mask), customer, conversations, tickets, businessEvents };
  if (!options.mask) return result;
  return { ...(maskDeep(result) as CustomerExport), exportedAt: result.exportedAt, masked: true, customer: { ...(maskDeep(customer) as Customer), id: customer.id, externalId: customer.externalId } };
}
