import { describe, expect, it } from 'vitest';
import { billableWeight, quotePrice, zoneOf } from './pricing.ts';
import { cityById, citiesInText } from './cities.ts';

const city = (id: string) => cityById(id)!;

describe('zoneOf', () => {
  it('grades routes from same city to remote', () => {
    expect(zoneOf(city('shanghai'), city('shanghai'))).toBe(1);
    expect(zoneOf(city('hangzhou'), city('ningbo'))).toBe(2);
    expect(zoneOf(city('shanghai'), city('nanjing'))).toBe(3);
    expect(zoneOf(city('shanghai'), city('chengdu'))).toBe(4);
    expect(zoneOf(city('beijing'), city('lhasa'))).toBe(5);
  });
});

describe('quotePrice', () => {
  it('charges first kg plus each started additional kg', () => {
    const quote = quotePrice({ from: 'shanghai', to: 'chengdu', weightKg: 3.2, service: 'standard' });
    // 3.2 kg bills as 3.5 kg: first kg 15 + 3 started kg × 6 = 33
    expect(quote).toMatchObject({ zone: 4, chargeable_kg: 3.5, additional_kg: 3, total: 33 });
  });
  it('uses the heavy tier from 20 kg and the express table', () => {
    expect(quotePrice({ from: 'shanghai', to: 'chengdu', weightKg: 25, service: 'standard' }).total).toBe(15 + 19 * 6 + 5 * 4.5);
    expect(quotePrice({ from: 'shanghai', to: 'shanghai', weightKg: 1, service: 'express' }).total).toBe(13);
  });
  it('bills volumetric weight when the box is light but large', () => {
    expect(billableWeight(1, [60, 40, 30])).toBe(12);
  });
  it('refuses unknown cities and impossible weights', () => {
    expect(() => quotePrice({ from: 'shanghai', to: 'paris', weightKg: 1, service: 'standard' })).toThrow(/city/);
    expect(() => quotePrice({ from: 'shanghai', to: 'beijing', weightKg: 80, service: 'standard' })).toThrow(/weight/);
  });
  it('finds cities in the order they are written', () => {
    expect(citiesInText('从成都寄到上海').map((c) => c.id)).toEqual(['chengdu', 'shanghai']);
    expect(citiesInText('from Beijing to Shenzhen').map((c) => c.id)).toEqual(['beijing', 'shenzhen']);
  });
});
