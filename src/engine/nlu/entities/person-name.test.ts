import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recognisePersonNames } from './person-name.ts';
import { expectWellFormed, fragmentText, summary } from './test-support.ts';

describe('recognisePersonNames — English', () => {
  it('reads two capitalised words after a cue', () => {
    const [found] = recognisePersonNames("Hi, I'm Yusuf Rossi and I need help");
    expect(found).toMatchObject({ value: 'Yusuf Rossi', text: 'Yusuf Rossi', meta: { first: 'Yusuf', last: 'Rossi' } });
    expect(summary(recognisePersonNames('my name is Mei Kovacs'))).toEqual(['person_name:Mei Kovacs']);
    expect(summary(recognisePersonNames('This is Liam O\'Brien'))).toEqual(["person_name:Liam O'Brien"]);
    expect(summary(recognisePersonNames('name: Ava Smith-Jones'))).toEqual(['person_name:Ava Smith-Jones']);
  });

  it('accepts a lower-case or single name only after "my name is"', () => {
    expect(summary(recognisePersonNames('my name is yusuf rossi'))).toEqual(['person_name:Yusuf Rossi']);
    expect(summary(recognisePersonNames('My name is Yusuf.'))).toEqual(['person_name:Yusuf']);
    expect(recognisePersonNames("I'm Yusuf.")).toEqual([]);
  });

  it('ignores ordinary sentences', () => {
    expect(recognisePersonNames("I'm Very Angry. I am looking for help. this is Rossi's order")).toEqual([]);
  });
});

describe('recognisePersonNames — Chinese', () => {
  it('reads surname + given name after a cue', () => {
    const [found] = recognisePersonNames('我叫张伟想退货');
    expect(found).toMatchObject({ value: '张伟', meta: { last: '张', first: '伟' } });
    expect(summary(recognisePersonNames('我是欧阳娜娜'))).toEqual(['person_name:欧阳娜娜']);
    expect(summary(recognisePersonNames('姓名：李小明'))).toEqual(['person_name:李小明']);
    expect(summary(recognisePersonNames('名字是司马光。'))).toEqual(['person_name:司马光']);
    expect(recognisePersonNames('我是王先生')[0]).toMatchObject({ value: '王先生', meta: { last: '王', title: '先生' } });
    expect(recognisePersonNames('我姓陈')[0]).toMatchObject({ value: '陈', meta: { last: '陈' } });
  });

  it('does not take sentences after 我是 as names', () => {
    expect(recognisePersonNames('我是来退货的 我是高兴的 我是白金会员 我是说')).toEqual([]);
  });

  it('never throws; spans are inside the text; values are non-empty names', () => {
    const fragments = ['我叫', '我是', '姓名:', '张', '伟', '欧阳', "I'm ", 'my name is ', 'Yusuf', ' Rossi', '先生', '的'];
    fc.assert(
      fc.property(fragmentText(fragments), (text) => {
        expectWellFormed(text, recognisePersonNames(text), /^\S(.*\S)?$/);
      }),
      { numRuns: 300 },
    );
  });
});
