import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recogniseUserIds } from './user-id.ts';
import { expectWellFormed, fragmentText, summary } from './test-support.ts';

describe('recogniseUserIds', () => {
  it('finds τ-bench and pinyin ids', () => {
    expect(summary(recogniseUserIds('my user id is yusuf_rossi_9620.'))).toEqual(['user_id:yusuf_rossi_9620']);
    expect(summary(recogniseUserIds('用户名zhang_wei_1234'))).toEqual(['user_id:zhang_wei_1234']);
    expect(summary(recogniseUserIds('Mei_Kovacs_8020'))).toEqual(['user_id:mei_kovacs_8020']);
  });

  it('rejects other shapes', () => {
    expect(recogniseUserIds('yusuf_9620 yusuf_rossi_962 yusuf_rossi_96201 yusuf_rossi_9620@mail.com')).toEqual([]);
  });

  it('never throws; spans are inside the text; values match the id shape', () => {
    fc.assert(
      fc.property(fragmentText(['yusuf', '_', 'rossi', '9620', '12', '@', ' ']), (text) => {
        expectWellFormed(text, recogniseUserIds(text), /^[a-z]+(_[a-z]+){1,2}_\d{4}$/);
      }),
      { numRuns: 300 },
    );
  });
});
