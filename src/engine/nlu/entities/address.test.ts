import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recogniseAddresses } from './address.ts';
import { expectWellFormed, fragmentText } from './test-support.ts';

describe('recogniseAddresses — English', () => {
  it('parses a full τ-bench style address', () => {
    const [found] = recogniseAddresses('ship to 445 Maple Drive, Suite 394, Fort Worth, TX 76165, USA thanks');
    expect(found.text).toBe('445 Maple Drive, Suite 394, Fort Worth, TX 76165, USA');
    expect(found.meta).toEqual({
      address1: '445 Maple Drive', address2: 'Suite 394', city: 'Fort Worth', state: 'TX', country: 'USA', zip: '76165',
    });
  });

  it('parses shorter forms', () => {
    expect(recogniseAddresses('123 Main St, Philadelphia, PA, 19122')[0].meta).toMatchObject({
      address1: '123 Main St', city: 'Philadelphia', state: 'PA', zip: '19122',
    });
    expect(recogniseAddresses('I moved to 77 Sunset Blvd.')[0].meta).toEqual({ address1: '77 Sunset Blvd' });
    expect(recogniseAddresses('10 Downing Street, London, UK')[0].text).toBe('10 Downing Street');
  });

  it('ignores sentences that only look like streets', () => {
    expect(recogniseAddresses('I have 2 more items on the way')).toEqual([]);
  });
});

describe('recogniseAddresses — Chinese', () => {
  it('parses province, city, district and detail', () => {
    const [found] = recogniseAddresses('寄到浙江省杭州市西湖区文三路478号，谢谢');
    expect(found.text).toBe('浙江省杭州市西湖区文三路478号');
    expect(found.meta).toEqual({ province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路478号' });
  });

  it('fills the city for municipalities and trims trailing words', () => {
    const [found] = recogniseAddresses('地址改成上海市浦东新区世纪大道100号3号楼502室吧');
    expect(found.meta).toEqual({ province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道100号3号楼502室' });
    expect(recogniseAddresses('北京市朝阳区建国路88号想改一下')[0].text).toBe('北京市朝阳区建国路88号');
  });

  it('keeps the unit and a bare room number after the house number', () => {
    expect(recogniseAddresses('改成西宁市城西区五四大街88号3单元502')[0].meta?.detail).toBe('五四大街88号3单元502');
    expect(recogniseAddresses('寄到南京市鼓楼区中山路12号5栋1203')[0].text).toBe('南京市鼓楼区中山路12号5栋1203');
    expect(recogniseAddresses('杭州市西湖区文三路100号3单元502室吧')[0].meta?.detail).toBe('文三路100号3单元502室');
    expect(recogniseAddresses('西宁市城西区五四大街88号3个包裹')[0].meta?.detail).toBe('五四大街88号');
  });

  it('needs more than a place name', () => {
    expect(recogniseAddresses('我在浙江省杭州市 / 我去超市了 / 北京很好')).toEqual([]);
  });

  it('never throws; spans are inside the text; meta has the expected keys', () => {
    const fragments = ['12 ', 'Main ', 'Street', ', ', 'Austin', 'TX ', '78701', '浙江省', '杭州市', '西湖区', '文三路', '8号', '室', 'Apt 4'];
    fc.assert(
      fc.property(fragmentText(fragments), (text) => {
        const found = recogniseAddresses(text);
        expectWellFormed(text, found, /\S/);
        for (const address of found) expect(address.meta?.address1 ?? address.meta?.detail ?? address.meta?.district).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });
});
