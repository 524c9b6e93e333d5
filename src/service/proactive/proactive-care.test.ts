import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultTenantSettings } from '../demo-seed.ts';
import { createInProcessJobRunner } from '../jobs/in-process-job-runner.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import type { Customer, Store, Tenant } from '../storage/store.ts';
import { createProactiveCare, type ProactiveSender } from './proactive-care.ts';
import type { ProactiveSettings } from './proactive-rules.ts';

// 10:00 in Shanghai (UTC+8): outside the default quiet hours 21:00–09:00.
const DAYTIME = new Date('2026-11-20T02:00:00Z');
const HOUR = 3_600_000;

/** Retries an async check until it passes (jobs run on timers). */
async function eventually(check: () => unknown, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

describe('proactive care', () => {
  let sql: SqlClient;
  let store: Store;
  let tenant: Tenant;
  let customer: Customer;
  let clock: Date;
  let sent: Array<{ customerId: string; text: string; data: Record<string, unknown> }>;
  const runners: JobRunner[] = [];

  // Stands for ConversationService.sendProactive: records the text, answers with a real conversation id.
  const send: ProactiveSender = async (target, customerTo, text, data) => {
    sent.push({ customerId: customerTo.id, text, data });
    const conversationId = `conv_${target.id}_${sent.length}`;
    await store.createConversation({ id: conversationId, tenantId: target.id, customerId: customerTo.id, pack: 'ecommerce', locale: 'zh', engineState: {} as never, messages: [] });
    return { conversationId, messageId: `msg_${sent.length}` };
  };
  const care = (settings: Partial<ProactiveSettings> = {}) => {
    const jobs = createInProcessJobRunner();
    runners.push(jobs);
    return createProactiveCare({ sql, store, jobs, send, settings, now: () => clock });
  };
  const delayed = (orderId: string) => ({ type: 'order.delayed', data: { orderId, newDate: '2026-11-25' } });

  let tenantNumber = 0;
  // One in-memory database for the file (starting PGlite takes seconds); each test gets its own tenant.
  beforeAll(async () => {
    sql = await createPgliteClient();
    store = await createSqlStore('pglite', sql);
  });
  afterAll(async () => store.close());
  beforeEach(async () => {
    tenantNumber++;
    tenant = await store.createTenant({ id: `ten_${tenantNumber}`, name: 'Shop', widgetKey: `wk_${tenantNumber}`, settings: defaultTenantSettings() });
    customer = await store.upsertCustomer({ id: `cus_${tenantNumber}`, tenantId: tenant.id, externalId: 'u1' });
    clock = DAYTIME;
    sent = [];
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.close(100);
  });

  it('apologises for a delayed order with the new date, once, even when the event is posted twice', async () => {
    const proactive = care();
    await proactive.handleEvent(tenant, customer, delayed('#CN1'));
    await proactive.handleEvent(tenant, customer, delayed('#CN1'));
    await eventually(async () => expect((await proactive.list(tenant.id))[0]?.status).toBe('sent'));
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toContain('#CN1');
    expect(sent[0].text).toContain('2026-11-25');
    expect(sent[0].data).toMatchObject({ proactive: true, ruleId: 'order-delayed-apology' });
    const [log] = await proactive.list(tenant.id);
    expect(log).toMatchObject({ status: 'sent', outcome: 'sent', ruleId: 'order-delayed-apology', messageId: 'msg_1' });
    // The conversation records why the bot spoke first.
    const events = await store.listEvents(tenant.id, log.conversationId!);
    expect(events.find((event) => event.type === 'proactive.sent')?.data).toMatchObject({ ruleId: 'order-delayed-apology', because: 'order.delayed' });
  });

  it('never sends twice across a restart: a new runner and a replayed event find the row already sent', async () => {
    const first = care();
    await first.handleEvent(tenant, customer, { type: 'order.delivered', data: { orderId: '#CN2' } });
    expect(sent).toHaveLength(0);
    await runners[0].close(100);
    clock = new Date(DAYTIME.getTime() + 72 * HOUR);
    const second = care();
    await second.handleEvent(tenant, customer, { type: 'order.delivered', data: { orderId: '#CN2' } });
    expect(await second.sweep()).toBe(1);
    await eventually(() => expect(sent).toHaveLength(1));
    expect(await second.sweep()).toBe(0);
    const third = care();
    await third.handleEvent(tenant, customer, { type: 'order.delivered', data: { orderId: '#CN2' } });
    await third.sweep();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toContain('#CN2');
  });

  it('defers messages due in quiet hours (tenant time zone) to the end of the window', async () => {
    clock = new Date('2026-11-20T15:30:00Z'); // 23:30 in Shanghai
    const proactive = care();
    await proactive.handleEvent(tenant, customer, delayed('#CN3'));
    await eventually(async () => expect((await proactive.list(tenant.id))[0]?.outcome).toBe('deferred_quiet_hours'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toHaveLength(0);
    const [row] = await proactive.list(tenant.id);
    expect(row).toMatchObject({ status: 'scheduled', dueAt: '2026-11-21T01:00:00.000Z' }); // 09:00 Shanghai
    clock = new Date('2026-11-21T01:00:00Z');
    await proactive.sweep();
    await eventually(() => expect(sent).toHaveLength(1));
  });

  it('caps messages per customer and logs the capped ones', async () => {
    const proactive = care({ capPerCustomer: 2 });
    for (const order of ['#A', '#B', '#C']) {
      await proactive.handleEvent(tenant, customer, delayed(order));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await eventually(async () => expect((await proactive.list(tenant.id)).filter((row) => row.status !== 'scheduled' && row.status !== 'sending')).toHaveLength(3));
    expect(sent).toHaveLength(2);
    expect((await proactive.list(tenant.id)).map((row) => row.outcome).sort()).toEqual(['capped', 'sent', 'sent']);
  });

  it('honours opt-out', async () => {
    const optedOut = await store.upsertCustomer({ id: `cus_opt_${tenantNumber}`, tenantId: tenant.id, externalId: 'u2', attributes: { proactiveOptOut: true } });
    const proactive = care();
    await proactive.handleEvent(tenant, optedOut, delayed('#CN4'));
    await eventually(async () => expect((await proactive.list(tenant.id))[0]?.outcome).toBe('opted_out'));
    expect(sent).toHaveLength(0);
  });

  it('drops a cart nudge when the customer ordered in the meantime', async () => {
    const proactive = care();
    await proactive.handleEvent(tenant, customer, { type: 'cart.updated', data: { cartId: 'c1', items: 2 } });
    clock = new Date(DAYTIME.getTime() + HOUR);
    await store.appendEvent(tenant.id, { type: 'order.placed', customerId: customer.id, data: { orderId: '#CN5' } });
    clock = new Date(DAYTIME.getTime() + 2 * HOUR);
    await proactive.sweep();
    await eventually(async () => expect((await proactive.list(tenant.id))[0]?.outcome).toBe('cancelled'));
    expect(sent).toHaveLength(0);
  });
});
