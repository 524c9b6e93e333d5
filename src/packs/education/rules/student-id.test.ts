import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePhoneLast4, parseStudentId } from './student-id.ts';

describe('parseStudentId', () => {
  it('reads S + 6 digits in several spellings', () => {
    expect(parseStudentId('我的学号是S240117')).toBe('S240117');
    expect(parseStudentId('student id s-240117 please')).toBe('S240117');
    expect(parseStudentId('S2401170')).toBeNull();
    expect(parseStudentId('240117')).toBeNull();
    expect(parseStudentId('240117', true)).toBe('S240117');
  });
  it('never throws and only returns well-formed ids', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const id = parseStudentId(text, true);
      return id === null || /^S\d{6}$/.test(id);
    }));
  });
});

describe('parsePhoneLast4', () => {
  it('reads cued digits always and lone digits only when asked', () => {
    expect(parsePhoneLast4('手机尾号 5678')).toBe('5678');
    expect(parsePhoneLast4('5678')).toBeNull();
    expect(parsePhoneLast4('5678', true)).toBe('5678');
    expect(parsePhoneLast4('S240117 5678', true)).toBe('5678');
    expect(parsePhoneLast4('the last four digits are 1234')).toBe('1234');
  });
  it('takes the last four digits of a whole phone number, domestic or international', () => {
    expect(parsePhoneLast4('学号S240117，手机13812345678')).toBe('5678');
    expect(parsePhoneLast4('my number is +447700900123')).toBe('0123');
    expect(parsePhoneLast4('S240117')).toBeNull();
  });
});
