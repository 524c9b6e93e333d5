import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { isLingxiError } from '../../engine/errors.ts';
import { applyRecord, fromRecords } from '../../packs/backend-records.ts';
import type { BackendWrite } from '../../packs/backend-state.ts';
import { newId } from '../ids.ts';
import type { PackBackendStore } from './pack-backend-store.ts';

export interface PackBackendStoreHarness {
  backends: PackBackendStore;
  /** Creates a tenant row (the backend tables reference tenants). */
  addTenant(id: string): Promise<void>;
  destroy(): Promise<void>;
}

/** A small backend of the e-commerce shape: maps of users and orders, an array of tickets, a scalar. */
const demo = () => ({
  currency: 'CNY',
  users: { u1: { name: '张伟', orders: ['#1'] }, u2: { name: 'Noah Brown', orders: ['#2'] } },
  orders: { '#1': { user_id: 'u1', status: 'pending', total: 12816.52 }, '#2': { user_id: 'u2', status: 'delivered', total: 9.9 } },
  tickets: [] as unknown[],
});

const cancelOrder = (before: Record<string, unknown>): BackendWrite => ({
  pack: 'ecommerce', tool: 'cancel_pending_order', arguments: { order_id: '#1', reason: 'no longer needed' }, actor: { kind: 'customer', customerId: 'u1' }, at: '2026-12-07T10:00:00.000Z',
  changes: [{ collection: 'orders', key: '#1', before, after: { ...before, status: 'cancelled' }, removed: false }],
});

const bookRepair = (index: number, id: string): BackendWrite => ({
  pack: 'ecommerce', tool: 'book_repair', arguments: { user_id: 'u2', kind: 'repair' }, actor: { kind: 'customer', customerId: 'u2' }, at: '2026-12-07T10:01:00.000Z',
  changes: [{ collection: 'tickets', key: String(index), before: null, after: { ticket_id: id, user_id: 'u2', status: 'scheduled' }, removed: false }],
});

async function conflictOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a conflict');
}

/** What every PackBackendStore must do, on PGlite and on PostgreSQL (house style §4). */
export function runPackBackendStoreContract(options: { name: string; create: () => Promise<PackBackendStoreHarness> }): void {
  describe(`PackBackendStore contract: ${options.name}`, () => {
    let harness: PackBackendStoreHarness;
    let backends: PackBackendStore;
    beforeAll(async () => {
      harness = await options.create();
      backends = harness.backends;
    });
    afterAll(async () => harness.destroy());

    async function tenant(): Promise<string> {
      const id = newId('ten');
      await harness.addTenant(id);
      return id;
    }

    it('seeds once per tenant and pack and rebuilds the same data', async () => {
      const a = await tenant();
      expect(await backends.versions(a, ['ecommerce'])).toEqual({});
      expect(await backends.load(a, 'ecommerce')).toBeNull();
      await backends.seed(a, 'ecommerce', demo());
      // A second seed (another node, a restart) keeps what is stored.
      await backends.seed(a, 'ecommerce', { ...demo(), currency: 'USD' });
      expect(await backends.versions(a, ['ecommerce', 'logistics'])).toEqual({ ecommerce: 1 });
      const loaded = (await backends.load(a, 'ecommerce'))!;
      expect(loaded.version).toBe(1);
      expect(fromRecords(loaded.shape, loaded.records)).toEqual(demo());
      expect(Object.keys(fromRecords(loaded.shape, loaded.records).orders as object)).toEqual(['#1', '#2']);
    });

    it('commits a turn: compare-and-set per record, one version step, an audit row per tool call, deltas by version', async () => {
      const a = await tenant();
      const other = await tenant();
      await backends.seed(a, 'ecommerce', demo());
      await backends.seed(other, 'ecommerce', demo());
      const versions = await backends.commit(a, { conversationId: 'conv_1', actor: { kind: 'bot' }, writes: [cancelOrder(demo().orders['#1']), bookRepair(0, 'RP_000001')] });
      expect(versions).toEqual({ ecommerce: 2 });
      const delta = (await backends.load(a, 'ecommerce', 1))!;
      expect(delta.version).toBe(2);
      expect(delta.records.map((record) => `${record.collection}/${record.key}`).sort()).toEqual(['orders/#1', 'tickets/0']);
      const data = fromRecords(delta.shape, (await backends.load(a, 'ecommerce'))!.records);
      expect(data.orders).toMatchObject({ '#1': { status: 'cancelled' }, '#2': { status: 'delivered' } });
      expect(data.tickets).toEqual([{ ticket_id: 'RP_000001', user_id: 'u2', status: 'scheduled' }]);
      const audit = await backends.audit(a);
      expect(audit.map((entry) => entry.tool)).toEqual(['book_repair', 'cancel_pending_order']);
      expect(audit[1]).toMatchObject({
        pack: 'ecommerce', version: 2, conversationId: 'conv_1', actor: 'bot', customerId: 'u1', arguments: { order_id: '#1' },
        changes: [{ collection: 'orders', key: '#1', before: { status: 'pending' }, after: { status: 'cancelled' } }],
      });
      // The other tenant's backend is its own.
      const untouched = (await backends.load(other, 'ecommerce'))!;
      expect(untouched.version).toBe(1);
      expect(fromRecords(untouched.shape, untouched.records)).toEqual(demo());
      expect(await backends.audit(other)).toEqual([]);
    });

    it('refuses a write that started from a stale record, and writes nothing of that turn', async () => {
      const a = await tenant();
      await backends.seed(a, 'ecommerce', demo());
      await backends.commit(a, { conversationId: 'conv_a', actor: { kind: 'bot' }, writes: [cancelOrder(demo().orders['#1'])] });
      // A second node still holding the pending order tries the same cancellation, plus a booking.
      const error = await conflictOf(backends.commit(a, { conversationId: 'conv_b', actor: { kind: 'bot' }, writes: [bookRepair(0, 'RP_000002'), cancelOrder(demo().orders['#1'])] }));
      expect(isLingxiError(error) && error.code).toBe('conflict');
      expect(await backends.versions(a, ['ecommerce'])).toEqual({ ecommerce: 2 });
      const data = (await backends.load(a, 'ecommerce'))!;
      expect(fromRecords(data.shape, data.records).tickets).toEqual([]);
      expect((await backends.audit(a)).map((entry) => entry.conversationId)).toEqual(['conv_a']);
      // Two nodes appending to an array at the same index: appends do not conflict, the second goes to the end.
      await backends.commit(a, { conversationId: 'conv_c', actor: { kind: 'agent', id: 'usr_1' }, writes: [bookRepair(0, 'RP_000003')] });
      await backends.commit(a, { conversationId: 'conv_d', actor: { kind: 'bot' }, writes: [bookRepair(0, 'RP_000004')] });
      const appended = (await backends.load(a, 'ecommerce'))!;
      expect((fromRecords(appended.shape, appended.records).tickets as Array<{ ticket_id: string }>).map((ticket) => ticket.ticket_id)).toEqual(['RP_000003', 'RP_000004']);
      expect((await backends.audit(a, { conversationId: 'conv_c' }))[0]).toMatchObject({ actor: 'agent', actorId: 'usr_1' });
      // Two creations of the same new map key: the second is a conflict.
      const newUser = (name: string): BackendWrite => ({ ...cancelOrder({}), tool: 'register', changes: [{ collection: 'users', key: 'u3', before: null, after: { name }, removed: false }] });
      await backends.commit(a, { conversationId: 'conv_e', actor: { kind: 'bot' }, writes: [newUser('王芳')] });
      expect(isLingxiError(await conflictOf(backends.commit(a, { conversationId: 'conv_f', actor: { kind: 'bot' }, writes: [newUser('Wang Fang')] })))).toBe(true);
    });

    it('stores removals as tombstones that a delta load carries', async () => {
      const a = await tenant();
      await backends.seed(a, 'ecommerce', demo());
      const removal: BackendWrite = { ...cancelOrder(demo().orders['#2']), changes: [{ collection: 'orders', key: '#2', before: demo().orders['#2'], after: null, removed: true }] };
      await backends.commit(a, { conversationId: null, actor: { kind: 'system' }, writes: [removal] });
      const full = (await backends.load(a, 'ecommerce'))!;
      const data = fromRecords(full.shape, full.records.filter((record) => !record.removed));
      expect(Object.keys(data.orders as object)).toEqual(['#1']);
      const cached = demo() as Record<string, unknown>;
      for (const record of (await backends.load(a, 'ecommerce', 1))!.records) applyRecord(cached, full.shape, record.collection, record.key, record.removed ? undefined : record.value);
      expect(Object.keys(cached.orders as object)).toEqual(['#1']);
    });

    it('hands out id blocks that never overlap, also when asked at once', async () => {
      const a = await tenant();
      const starts = await Promise.all(Array.from({ length: 8 }, () => backends.allocateIds(a, 10)));
      const numbers = starts.flatMap((start) => Array.from({ length: 10 }, (_, index) => start + index));
      expect(new Set(numbers).size).toBe(80);
      expect(Math.min(...numbers)).toBe(1);
      const b = await tenant();
      expect(await backends.allocateIds(b, 5)).toBe(1);
      await expect(backends.allocateIds(b, 0)).rejects.toThrow(/positive/);
    });
  });
}
