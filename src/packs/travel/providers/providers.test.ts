import { describe, expect, it } from 'vitest';
import { createSampleTrafficProvider } from './traffic-provider.ts';
import { createSampleWeatherProvider } from './weather-provider.ts';

describe('sample weather provider', () => {
  const weather = createSampleWeatherProvider();
  it('is deterministic for a date and district and varies between districts or dates', () => {
    expect(weather.forecast({ date: '2026-07-10', district: '东城' })).toEqual(weather.forecast({ date: '2026-07-10', district: '东城' }));
    const days = Array.from({ length: 20 }, (_, i) => weather.forecast({ date: `2026-07-${String(i + 1).padStart(2, '0')}`, district: '东城' }));
    expect(new Set(days.map((d) => `${d.sky}${d.high}`)).size).toBeGreaterThan(3);
  });
  it('follows the seasons: no snow in summer, winter is cold', () => {
    for (let day = 1; day <= 28; day++) {
      const date = `2026-07-${String(day).padStart(2, '0')}`;
      expect(weather.forecast({ date, district: '海淀' }).sky).not.toBe('snow');
      expect(weather.forecast({ date: `2026-01-${String(day).padStart(2, '0')}`, district: '海淀' }).high).toBeLessThan(8);
    }
  });
  it('advises indoor plans on rain or snow', () => {
    for (let day = 1; day <= 28; day++) {
      const f = weather.forecast({ date: `2026-08-${String(day).padStart(2, '0')}`, district: '朝阳' });
      expect(f.indoor_advised).toBe(f.sky === 'rain' || f.sky === 'snow' || f.aqi > 200);
    }
  });
});

describe('sample traffic provider', () => {
  const traffic = createSampleTrafficProvider();
  it('restricts tail numbers on weekdays only', () => {
    expect(traffic.report({ date: '2026-11-23', district: '东城', period: 'morning' }).restricted_digits).toEqual([1, 6]); // Monday
    expect(traffic.report({ date: '2026-11-22', district: '东城', period: 'morning' }).restricted_digits).toEqual([]); // Sunday
  });
  it('is deterministic and busier in the core at weekday rush hour than in the suburbs at a weekend afternoon', () => {
    const a = traffic.report({ date: '2026-11-24', district: '朝阳', period: 'morning' });
    expect(a).toEqual(traffic.report({ date: '2026-11-24', district: '朝阳', period: 'morning' }));
    const b = traffic.report({ date: '2026-11-22', district: '延庆', period: 'afternoon' });
    expect(a.index).toBeGreaterThan(b.index);
    expect(a.advice).toBe('metro');
  });
});
