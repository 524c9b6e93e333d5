import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalize } from '../../../engine/text/normalize.ts';
import { answersFromFreeText } from './risk-free-text.ts';

const read = (text: string) => answersFromFreeText(normalize(text));

describe('answersFromFreeText', () => {
  it('reads a rambling Chinese description, negations included', () => {
    expect(read('我快七十了，早就退休，从来没碰过股票基金，钱都是存定期；这笔钱几个月后要给老伴看病，一分都不能亏')).toEqual({ age: 'A', experience: 'A', horizon: 'A', loss: 'A' });
  });
  it('reads colloquial ages and experience in years', () => {
    expect(read('三十出头，炒股好几年了，这钱三五年不用，亏个两三成我能扛')).toMatchObject({ age: 'D', experience: 'D', horizon: 'C', loss: 'C' });
    expect(read('本人二十六岁，买过一点银行理财')).toMatchObject({ age: 'C', experience: 'B' });
  });
  it('computes the share from two amounts said in words', () => {
    expect(read('家里存款一共四十来万，这回想拿出六万试试')).toMatchObject({ share: 'D' });
    expect(read('积蓄就十万，打算投六万')).toMatchObject({ share: 'B' });
  });
  it('reads traditional characters like simplified ones', () => {
    expect(read('我五十多歲了，只存過定期，虧不起')).toMatchObject({ age: 'B', experience: 'A', loss: 'A' });
  });
  it('reads percentages of savings, with "under"/"不到" below the boundary, and ignores loss percentages there', () => {
    expect(read('这笔钱不到存款的20%')).toEqual({ share: 'D' });
    expect(read('打算投的钱占家里存款的百分之三十')).toEqual({ share: 'C' });
    expect(read('亏20%以内还行')).toEqual({ loss: 'C' });
  });
  it('puts a stated loss percentage in its bracket (≤10% B, ≤30% C, more D), in Chinese and English', () => {
    expect(read('能接受亏10%')).toEqual({ loss: 'B' });
    expect(read('亏损百分之十五可以接受')).toEqual({ loss: 'C' });
    expect(read('虧個四成也行')).toEqual({ loss: 'D' });
    expect(read('I can live with losing 10%')).toEqual({ loss: 'B' });
    expect(read("I'd accept a 25 percent drop")).toEqual({ loss: 'C' });
    expect(read('可以接受10%到30%的亏损')).toEqual({ loss: 'C' });
  });
  it('reads English descriptions', () => {
    expect(read("I'm 45, been trading stocks for about ten years, this money can sit there for 5+ years, and it's under 20% of our savings"))
      .toEqual({ age: 'D', experience: 'D', horizon: 'D', share: 'D' });
    expect(read("I'm 58, I've held stocks for a couple of years, I won't touch this money for over 5 years and could live with losing up to 10%"))
      .toMatchObject({ age: 'B', experience: 'C', horizon: 'D', loss: 'B' });
  });
  it('takes the corrected value after a self-correction', () => {
    expect(read('我今年45岁，不对，说错了，我55岁')).toMatchObject({ age: 'B' });
  });
  it('answers nothing for a plain request', () => {
    expect(read('我想做个风险测评，以后好买点理财')).toEqual({});
    expect(read('can I take the risk questionnaire?')).toEqual({});
  });
  it('never throws and only returns letters A–D', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      for (const letter of Object.values(answersFromFreeText(text))) expect('ABCD').toContain(letter);
    }), { numRuns: 300 });
  });
});
