import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePhoneLast4, parseWaybill } from './waybill.ts';

describe('parseWaybill', () => {
  it('reads SF + 12 and YT + 13 digits anywhere, case-insensitive', () => {
    expect(parseWaybill('查一下SF123456789012到哪了')).toBe('SF123456789012');
    expect(parseWaybill('my parcel yt1234567890123 is late')).toBe('YT1234567890123');
  });
  it('rejects wrong lengths', () => {
    expect(parseWaybill('SF12345678901')).toBeNull();
    expect(parseWaybill('SF1234567890123')).toBeNull();
    expect(parseWaybill('YT123456789012')).toBeNull();
  });
  it('reads plain 12–15 digits only after a cue word or as a bare answer', () => {
    expect(parseWaybill('运单号 773012345678901')).toBe('773012345678901');
    expect(parseWaybill('tracking number: 432198765432')).toBe('432198765432');
    expect(parseWaybill('帮我查下 773012345678901')).toBe('773012345678901');
    expect(parseWaybill('where is 432198765432')).toBe('432198765432');
    expect(parseWaybill('can you check 432198765432 for me')).toBe('432198765432');
    expect(parseWaybill('订单 773012345678901 怎么样')).toBeNull();
    expect(parseWaybill('773012345678901')).toBeNull();
  });
  it('reads 12–15 digits that open a sentence and are followed by words', () => {
    expect(parseWaybill('773012345678901 这个件怎么还没到')).toBe('773012345678901');
    expect(parseWaybill('你好。432198765432，帮我看看到哪了')).toBe('432198765432');
    expect(parseWaybill('432198765432 hasn\'t moved since Monday')).toBe('432198765432');
    expect(parseWaybill('电话 138123456789012 打不通')).toBeNull();
    expect(parseWaybill(' 773012345678901 ', { bare: true })).toBe('773012345678901');
  });
  it('never takes an 11-digit mobile number', () => {
    expect(parseWaybill('快递单上的电话 13812345678', { bare: true })).toBeNull();
    expect(parseWaybill('13812345678', { bare: true })).toBeNull();
  });
  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (text) => { const value = parseWaybill(text, { bare: true }); return value === null || /^(SF\d{12}|YT\d{13}|\d{12,15})$/.test(value); }));
  });
});

describe('parsePhoneLast4', () => {
  it('reads four digits or the end of a full number, ignoring waybills', () => {
    expect(parsePhoneLast4('尾号5678')).toBe('5678');
    expect(parsePhoneLast4('13812345678')).toBe('5678');
    expect(parsePhoneLast4('SF123456789012 的尾号是 0021')).toBe('0021');
    expect(parsePhoneLast4('不记得了')).toBeNull();
  });
});
