import { describe, expect, it } from 'vitest';
import { loadTravelData } from '../store/load-data.ts';
import { planItinerary } from './plan-itinerary.ts';

const db = await loadTravelData();

describe('planItinerary', () => {
  it('fills every day with two sights in one district, meals and a hotel, within the budget', () => {
    const plan = planItinerary(db, { days: 3, budget: 6000, travellers: 2, interests: ['history'] });
    expect(plan.days).toHaveLength(3);
    for (const day of plan.days) {
      expect(day.afternoon.attraction.district).toBe(day.morning.attraction.district);
      expect(day.lunch!.restaurant.price!).toBeLessThanOrEqual(plan.caps!.meal);
      expect(day.evening!.restaurant.price!).toBeLessThanOrEqual(plan.caps!.meal);
      expect(day.morning.attraction.ticket).toBeLessThanOrEqual(plan.caps!.ticket);
    }
    expect(plan.hotel!.nights).toBe(2);
    expect(plan.hotel!.hotel.price!).toBeLessThanOrEqual(plan.caps!.hotel);
    expect(plan.cost.total).toBeLessThanOrEqual(6000);
    expect(plan.overBudget).toBe(false);
    const names = plan.days.flatMap((d) => [d.morning.attraction.name, d.afternoon.attraction.name]);
    expect(new Set(names).size).toBe(names.length);
  });
  it('opens a day with each sight asked for by name, even above the ticket cap', () => {
    const plan = planItinerary(db, { days: 2, budget: 3000, travellers: 2, interests: [], mustSee: ['颐和园'] });
    expect(plan.days[0].morning.attraction.name).toBe('颐和园');
    expect(plan.days[0].morning.reason.code).toBe('requested');
    expect(plan.days.flatMap((d) => [d.morning.attraction.name, d.afternoon.attraction.name]).filter((n) => n === '颐和园')).toHaveLength(1);
  });
  it('prefers the interests, and indoor sights on bad-weather days', () => {
    const museums = planItinerary(db, { days: 2, budget: null, travellers: 1, interests: ['museum'] });
    expect(museums.days[0].morning.attraction.kinds).toContain('museum');
    const rainy = planItinerary(db, { days: 2, budget: null, travellers: 1, interests: ['nature'], indoorDays: [2] });
    expect(rainy.days[1].morning.reason.code).toBe('indoor');
  });
  it('is deterministic and needs no hotel for a day trip', () => {
    const request = { days: 1, budget: 800, travellers: 2, interests: [] };
    expect(planItinerary(db, request)).toEqual(planItinerary(db, request));
    expect(planItinerary(db, request).hotel).toBeNull();
  });
  it('says when even the cheapest choices exceed a tiny budget', () => {
    const plan = planItinerary(db, { days: 3, budget: 200, travellers: 4, interests: [] });
    expect(plan.hotel === null || plan.overBudget || plan.cost.total <= 200).toBe(true);
    expect(plan.caps!.hotel).toBeLessThan(100);
  });
});
