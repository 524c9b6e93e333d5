import { describe, expect, it } from 'vitest';
import { runTool } from '../../../engine/tools/define-tool.ts';
import { loadTravelData } from '../store/load-data.ts';
import type { TravelDb } from '../store/types.ts';
import type { Place } from './find-places.ts';
import { travelTools } from './index.ts';
import type { TripPlan } from './plan-trip.ts';

const base = await loadTravelData();

async function call<T>(name: keyof typeof travelTools, input: Record<string, unknown>, data: TravelDb = base) {
  const context = { data, clock: { now: () => '2026-11-20T10:00:00+08:00' }, ids: { next: () => 'id' }, locale: 'zh' as const, actor: { kind: 'customer' as const, customerId: null } };
  return (await runTool(travelTools[name] as never, input, context as never)) as { ok: boolean; result?: T; error?: string };
}

describe('travel tools', () => {
  it('find_places: by name, near a metro station, under a price', async () => {
    expect((await call<Place[]>('find_places', { domain: 'attraction', name: '故宫', limit: 1 })).result![0]).toMatchObject({ name: '故宫', ticket: 60 });
    const hotels = (await call<Place[]>('find_places', { domain: 'hotel', near: '王府井', max_price: 500 })).result!;
    expect(hotels.length).toBeGreaterThan(0);
    for (const hotel of hotels) expect(hotel).toMatchObject({ metro: '王府井' });
    for (const hotel of hotels) expect((hotel as { price: number }).price).toBeLessThanOrEqual(500);
  });
  it('plan_trip: moves a rainy day indoors through the WeatherProvider port', async () => {
    const rainy: TravelDb = {
      ...base,
      weather: { forecast: ({ date, district }) => ({ date, district, sky: 'rain', low: 5, high: 10, rain_chance: 90, aqi: 50, indoor_advised: date === '2026-11-22' }) },
    };
    const plan = (await call<TripPlan>('plan_trip', { days: 2, budget: null, travellers: 1, interests: ['nature'] }, rainy)).result!;
    expect(plan.start).toBe('2026-11-21');
    expect(plan.indoor_days).toEqual([2]);
    expect(plan.days[1].morning.reason.code).toBe('indoor');
  });
  it('plan_trip: rejects more than 7 days', async () => {
    expect((await call('plan_trip', { days: 9 })).ok).toBe(false);
  });
  it('get_weather and get_traffic use the date from the clock', async () => {
    expect((await call<{ date: string }>('get_weather', { offset_days: 1 })).result!.date).toBe('2026-11-21');
    expect((await call<{ restricted_digits: number[] }>('get_traffic', { district: '西城' })).result!.restricted_digits).toEqual([5, 0]);
  });
});
