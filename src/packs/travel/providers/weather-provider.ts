import { seededRandom } from '../../../engine/seeded-random.ts';
import { seedOf } from './seed.ts';

export type Sky = 'sunny' | 'cloudy' | 'overcast' | 'light_rain' | 'rain' | 'haze' | 'snow';

/** One day's forecast for a Beijing district. Temperatures in °C. */
export interface Forecast {
  date: string;
  district: string;
  sky: Sky;
  low: number;
  high: number;
  /** 0–100. */
  rain_chance: number;
  /** Air quality index (China scale). */
  aqi: number;
  /** Staying indoors is the better plan (rain, snow, heavy haze). */
  indoor_advised: boolean;
}

/**
 * Port for weather data. A deployment plugs a real forecast service in here; the pack ships the offline sample
 * provider below so that conversations, tests and demos work without a network.
 */
export interface WeatherProvider {
  forecast(input: { date: string; district: string }): Forecast;
}

// Beijing monthly normals (low, high) — the sample provider varies around them.
const NORMALS: Array<[number, number]> = [[-8, 2], [-5, 6], [1, 13], [8, 21], [14, 27], [19, 31], [22, 31], [21, 30], [15, 26], [8, 19], [0, 10], [-6, 3]];

/**
 * Deterministic sample weather: seeded by date and district, shaped by Beijing's seasons (snow only in winter,
 * rain mostly in summer). Not a forecast — a stand-in with realistic shape for demos and tests.
 */
export function createSampleWeatherProvider(): WeatherProvider {
  return {
    forecast({ date, district }) {
      const random = seededRandom(seedOf(`${date}|${district}`));
      const month = Number(date.slice(5, 7)) || 1;
      const [low, high] = NORMALS[month - 1];
      const shift = Math.round(random() * 6 - 3);
      const wet = month >= 6 && month <= 8 ? 0.45 : month <= 2 || month === 12 ? 0.15 : 0.25;
      const roll = random();
      const cold = month <= 2 || month === 12;
      const sky: Sky = roll < wet * 0.4 ? (cold ? 'snow' : 'rain') : roll < wet ? (cold ? 'overcast' : 'light_rain')
        : roll < wet + 0.1 ? 'haze' : roll < wet + 0.35 ? 'cloudy' : 'sunny';
      const rainChance = sky === 'rain' || sky === 'snow' ? 70 + Math.round(random() * 25) : sky === 'light_rain' ? 40 + Math.round(random() * 30) : Math.round(random() * 20);
      const aqi = sky === 'haze' ? 160 + Math.round(random() * 100) : 30 + Math.round(random() * 80);
      return {
        date, district, sky, low: low + shift, high: high + shift, rain_chance: rainChance, aqi,
        indoor_advised: sky === 'rain' || sky === 'snow' || aqi > 200,
      };
    },
  };
}
