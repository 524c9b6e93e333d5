import { describe, expect, it } from 'vitest';
import { takesAll } from './each-choice.ts';

describe('takesAll: "both" / "all of them" as the answer to "which one?"', () => {
  it.each([
    ['两个都退', true], ['两门课都得退掉', true], ['兩門都幫我退了', true], ['都要取消', true], ['全部申请', true],
    ['both', true], ['Please cancel both of them', true], ['all of them', true],
    ['都行', false], ['两个都可以', false], ['随便哪个', false], ['either is fine', false], ['whichever', false], ['第一个', false], ['MA201', false],
  ])('%s → %s', (text, expected) => {
    expect(takesAll(text)).toBe(expected);
  });
});
