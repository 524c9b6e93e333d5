import { describe, expect, it } from 'vitest';
import { demoCustomers } from './demo-customers.ts';
import { PACK_MODULES } from './registry.ts';
import type { EcommerceDb } from './ecommerce/store/types.ts';

describe('demoCustomers', () => {
  it('lists a few customers of every demo backend that has customers, read from the pack data', async () => {
    const customers = await demoCustomers(2);
    const backends = [...new Set(customers.map((customer) => customer.backend))];
    expect(backends).toEqual(['ecommerce', 'ecommerce (en)', 'finance', 'healthcare', 'logistics', 'education']);
    for (const backend of backends) expect(customers.filter((customer) => customer.backend === backend)).toHaveLength(2);
    for (const customer of customers) {
      expect(customer.identity.length).toBeGreaterThan(0);
      expect(customer.item).not.toBe('');
    }
  });

  it('gives the Chinese store customers their real phone, e-mail, zip and an order of theirs, a pending one first', async () => {
    const store = await PACK_MODULES.ecommerce.loadData({ locale: 'zh' }) as EcommerceDb;
    const [first, second] = (await demoCustomers()).filter((customer) => customer.backend === 'ecommerce');
    for (const customer of [first, second]) {
      const orderId = customer.item.split(' ')[0];
      const order = store.orders[orderId];
      const user = store.users[order.user_id];
      expect(customer.identity).toEqual([user.phone, user.email, `邮编 zip ${user.address.zip}`]);
      expect(customer.name).toBe(`${user.name.last_name}${user.name.first_name}`);
    }
    expect(first.item).toMatch(/ pending /);
    expect(second.item).toMatch(/ delivered /);
  });

  it('names the English store customers by first and last name with zip (no phone in that store)', async () => {
    const english = (await demoCustomers()).filter((customer) => customer.backend === 'ecommerce (en)');
    expect(english[0].name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(english[0].identity.at(-1)).toMatch(/^zip \d{5}$/);
  });
});
