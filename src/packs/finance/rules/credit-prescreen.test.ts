import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEmployment, prescreen } from './credit-prescreen.ts';

describe('credit-card pre-screen', () => {
  it('approves a solid salaried applicant and explains why', () => {
    const result = prescreen({ monthlyIncome: 20_000, employment: 'full_time', monthlyDebt: 2_000 });
    expect(result.recommendation).toBe('approve');
    expect(result.ruleHits).toEqual([]);
    expect(result.reasons.map((r) => r.factor)).toEqual(['monthly_income', 'employment', 'debt_to_income']);
    expect(result.reasons.find((r) => r.factor === 'debt_to_income')).toMatchObject({ value: '10%', contribution: -0.3 });
  });
  it('refers a borderline applicant to an officer', () => {
    expect(prescreen({ monthlyIncome: 8_000, employment: 'freelance', monthlyDebt: 1_500 }).recommendation).toBe('refer');
  });
  it('declines on hard rules whatever the score', () => {
    expect(prescreen({ monthlyIncome: 50_000, employment: 'full_time', monthlyDebt: 40_000 })).toMatchObject({ recommendation: 'decline', ruleHits: ['debt_ratio_above_70'] });
    expect(prescreen({ monthlyIncome: 0, employment: 'unemployed', monthlyDebt: 0 }).ruleHits).toEqual(['income_below_minimum', 'no_stable_income']);
  });
  it('always refers students (special card rules) unless a hard rule declines', () => {
    expect(prescreen({ monthlyIncome: 1_500, employment: 'student', monthlyDebt: 0 }).recommendation).toBe('refer');
  });
  it('scores more income higher and more debt lower (monotonic)', () => {
    fc.assert(fc.property(fc.integer({ min: 2_000, max: 200_000 }), fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 5_000 }), (income, debt, extra) => {
      const base = prescreen({ monthlyIncome: income, employment: 'full_time', monthlyDebt: debt }).score;
      return prescreen({ monthlyIncome: income + extra, employment: 'full_time', monthlyDebt: debt }).score >= base
        && prescreen({ monthlyIncome: income, employment: 'full_time', monthlyDebt: debt + extra }).score <= base;
    }));
  });
  it('reads the employment category from free text', () => {
    expect(parseEmployment('在国企上班')).toBe('civil_servant');
    expect(parseEmployment('全职，在一家互联网公司')).toBe('full_time');
    expect(parseEmployment('自由职业')).toBe('freelance');
    expect(parseEmployment('I am self-employed')).toBe('self_employed');
    expect(parseEmployment('目前没工作')).toBe('unemployed');
    expect(parseEmployment('随便')).toBeNull();
  });
});
