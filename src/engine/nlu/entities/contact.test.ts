import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recogniseEmails, recognisePhones } from './contact.ts';
import { expectWellFormed, fragmentText, summary } from './test-support.ts';

describe('recogniseEmails', () => {
  it('finds addresses in English and Chinese text and lower-cases them', () => {
    expect(summary(recogniseEmails('mail Yusuf.Rossi@Example.COM.'))).toEqual(['email:yusuf.rossi@example.com']);
    expect(summary(recogniseEmails('我的邮箱是zhang.wei+shop@qq.com谢谢'))).toEqual(['email:zhang.wei+shop@qq.com']);
  });

  it('rejects incomplete addresses', () => {
    expect(recogniseEmails('a@b, @example.com, name@host')).toEqual([]);
  });
});

describe('recognisePhones', () => {
  it('finds Chinese mobiles with optional +86, spaces and dashes', () => {
    expect(summary(recognisePhones('电话13812345678'))).toEqual(['phone:13812345678']);
    expect(summary(recognisePhones('138 1234 5678'))).toEqual(['phone:13812345678']);
    expect(summary(recognisePhones('+86 138-1234-5678'))).toEqual(['phone:+8613812345678']);
  });

  it('finds US numbers', () => {
    expect(summary(recognisePhones('(202) 555-0123'))).toEqual(['phone:2025550123']);
    expect(summary(recognisePhones('202-555-0123'))).toEqual(['phone:2025550123']);
    expect(summary(recognisePhones('+1 202 555 0123'))).toEqual(['phone:+12025550123']);
    expect(summary(recognisePhones('+12025550123'))).toEqual(['phone:+12025550123']);
    expect(summary(recognisePhones('my phone is 2025550123'))).toEqual(['phone:2025550123']);
  });

  it('ignores other digit runs', () => {
    expect(recognisePhones('12345678901 #W2378156 2025550123 1381234567')).toEqual([]);
  });

  it('never throws; spans are inside the text; values are digits with an optional +', () => {
    const fragments = ['+86', '138', '1234', '5678', '-', ' ', '(202)', '555', '0123', '+1', '@', 'a.b', '.com', 'phone '];
    fc.assert(
      fc.property(fragmentText(fragments), (text) => {
        expectWellFormed(text, recognisePhones(text), /^\+?\d{10,13}$/);
        expectWellFormed(text, recogniseEmails(text), /^[^A-Z\s]+@[^A-Z\s]+\.[a-z]{2,}$/);
      }),
      { numRuns: 300 },
    );
  });
});
