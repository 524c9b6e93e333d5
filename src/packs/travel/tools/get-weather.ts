import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import type { Forecast } from '../providers/weather-provider.ts';
import { addDays, beijingDate, districtSchema, type TravelContext } from './travel-context.ts';

/** The forecast of a district for a day (0 = today) through the pack's WeatherProvider port. */
export const getWeather = defineTool({
  name: 'get_weather',
  description: 'Weather forecast for a Beijing district, today or up to 6 days ahead.',
  input: z.object({ district: districtSchema.default('东城'), offset_days: z.number().int().min(0).max(6).default(0) }),
  write: false,
  execute({ district, offset_days: offset }, context: TravelContext): Forecast {
    return context.data.weather.forecast({ date: addDays(beijingDate(context.clock.now()), offset), district });
  },
});
