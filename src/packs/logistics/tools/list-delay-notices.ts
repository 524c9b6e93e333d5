import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import { delayNotices, type DelayNotice } from '../rules/delay-notices.ts';
import type { LogisticsContext } from './shared.ts';

/**
 * Proactive delay notices. A scheduler calls it as `system` for every shipment; in a customer conversation it
 * covers only the verified customer's own shipments (as sender or recipient).
 */
export const listDelayNotices = defineTool({
  name: 'list_delay_notices',
  description: 'Delay notices (carrier exception, past the promised time, stalled, likely lost) for shipments still on the way.',
  input: z.object({}),
  write: false,
  execute(_input, context: LogisticsContext): DelayNotice[] {
    const all = Object.values(context.data.shipments);
    const actor = context.actor;
    const mine = actor.kind === 'system' ? all : all.filter((s) => actor.customerId !== null && (s.sender.customer_id === actor.customerId || s.recipient.customer_id === actor.customerId));
    return delayNotices(mine, context.clock.now());
  },
});
