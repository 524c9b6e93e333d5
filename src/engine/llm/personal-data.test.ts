import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findPersonalItems, foreignPersonalData } from './personal-data.ts';

const CORPUS = JSON.stringify({ ok: true, result: { name: { first_name: 'Ivan', last_name: 'Santos' }, address: { address1: '445 Maple Drive', city: 'Mesa' }, email: 'ivan.santos3158@example.com' } }) +
  '\n{"收件人":"张伟","地址":"上海市浦东新区世纪大道100号"}\n我的邮箱是 ivan.santos3158@example.com';

describe('personal data', () => {
  it('finds named persons, street addresses and e-mails, zh and en', () => {
    expect(findPersonalItems('收件人李娜，地址是杭州市西湖区文三路').map((item) => item.text)).toEqual(['杭州市', '西湖区', '文三路', '李娜']);
    expect(findPersonalItems("Anya Garcia's address is on Oak Street in Mesa").map((item) => item.kind)).toEqual(['address', 'name']);
    expect(findPersonalItems('contact anya.garcia2061@example.com')).toEqual([{ kind: 'email', text: 'anya.garcia2061@example.com' }]);
    expect(findPersonalItems('客户您好，北京市的客户都知道这个活动。Thanks, customer service is here.')).toEqual([]);
    expect(findPersonalItems('Dear Valued Customer, our Customer Service team and the user Guide can help.')).toEqual([]);
    expect(findPersonalItems('订单 #CN1 不属于您的账户，这里无法为您处理。')).toEqual([]);
  });

  it("flags another customer's name and address that no tool result or customer message holds", () => {
    expect(foreignPersonalData('收件人李娜，地址是杭州市西湖区文三路', CORPUS).map((item) => item.text)).toEqual(['杭州市', '西湖区', '文三路', '李娜']);
    expect(foreignPersonalData("Dear Anya Garcia, your parcel goes to Oak Street.", CORPUS).map((item) => item.text)).toEqual(['Oak Street', 'Anya Garcia']);
    expect(foreignPersonalData('I can send it to anya.garcia2061@example.com', CORPUS)).toHaveLength(1);
  });

  it("passes the customer's own data, whatever its spacing or case", () => {
    expect(foreignPersonalData('收件人张伟，地址：上海市浦东新区世纪大道100号', CORPUS)).toEqual([]);
    expect(foreignPersonalData('Dear Ivan Santos, it goes to 445 maple drive... sorry, 445 Maple Drive.', CORPUS)).toEqual([]);
    expect(foreignPersonalData('We will write to IVAN.SANTOS3158@example.com', CORPUS)).toEqual([]);
  });

  it('never throws on any text (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => Array.isArray(foreignPersonalData(text, CORPUS))));
  });
});
