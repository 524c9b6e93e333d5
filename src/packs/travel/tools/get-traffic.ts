import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import type { TrafficReport } from '../providers/traffic-provider.ts';
import { addDays, beijingDate, districtSchema, type TravelContext } from './travel-context.ts';

/** Road conditions and driving restrictions of a district through the pack's TrafficProvider port. */
export const getTraffic = defineTool({
  name: 'get_traffic',
  description: 'Traffic and tail-number driving restriction in a Beijing district for a time of day.',
  input: z.object({
    district: districtSchema.default('东城'), offset_days: z.number().int().min(0).max(6).default(0),
    period: z.enum(['morning', 'afternoon', 'evening']).default('morning'),
  }),
  write: false,
  execute({ district, offset_days: offset, period }, context: TravelContext): TrafficReport {
    return context.data.traffic.report({ date: addDays(beijingDate(context.clock.now()), offset), district, period });
  },
});
