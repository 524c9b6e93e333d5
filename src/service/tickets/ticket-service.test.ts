import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createInProcessBus } from '../bus/in-process-bus.ts';
import { tenantTopic, type LiveEvent } from '../bus/bus.ts';
import { defaultTenantSettings } from '../demo-seed.ts';
import { newId } from '../ids.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import type { Store, StoredEvent, Tenant, User } from '../storage/store.ts';
import { createTicketService, slaDueTimes, type TicketService } from './ticket-service.ts';

let sql: SqlClient;
let store: Store;
let tickets: TicketService;
let tenant: Tenant;
let agent: User;
let clock = new Date('2026-12-08T02:00:00Z'); // Tuesday 10:00 in Shanghai
const live: LiveEvent[] = [];
const hooked: StoredEvent[] = [];
const nineToSix: [string, string] = ['09:00', '18:00'];

beforeAll(async () => {
  sql = await createPgliteClient();
  store = await createSqlStore('pglite', sql);
  tenant = await store.createTenant({
    id: newId('ten'), name: 'Shop', widgetKey: newId('wk'),
    settings: { ...defaultTenantSettings(), businessHours: { timeZone: 'Asia/Shanghai', days: [null, nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, null] }, support: { holidayCalendar: 'cn' } },
  });
  agent = await store.createUser({ id: newId('usr'), tenantId: tenant.id, email: 'a@shop.test', name: '王芳', role: 'agent', passwordHash: 'x' });
  const bus = createInProcessBus();
  bus.subscribe(tenantTopic(tenant.id), (event) => live.push(event));
  const webhooks = { dispatch: async (_tenantId: string, events: StoredEvent[]) => void hooked.push(...events), forget: () => {} };
  tickets = createTicketService({ sql, store, bus, webhooks, logger: pino({ level: 'silent' }), now: () => clock });
});
afterAll(async () => store.close());

describe('ticket service', () => {
  it('opens a ticket with SLA due times on the working calendar and announces it', async () => {
    const customer = await store.upsertCustomer({ id: newId('cus'), tenantId: tenant.id, externalId: 'c1', name: '李雷' });
    const ticket = await tickets.create(tenant, { type: 'complaint', priority: 'high', subject: '快递三天没动', customerId: customer.id, source: 'agent', createdBy: agent.id, comment: 'called twice' });
    // High: first response 120 working minutes → Tue 12:00 local; resolution 1080 → 540 today (10:00–18:00 = 480) … Thu 10:00.
    expect(ticket).toMatchObject({ status: 'open', priority: 'high', type: 'complaint', kind: 'complaint', breached: null, firstResponseDueAt: '2026-12-08T04:00:00.000Z', resolutionDueAt: '2026-12-10T02:00:00.000Z' });
    expect(live.at(-1)).toMatchObject({ kind: 'ticket', change: 'created', ticket: { id: ticket.id } });
    expect(hooked.at(-1)).toMatchObject({ type: 'ticket.created', customerId: customer.id, data: { ticketId: ticket.id, priority: 'high' } });
    expect((await tickets.detail(tenant.id, ticket.id)).comments.map((comment) => [comment.authorKind, comment.body])).toEqual([['system', 'called twice']]);
  });

  it('skips the National Day holiday in due times', () => {
    const due = slaDueTimes(tenant, 'normal', new Date('2026-09-30T08:00:00Z')); // Wed 30 Sep 16:00 local
    // 480 working minutes: 2 h on the 30th, 1–7 October closed, 6 h on Thursday 8 October → 15:00 local.
    expect(due.firstResponseDueAt.toISOString()).toBe('2026-10-08T07:00:00.000Z');
  });

  it('refuses unknown types, users and customers', async () => {
    await expect(tickets.create(tenant, { type: 'gossip', subject: 'x', source: 'agent' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(tickets.create(tenant, { type: 'question', subject: 'x', source: 'agent', assigneeId: 'usr_nobody' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(tickets.create(tenant, { type: 'question', subject: 'x', source: 'agent', customerId: 'cus_nobody' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('records the first response, solving and reopening; a new priority moves the due times', async () => {
    const ticket = await tickets.create(tenant, { type: 'callback', subject: '请回电', source: 'api' });
    expect(ticket.firstResponseDueAt).toBe('2026-12-08T10:00:00.000Z'); // normal: 480 min → Wed 10:00 local
    clock = new Date('2026-12-08T03:00:00Z');
    await tickets.comment(tenant, { kind: 'user', user: agent }, ticket.id, '已回电，客户不在');
    const pending = await tickets.update(tenant, { kind: 'user', user: agent }, ticket.id, { status: 'pending_customer', priority: 'urgent', assigneeId: agent.id });
    expect(pending).toMatchObject({ status: 'pending_customer', priority: 'urgent', assigneeId: agent.id, firstRespondedAt: '2026-12-08T03:00:00.000Z' });
    // Urgent from the creation time (10:00 local): 30 min → 10:30, 240 min → 14:00.
    expect([pending.firstResponseDueAt, pending.resolutionDueAt]).toEqual(['2026-12-08T02:30:00.000Z', '2026-12-08T06:00:00.000Z']);
    const solved = await tickets.update(tenant, { kind: 'user', user: agent }, ticket.id, { status: 'solved' });
    expect(solved.solvedAt).toBe('2026-12-08T03:00:00.000Z');
    expect((await tickets.update(tenant, { kind: 'user', user: agent }, ticket.id, { status: 'open' })).solvedAt).toBeNull();
    const updated = hooked.filter((event) => event.type === 'ticket.updated' && event.data.ticketId === ticket.id).at(0);
    expect(updated?.data).toMatchObject({ by: agent.id, changes: ['status', 'priority', 'assigneeId'], from: { status: 'open', priority: 'normal', assigneeId: null } });
    expect(hooked.some((event) => event.type === 'ticket.commented' && event.data.ticketId === ticket.id)).toBe(true);
  });

  it('lists by status, assignee, text and overdue, newest first', async () => {
    clock = new Date('2026-12-08T02:00:00Z');
    const late = await tickets.create(tenant, { type: 'question', subject: 'Invoice copy', priority: 'urgent', source: 'agent' });
    const mine = await tickets.create(tenant, { type: 'question', subject: 'Address change', assigneeId: agent.id, source: 'agent' });
    clock = new Date('2026-12-08T05:00:00Z'); // 13:00 local: the urgent one missed its 10:30 first response
    expect((await tickets.list(tenant.id, { overdue: true })).tickets.map((ticket) => ticket.id)).toContain(late.id);
    expect((await tickets.get(tenant.id, late.id))?.breached).toBe('first_response');
    expect((await tickets.list(tenant.id, { overdue: true })).tickets.map((ticket) => ticket.id)).not.toContain(mine.id);
    const assigned = (await tickets.list(tenant.id, { assigneeId: agent.id, status: ['open'] })).tickets;
    expect(assigned.map((ticket) => ticket.id)).toContain(mine.id);
    expect(assigned.every((ticket) => ticket.assigneeId === agent.id && ticket.status === 'open')).toBe(true);
    expect((await tickets.list(tenant.id, { unassigned: true })).tickets.map((ticket) => ticket.id)).not.toContain(mine.id);
    expect((await tickets.list(tenant.id, { search: 'invoice' })).tickets.map((ticket) => ticket.id)).toEqual([late.id]);
    const page = await tickets.list(tenant.id, { limit: 2 });
    expect(page.tickets).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    expect(page.tickets[0].createdAt >= page.tickets[1].createdAt).toBe(true);
  });

  it('reads rows of the first ticket API with the new statuses', async () => {
    const conversation = await store.createConversation({
      id: newId('conv'), tenantId: tenant.id, customerId: (await store.upsertCustomer({ id: newId('cus'), tenantId: tenant.id, externalId: 'c2' })).id, pack: 'ecommerce', channel: 'widget', locale: 'zh',
      engineState: { id: 'c', locale: 'zh', tone: 'warm', customerId: null, flow: null, suspended: [], memory: {}, failures: 0, turns: 0, handedOff: false, lastIntent: null, pendingChoices: [] }, messages: [], events: [],
    });
    const legacy = await store.createTicket({ id: newId('tkt'), tenantId: tenant.id, conversationId: conversation.conversation.id, customerId: null, kind: 'repair', status: 'open', subject: 'old', details: {} });
    await store.updateTicket(tenant.id, legacy.id, { status: 'resolved' });
    expect((await tickets.get(tenant.id, legacy.id))).toMatchObject({ status: 'solved', priority: 'normal', type: 'repair' });
    expect((await tickets.list(tenant.id, { status: ['solved'] })).tickets.map((ticket) => ticket.id)).toContain(legacy.id);
    expect((await tickets.list(tenant.id, { conversationId: conversation.conversation.id })).tickets.map((ticket) => ticket.id)).toEqual([legacy.id]);
  });
});
