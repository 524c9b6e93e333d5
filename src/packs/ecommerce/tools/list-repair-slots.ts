import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import { freeSlots } from './repair-slots.ts';
import type { StoreContext } from './shared.ts';

export const listRepairSlots = defineTool({
  name: 'list_repair_slots',
  description: 'List free technician visit slots for repair or installation, for one date or the next 7 days.',
  input: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  write: false,
  execute({ date }, context: StoreContext) {
    return freeSlots(context.data, context.clock.now(), date);
  },
});
