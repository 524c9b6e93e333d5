import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import { planItinerary, type Itinerary } from '../rules/plan-itinerary.ts';
import { INTERESTS } from '../store/types.ts';
import { addDays, beijingDate, dateSchema, type TravelContext } from './travel-context.ts';

export interface TripPlan extends Itinerary {
  start: string;
  /** Days (1-based) planned indoors because the forecast advised it. */
  indoor_days: number[];
}

/** Plans a Beijing itinerary (rules/plan-itinerary.ts), moving bad-weather days indoors using the weather provider. */
export const planTrip = defineTool({
  name: 'plan_trip',
  description: 'Beijing itinerary for some days, budget, travellers and interests: sights, meals and one hotel, each with its reason.',
  input: z.object({
    days: z.number().int().min(1).max(7),
    budget: z.number().positive().nullable().default(null),
    travellers: z.number().int().min(1).max(12).default(1),
    interests: z.array(z.enum(INTERESTS as [string, ...string[]])).default([]),
    /** Attractions the customer asked for by name; each must be in the database. */
    must_see: z.array(z.string().min(1)).max(7).default([]),
    start: dateSchema.optional(),
  }),
  write: false,
  execute(input, context: TravelContext): TripPlan {
    const start = input.start ?? addDays(beijingDate(context.clock.now()), 1);
    // The weather of the central district decides: a rainy or smoggy day goes to museums and shows.
    const indoorDays = Array.from({ length: input.days }, (_, i) => i + 1)
      .filter((day) => context.data.weather.forecast({ date: addDays(start, day - 1), district: '东城' }).indoor_advised);
    const plan = planItinerary(context.data, { ...input, interests: input.interests as never, indoorDays, mustSee: input.must_see });
    if (plan.days.length === 0) throw new ToolError('no sights fit this budget');
    return { ...plan, start, indoor_days: indoorDays };
  },
});
