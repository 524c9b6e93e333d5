import { describe, expect, it } from 'vitest';
import { runTool, type ToolContext } from '../../../engine/tools/define-tool.ts';
import { createCounterIds, fixedClock } from '../../../engine/ports.ts';
import { loadLogisticsData } from '../store/load-data.ts';
import type { LogisticsDb } from '../store/types.ts';
import { logisticsTools } from './index.ts';

const NOW = '2026-11-20T10:00:00+08:00';
const data = await loadLogisticsData();
const context = (customerId: string | null, db: LogisticsDb = data): ToolContext<LogisticsDb> => ({
  data: db, clock: fixedClock(NOW), ids: createCounterIds(), locale: 'zh', actor: { kind: 'customer', customerId },
});
const run = (name: keyof typeof logisticsTools, args: unknown, ctx: ToolContext<LogisticsDb>) => runTool(logisticsTools[name] as never, args, ctx as never);

describe('demo data', () => {
  it('has ~200 shipments over every status and ~80 customers', async () => {
    const statuses = new Set(Object.values(data.shipments).map((s) => s.status));
    expect(Object.keys(data.shipments)).toHaveLength(200);
    expect(Object.keys(data.customers)).toHaveLength(80);
    expect([...statuses].sort()).toEqual(['awaiting_pickup', 'delayed', 'delivered', 'in_transit', 'lost', 'out_for_delivery', 'picked_up']);
  });
});

describe('logistics tools', () => {
  it('verifies by the last 4 digits of the sender or recipient only', async () => {
    expect((await run('verify_shipment_contact', { waybill: 'SF492344382422', phone_last4: '1893' }, context(null)))).toMatchObject({ ok: true, result: 'c029' });
    expect((await run('verify_shipment_contact', { waybill: 'SF492344382422', phone_last4: '0000' }, context(null))).ok).toBe(false);
  });
  it('shows full details only to a party of the shipment, with masked phones', async () => {
    expect((await run('get_shipment_details', { waybill: 'SF492344382422' }, context(null))).ok).toBe(false);
    expect((await run('get_shipment_details', { waybill: 'SF492344382422' }, context('c001'))).error).toMatch(/someone else/);
    const details = await run('get_shipment_details', { waybill: 'SF492344382422' }, context('c029'));
    expect(details.result).toMatchObject({ role: 'sender', sender: { phone: '152****1893' } });
  });
  it('changes the address before dispatch and refuses after', async () => {
    const db = await loadLogisticsData();
    expect((await run('change_delivery_address', { waybill: 'SF492344382422', address: '杭州市西湖区文三路100号' }, context('c029', db))).ok).toBe(true);
    expect(db.shipments.SF492344382422.recipient.address).toBe('杭州市西湖区文三路100号');
    const sender = db.shipments['1715937027234'].sender.customer_id;
    expect((await run('change_delivery_address', { waybill: '1715937027234', address: '杭州市西湖区文三路100号' }, context(sender, db))).error).toMatch(/dispatched/);
  });
  it('books pickups only in free windows (capacity 2 per city and window)', async () => {
    const db = await loadLogisticsData();
    const booking = { city: 'shanghai', address: '上海市浦东新区世纪大道100号', date: '2026-11-21', slot: '09:00-12:00', phone: '13912345678' };
    expect((await run('book_pickup', booking, context(null, db))).ok).toBe(true);
    expect((await run('book_pickup', booking, context(null, db))).ok).toBe(true);
    expect((await run('book_pickup', booking, context(null, db))).error).toMatch(/not available/);
    expect((await run('book_pickup', { ...booking, city: 'beijing' }, context(null, db))).ok).toBe(true);
  });
  it('limits delay notices to the verified customer, all of them for the scheduler', async () => {
    const all = (await run('list_delay_notices', {}, { ...context(null), actor: { kind: 'system' } })).result as unknown[];
    expect(all.length).toBeGreaterThan(30);
    expect((await run('list_delay_notices', {}, context(null))).result).toEqual([]);
  });
  it('rejects malformed waybills at the boundary', async () => {
    expect((await run('track_shipment', { waybill: 'SF123' }, context(null))).error).toMatch(/invalid arguments/);
  });
});
