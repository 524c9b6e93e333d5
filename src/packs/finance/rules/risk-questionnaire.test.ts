import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchOptionLabel, parseRiskAnswers, RISK_QUESTIONS, scoreRiskAnswers } from './risk-questionnaire.ts';

describe('risk questionnaire', () => {
  it('maps points to C1–C5', () => {
    expect(scoreRiskAnswers(['D', 'D', 'D', 'D', 'D'])).toEqual({ score: 20, level: 'C5', caps: [] });
    expect(scoreRiskAnswers(['D', 'B', 'C', 'B', 'C']).level).toBe('C3');
    expect(scoreRiskAnswers(['B', 'B', 'B', 'B', 'B']).level).toBe('C2');
  });
  it('applies knock-out caps a high score cannot override', () => {
    expect(scoreRiskAnswers(['D', 'D', 'D', 'A', 'D'])).toMatchObject({ level: 'C1', caps: ['loss_intolerant'] });
    expect(scoreRiskAnswers(['D', 'D', 'A', 'D', 'D'])).toMatchObject({ level: 'C2', caps: ['short_horizon'] });
    expect(scoreRiskAnswers(['A', 'D', 'D', 'D', 'D'])).toMatchObject({ level: 'C3', caps: ['senior'] });
  });
  it('rejects incomplete or invalid answers', () => {
    expect(() => scoreRiskAnswers(['A'])).toThrow(RangeError);
    expect(() => scoreRiskAnswers(['A', 'B', 'C', 'D', 'E'])).toThrow(RangeError);
  });
  it('reads answers as letters, digits or option wording', () => {
    expect(parseRiskAnswers('B')).toEqual(['B']);
    expect(parseRiskAnswers('选C')).toEqual(['C']);
    expect(parseRiskAnswers('d, b, c')).toEqual(['D', 'B', 'C']);
    expect(parseRiskAnswers('DBCBC')).toEqual(['D', 'B', 'C', 'B', 'C']);
    expect(parseRiskAnswers('1 4')).toEqual(['A', 'D']);
    expect(parseRiskAnswers('我想买基金')).toEqual([]);
    expect(parseRiskAnswers('a bad day')).toEqual([]);
    expect(matchOptionLabel(RISK_QUESTIONS[0], '31–50 岁')).toBe('D');
    expect(matchOptionLabel(RISK_QUESTIONS[1], 'only bank deposits')).toBe('A');
  });
  it('always yields a level between C1 and C5 for any complete answers', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('A', 'B', 'C', 'D'), { minLength: 5, maxLength: 5 }), (answers) => /^C[1-5]$/.test(scoreRiskAnswers(answers).level)));
  });
});
