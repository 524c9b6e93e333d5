import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { Ticket } from '../store/types.ts';
import { assertOwner, type StoreContext } from './shared.ts';

export const createComplaint = defineTool({
  name: 'create_complaint',
  description: 'Open a complaint ticket that a person follows up (the service tells the customer by when, from the SLA). Needs explicit confirmation.',
  input: z.object({
    user_id: z.string().trim().min(1).max(100).nullable(),
    order_id: z.string().trim().max(40).optional(),
    summary: z.string().trim().min(1).max(2_000),
  }),
  write: true,
  execute(input, context: StoreContext): Ticket {
    if (input.user_id) {
      if (!context.data.users[input.user_id]) throw new ToolError('user not found');
      assertOwner(context, input.user_id);
    }
    const ticket: Ticket = {
      ticket_id: context.ids.next('CP').toUpperCase(), user_id: input.user_id, kind: 'complaint', status: 'open',
      order_id: input.order_id, summary: input.summary, created_at: context.clock.now(),
    };
    context.data.tickets.push(ticket);
    return ticket;
  },
});
