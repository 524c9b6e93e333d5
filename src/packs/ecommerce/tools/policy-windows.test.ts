import { describe, expect, it } from 'vitest';
import { runTool } from '../../../engine/tools/define-tool.ts';
import { createCounterIds, fixedClock } from '../../../engine/ports.ts';
import { loadStore } from '../store/load-store.ts';
import { returnDeliveredOrderItems } from './return-delivered-order-items.ts';
import { exchangeDeliveredOrderItems } from './exchange-delivered-order-items.ts';

// #CN2611604888 (zhou_yong_7735) was signed for on 2026-11-11; store-zh allows returns for 7 days, exchanges for 15.
const run = async (tool: typeof returnDeliveredOrderItems | typeof exchangeDeliveredOrderItems, args: Record<string, unknown>, now: string, store = 'store-zh') => {
  const data = await loadStore(store);
  return runTool(tool, args, { data, clock: fixedClock(now), ids: createCounterIds(), locale: 'zh', actor: { kind: 'customer', customerId: 'zhou_yong_7735' } });
};
const returnArgs = { order_id: '#CN2611604888', item_ids: ['5227967972'], payment_method_id: 'alipay_7064978' };
const exchangeArgs = { order_id: '#CN2611604888', item_ids: ['5227967972'], new_item_ids: ['7936726405'], payment_method_id: 'alipay_7064978' };

describe('after-sales windows are enforced by the tools (both modes)', () => {
  it('refuses a return 9 days after delivery and accepts one 4 days after', async () => {
    const late = await run(returnDeliveredOrderItems, returnArgs, '2026-11-20T10:00:00+08:00');
    expect(late.ok).toBe(false);
    expect(late.error).toMatch(/return window passed: delivered on 2026-11-11/);
    expect((await run(returnDeliveredOrderItems, returnArgs, '2026-11-15T10:00:00+08:00')).ok).toBe(true);
  });

  it('allows an exchange until 15 days after delivery', async () => {
    expect((await run(exchangeDeliveredOrderItems, exchangeArgs, '2026-11-20T10:00:00+08:00')).ok).toBe(true);
    expect((await run(exchangeDeliveredOrderItems, exchangeArgs, '2026-11-27T10:00:00+08:00')).error).toMatch(/exchange window passed/);
  });

  it('has no window where the store states none (τ-bench retail)', async () => {
    const data = await loadStore('tau-retail');
    expect(data.policy).toBeUndefined();
  });
});
