import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { Ticket } from '../store/types.ts';
import { freeSlots, SLOT_TIMES } from './repair-slots.ts';
import { assertOwner, type StoreContext } from './shared.ts';

export const bookRepair = defineTool({
  name: 'book_repair',
  description: 'Book a technician visit (repair or installation) in a free slot. Needs explicit confirmation.',
  input: z.object({
    user_id: z.string().trim().min(1).max(100),
    kind: z.enum(['repair', 'installation']),
    product: z.string().trim().min(1).max(200),
    order_id: z.string().trim().max(40).optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    slot: z.enum(SLOT_TIMES),
    phone: z.string().trim().min(5).max(20),
    summary: z.string().trim().min(1).max(1_000),
  }),
  write: true,
  execute(input, context: StoreContext): Ticket {
    if (!context.data.users[input.user_id]) throw new ToolError('user not found');
    assertOwner(context, input.user_id);
    if (input.order_id) {
      const order = context.data.orders[input.order_id];
      if (!order || order.user_id !== input.user_id) throw new ToolError('order not found');
    }
    const free = freeSlots(context.data, context.clock.now(), input.date);
    if (!free.some((s) => s.slot === input.slot)) throw new ToolError('that slot is not available');
    const ticket: Ticket = {
      ticket_id: context.ids.next('RP').toUpperCase(), user_id: input.user_id, kind: input.kind, status: 'scheduled',
      order_id: input.order_id, product: input.product, summary: input.summary, date: input.date, slot: input.slot,
      contact_phone: input.phone, created_at: context.clock.now(),
    };
    context.data.tickets.push(ticket);
    return ticket;
  },
});
