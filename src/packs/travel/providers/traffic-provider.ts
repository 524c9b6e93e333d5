import { seededRandom } from '../../../engine/seeded-random.ts';
import { seedOf } from './seed.ts';

export type Congestion = 'smooth' | 'slow' | 'congested';

/** Road conditions for a district at a time of day, with a metro-or-taxi suggestion. */
export interface TrafficReport {
  date: string;
  district: string;
  period: 'morning' | 'afternoon' | 'evening';
  congestion: Congestion;
  /** Beijing traffic index style, 0–10. */
  index: number;
  /** The last digits barred from driving that weekday (Beijing tail-number restriction), empty at weekends. */
  restricted_digits: number[];
  advice: 'metro' | 'taxi';
}

/** Port for road traffic. A deployment plugs a live traffic service in here; the pack ships an offline sample provider. */
export interface TrafficProvider {
  report(input: { date: string; district: string; period: TrafficReport['period'] }): TrafficReport;
}

// Tail-number pairs by weekday (Mon–Fri), the rotating scheme Beijing publishes.
const RESTRICTED: number[][] = [[1, 6], [2, 7], [3, 8], [4, 9], [5, 0]];
const CORE = new Set(['东城', '西城', '朝阳', '海淀']);

/**
 * Deterministic sample traffic: seeded by date, district and period; rush hours on weekdays in the core districts
 * are the slowest. A stand-in with realistic shape, not live data.
 */
export function createSampleTrafficProvider(): TrafficProvider {
  return {
    report({ date, district, period }) {
      const random = seededRandom(seedOf(`${date}|${district}|${period}`));
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      const workday = weekday >= 1 && weekday <= 5;
      const base = (workday && period !== 'afternoon' ? 4 : 2) + (CORE.has(district) ? 2 : 0);
      const index = Math.min(10, Math.round((base + random() * 3) * 10) / 10);
      const congestion: Congestion = index >= 6 ? 'congested' : index >= 4 ? 'slow' : 'smooth';
      return {
        date, district, period, congestion, index,
        restricted_digits: workday ? RESTRICTED[weekday - 1] : [],
        advice: congestion === 'smooth' ? 'taxi' : 'metro',
      };
    },
  };
}
