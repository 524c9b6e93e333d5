import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../engine/ports.ts';
import { runTool, type ToolContext } from '../../engine/tools/define-tool.ts';
import { withRecordedWrites } from '../../packs/backend-state.ts';
import { loadPack, PACK_MODULES } from '../../packs/registry.ts';
import { defaultTenantSettings } from '../demo-seed.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import type { Store } from '../storage/store.ts';
import { createPackBackendStore } from './pack-backend-store.ts';
import { createStoreBackendState, type BackendTenant } from './store-backend-state.ts';

type Bank = { cards: Record<string, { status: string }>; disputes: Array<{ dispute_id: string; transaction_id: string }> };

/**
 * One "node": a store-backed backend state and the finance pack bound through it the way createPackEngine binds it
 * (the real pack tools, write tools recording their changes). `call` runs a tool inside a turn of `tenant`.
 */
async function node(sql: SqlClient) {
  const backends = createStoreBackendState(createPackBackendStore(sql));
  const seed = await PACK_MODULES.finance.loadData({});
  const data = backends.state.bind('finance', seed) as Bank;
  const pack = withRecordedWrites(await loadPack('finance'), data, backends.state);
  const context = (): ToolContext => ({ data, clock: fixedClock('2026-12-07T10:00:00.000Z'), ids: backends.state.ids, locale: 'zh', actor: { kind: 'system' } });
  const call = (tenant: BackendTenant, tool: string, args: Record<string, unknown>, conversationId = 'conv_test') =>
    backends.run(tenant, { conversationId, actor: { kind: 'bot' } }, async () => runTool(pack.tools[tool] as never, args, context()));
  const read = <T>(tenant: BackendTenant, look: (bank: Bank) => T) => backends.run(tenant, { conversationId: null, actor: { kind: 'system' } }, async () => look(data));
  return { backends, data, pack, context, seed: seed as Bank, call, read };
}

let sql: SqlClient;
let store: Store;
const tenants: BackendTenant[] = [];
beforeAll(async () => {
  sql = await createPgliteClient();
  store = await createSqlStore('pglite', sql);
  for (const id of ['ten_bank_a', 'ten_bank_b']) {
    await store.createTenant({ id, name: id, widgetKey: `wk_${id}`, settings: { ...defaultTenantSettings(), packs: ['finance'] } });
    tenants.push({ id, settings: { packs: ['finance'], locale: 'zh' } });
  }
});
afterAll(async () => store.close());

describe('store-backed backend state', () => {
  it('stores a turn\'s writes with their audit, per tenant, and a fresh node (restart) sees them', async () => {
    const [a, b] = tenants;
    const first = await node(sql);
    const frozen = await first.call(a, 'block_card', { card_id: 'card_zw_6621', action: 'freeze' });
    expect(frozen.ok).toBe(true);
    const dispute = await first.call(a, 'create_dispute', { transaction_id: 'T1002', reason: 'duplicate', description: '同一笔扣了两次' });
    expect((dispute.result as { dispute_id: string }).dispute_id).toMatch(/^DP_[0-9A-Z]{6}$/);
    // Tenant B has its own backend; outside a turn the router is the engine's seed copy, untouched.
    expect(await first.read(b, (bank) => bank.cards.card_zw_6621.status)).toBe('active');
    expect(first.data.cards.card_zw_6621.status).toBe('active');
    expect(first.seed.disputes).toEqual([]);

    const restarted = await node(sql);
    expect(await restarted.read(a, (bank) => bank.cards.card_zw_6621.status)).toBe('frozen');
    expect(await restarted.read(a, (bank) => bank.disputes.map((d) => d.transaction_id))).toEqual(['T1002']);
    // Ids never repeat after the restart: the next dispute gets a number of a new block.
    const again = await restarted.call(a, 'create_dispute', { transaction_id: 'T1003', reason: 'unauthorized', description: 'I did not pay this' });
    expect((again.result as { dispute_id: string }).dispute_id.slice(3)).not.toBe((dispute.result as { dispute_id: string }).dispute_id.slice(3));
    const audit = await createPackBackendStore(sql).audit(a.id);
    expect(audit.map((entry) => entry.tool)).toEqual(['create_dispute', 'create_dispute', 'block_card']);
    expect(audit[2]).toMatchObject({
      actor: 'bot', conversationId: 'conv_test', arguments: { card_id: 'card_zw_6621', action: 'freeze' },
      changes: [{ collection: 'cards', key: 'card_zw_6621', before: { status: 'active' }, after: { status: 'frozen' } }],
    });
    expect(await createPackBackendStore(sql).audit(b.id)).toEqual([]);
  });

  it('a write on one node is seen by the next turn on another; a write from a stale copy is refused, then reloaded', async () => {
    const [, b] = tenants;
    const nodeA = await node(sql);
    const nodeB = await node(sql);
    expect(await nodeB.read(b, (bank) => bank.cards.card_zw_4321.status)).toBe('active');
    await nodeA.call(b, 'block_card', { card_id: 'card_zw_4321', action: 'freeze' });
    expect(await nodeB.read(b, (bank) => bank.cards.card_zw_4321.status)).toBe('frozen');
    // B's turn freezes card_ln_8890 on its copy and is still running when A reports the same card lost and commits.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const stale = nodeB.backends.run(b, { conversationId: 'conv_b', actor: { kind: 'bot' } }, async () => {
      const outcome = runTool(nodeB.pack.tools.block_card as never, { card_id: 'card_ln_8890', action: 'freeze' }, nodeB.context());
      await gate;
      return outcome;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await nodeA.call(b, 'block_card', { card_id: 'card_ln_8890', action: 'report_lost' })).ok).toBe(true);
    release();
    await expect(stale).rejects.toMatchObject({ code: 'conflict' });
    // B dropped its copy: the next turn reads what is stored.
    expect(await nodeB.read(b, (bank) => bank.cards.card_ln_8890.status)).toBe('reported_lost');
    expect((await createPackBackendStore(sql).audit(b.id)).map((entry) => entry.conversationId)).not.toContain('conv_b');
  });
});
