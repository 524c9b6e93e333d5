import { describe, expect, it } from 'vitest';
import { buildStudyPlan, hoursFromText } from './study-plan.ts';

const total = (plan: ReturnType<typeof buildStudyPlan>) => plan.reduce((sum, day) => sum + day.hours, 0);

describe('buildStudyPlan', () => {
  it('spreads the weekly hours exactly and keeps a rest day', () => {
    for (const hours of [1, 3, 5, 8, 12, 18]) {
      const plan = buildStudyPlan({ hoursPerWeek: hours, goal: 'school', level: 1 });
      expect(total(plan)).toBe(hours);
      expect(plan.some((day) => day.activity === 'rest' && day.hours === 0)).toBe(true);
      expect(new Set(plan.map((d) => d.weekday)).size).toBe(plan.length);
    }
  });
  it('uses more study days for more hours', () => {
    expect(buildStudyPlan({ hoursPerWeek: 3, goal: 'career', level: 1 }).filter((d) => d.hours > 0)).toHaveLength(2);
    expect(buildStudyPlan({ hoursPerWeek: 12, goal: 'career', level: 1 }).filter((d) => d.hours > 0)).toHaveLength(5);
  });
  it('starts beginners with new material and ends exam plans with a mock test', () => {
    const plan = buildStudyPlan({ hoursPerWeek: 6, goal: 'exam', level: 2 }).filter((d) => d.hours > 0);
    expect(plan[0].activity).toBe('new_material');
    expect(plan.at(-1)!.activity).toBe('mock_test');
    const beginner = buildStudyPlan({ hoursPerWeek: 6, goal: 'school', level: 1 }).filter((d) => d.hours > 0);
    expect(beginner[0].reason).toBe('beginner_start');
  });
  it('caps sessions and clamps absurd hours', () => {
    const plan = buildStudyPlan({ hoursPerWeek: 100, goal: 'hobby', level: 4 });
    expect(total(plan)).toBe(18);
    for (const day of plan) expect(day.hours).toBeLessThanOrEqual(day.weekday >= 6 ? 4 : 3);
  });
  it('reads hours from Chinese and English text', () => {
    expect(hoursFromText('我每周能学 6 小时')).toBe(6);
    expect(hoursFromText('每周五个小时')).toBe(5);
    expect(hoursFromText('每周十二个小时')).toBe(12);
    expect(hoursFromText('about 8 hours a week')).toBe(8);
    expect(hoursFromText('no idea')).toBeNull();
    expect(hoursFromText('一周大概三四个小时吧')).toBe(3.5);
    expect(hoursFromText('每天能学一个半小时')).toBe(10.5);
    expect(hoursFromText('maybe 3-4 hours')).toBe(3.5);
    expect(hoursFromText('a couple of hours a week')).toBe(2);
    expect(hoursFromText('about an hour a day')).toBe(7);
  });
});
