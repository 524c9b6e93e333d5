import { describe, expect, it } from 'vitest';
import { readTripPreferences, readTripPreferencesFrom } from './trip-preferences.ts';

describe('readTripPreferences', () => {
  it('reads a price ceiling said as "max", "at most" or "per night"', () => {
    expect(readTripPreferences('a hotel near the zoo, max 400 a night').budget).toBe(400);
    expect(readTripPreferences('somewhere for at most 350 please').budget).toBe(350);
    expect(readTripPreferences('anything around 300 per night?').budget).toBe(300);
  });
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

describe('colloquial numbers, companions and corrections', () => {
  it('reads Chinese numerals in budgets, days and party size', () => {
    expect(readTripPreferences('我们仨想玩两天一夜，预算大概八千')).toMatchObject({ days: 2, budget: 8000 });
    expect(readTripPreferences('五个人，四天，一万五够不够')).toMatchObject({ days: 4, budget: 15000, travellers: 5 });
    expect(readTripPreferences('預算就六千，玩三天')).toMatchObject({ days: 3, budget: 6000 });
  });
  it('counts the speaker with the people they bring', () => {
    expect(readTripPreferences('想带爸妈去北京转转，玩三天').travellers).toBe(3);
    expect(readTripPreferences('taking my parents to Beijing for 3 days').travellers).toBe(3);
    expect(readTripPreferences('我和老婆带着孩子').travellers).toBe(3);
    expect(readTripPreferences("we're a family of four, 3 days").travellers).toBe(4);
    expect(readTripPreferences('my wife and I plus our two kids, 4 days').travellers).toBe(4);
    expect(readTripPreferences('我和老公带两个孩子').travellers).toBe(4);
  });
  it('reads English hyphenated days and thousands separators', () => {
    expect(readTripPreferences('a 3-day trip, budget is 4,500 yuan')).toMatchObject({ days: 3, budget: 4500 });
  });
  it('does not take "第一天" for a trip length', () => {
    expect(readTripPreferences('第一天想去故宫').days).toBeNull();
  });
});

describe('readTripPreferencesFrom', () => {
  it('lets a later message or a correction override', () => {
    expect(readTripPreferencesFrom(['我们四个人去玩三天，预算一万', '哦不对，是两个人'])).toMatchObject({ days: 3, budget: 10000, travellers: 2 });
    expect(readTripPreferencesFrom(['2 days for 2 people, 3000 yuan', 'actually make it 3 days'])).toMatchObject({ days: 3, budget: 3000, travellers: 2 });
    expect(readTripPreferencesFrom(['三天，预算五千', '预算改成七千吧'])).toMatchObject({ days: 3, budget: 7000 });
    expect(readTripPreferencesFrom(['plan a trip for 3 people, sorry, 4 people, 2 days'])).toMatchObject({ days: 2, travellers: 4 });
  });
});
