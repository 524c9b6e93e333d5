import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { BankDb } from '../store/types.ts';
import { samePhone } from './shared.ts';

/** Two-factor identification: the phone on file plus the last four characters of the national id. */
export const findCustomer = defineTool({
  name: 'find_customer',
  description: 'Find the customer id from the registered mobile phone number and the last four characters of the national id number. Both must match.',
  input: z.object({ phone: z.string().trim().min(5).max(20), id_last4: z.string().trim().regex(/^\d{3}[\dXx]$/) }),
  write: false,
  execute({ phone, id_last4: last4 }, context: { data: BankDb }) {
    const customer = Object.values(context.data.customers).find((c) => samePhone(c.phone, phone) && c.id_last4.toUpperCase() === last4.toUpperCase());
    if (!customer) throw new ToolError('no customer matches this phone number and id');
    return customer.customer_id;
  },
});
