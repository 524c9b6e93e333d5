import { describe, expect, it } from 'vitest';
import { describeContract, loadToolContracts } from './tool-contracts.ts';
import { packNames } from './registry.ts';

describe('tool contracts', () => {
  it('lists every tool of every pack with its access, and e-commerce order tools with typed results', async () => {
    for (const name of packNames()) {
      const contracts = await loadToolContracts(name);
      expect(Object.keys(contracts).length).toBeGreaterThan(0);
      for (const contract of Object.values(contracts)) expect(['read', 'write']).toContain(contract.access);
    }
    const ecommerce = await loadToolContracts('ecommerce');
    expect(ecommerce.track_order).toMatchObject({ access: 'read', typedResult: true, needsApproval: false });
    expect(ecommerce.cancel_pending_order).toMatchObject({ access: 'write', typedResult: true, needsApproval: true });
    expect(ecommerce.cancel_pending_order.input.safeParse({ order_id: '#W1', reason: 'ordered by mistake' }).success).toBe(true);
    expect(ecommerce.cancel_pending_order.input.safeParse({ order_id: '#W1', reason: 'because' }).success).toBe(false);
    expect(ecommerce.track_order.result.safeParse({ order_id: '#W1', status: 'pending', fulfillments: [] }).success).toBe(true);
    expect(ecommerce.track_order.result.safeParse({ order_id: '#W1', fulfillments: 'none' }).success).toBe(false);
  });

  it('describes a contract as JSON Schema for the admin', async () => {
    const described = describeContract((await loadToolContracts('ecommerce')).cancel_pending_order);
    expect(described.input).toMatchObject({ type: 'object', required: ['order_id', 'reason'] });
    expect(described.result).toMatchObject({ type: 'object' });
  });
});
