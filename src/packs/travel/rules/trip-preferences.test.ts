import { describe, expect, it } from 'vitest';
import { readTripPreferences } from './trip-preferences.ts';

describe('readTripPreferences', () => {
  it('reads Chinese days, budget, travellers and interests', () => {
    expect(readTripPreferences('我们两个人去北京玩三天，预算5000，喜欢历史和博物馆')).toEqual({ days: 3, budget: 5000, travellers: 2, interests: ['museum', 'history'] });
    expect(readTripPreferences('一家三口周末去北京，带娃，1万以内')).toEqual({ days: 2, budget: 10000, travellers: 3, interests: ['family'] });
  });
  it('reads English', () => {
    expect(readTripPreferences('plan 4 days in Beijing for 2 people, budget 6000 yuan, we love parks and hiking'))
      .toEqual({ days: 4, budget: 6000, travellers: 2, interests: ['nature'] });
    expect(readTripPreferences('a weekend trip with my wife under 3k')).toMatchObject({ days: 2, budget: 3000, travellers: 2 });
  });
  it('leaves what is missing empty', () => {
    expect(readTripPreferences('帮我规划行程')).toEqual({ days: null, budget: null, travellers: null, interests: [] });
  });
});
