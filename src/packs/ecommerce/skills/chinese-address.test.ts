import { describe, expect, it } from 'vitest';
import type { Address } from '../store/types.ts';
import { chineseAddress, districtAddress } from './chinese-address.ts';
import { correctedAddress } from './address.ts';

const known: Address[] = [
  { address1: '南岗区黄河路517号', address2: '', city: '哈尔滨市', state: '黑龙江省', country: '中国', zip: '150001' },
  { address1: '江北区滨江路150号', address2: '', city: '重庆市', state: '重庆市', country: '中国', zip: '400020' },
  { address1: '青秀区中山路183号', address2: '', city: '南宁市', state: '广西壮族自治区', country: '中国', zip: '530022' },
];

describe('chineseAddress', () => {
  it.each([
    [{ city: '哈尔滨市', district: '南岗区', detail: '西大直街88号' }, ' 工大家属院5号楼2单元301室，邮编150001', '南岗区西大直街88号', '工大家属院5号楼2单元301室', '哈尔滨市', '黑龙江省'],
    [{ province: '广西', detail: '南宁市青秀区民族大道100号' }, '', '青秀区民族大道100号', '', '南宁市', '广西壮族自治区'],
    [{ province: '重庆', district: '渝北区', detail: '金开大道西段12号龙湖星座3栋1802室' }, '', '渝北区金开大道西段12号', '龙湖星座3栋1802室', '重庆市', '重庆市'],
    [{ province: '四川省', city: '成都市', district: '武侯区', detail: '人民南路四段9号' }, '', '武侯区人民南路四段9号', '', '成都市', '四川省'],
  ])('%o', (parts, after, address1, address2, city, state) => {
    expect(chineseAddress(parts, after, known)).toMatchObject({ address1, address2, city, state, country: '中国' });
  });

  it('takes the city of the current address when the customer names only a district', () => {
    const found = districtAddress('麻烦改到江北区北滨一路8号 江景苑1栋1单元602室');
    expect(found?.parts).toEqual({ district: '江北区', detail: '北滨一路8号' });
    expect(chineseAddress(found!.parts, ' 江景苑1栋1单元602室', known, known[1])).toMatchObject({ address1: '江北区北滨一路8号', address2: '江景苑1栋1单元602室', city: '重庆市', state: '重庆市' });
  });
});

describe('correctedAddress', () => {
  const zh: Address = { address1: '江北区北滨一路8号', address2: '江景苑1栋3单元602室', city: '重庆市', state: '重庆市', country: '中国', zip: '400020' };
  const en: Address = { address1: '88 Lakeview Drive', address2: 'Suite 161', city: 'Austin', state: 'TX', country: 'USA', zip: '78701' };
  it.each([
    ['不对，是2单元，不是3单元', zh, { address2: '江景苑1栋2单元602室' }],
    ['打错了 不是3单元 是1单元', zh, { address2: '江景苑1栋1单元602室' }],
    ['哦 应该是702室', zh, { address2: '江景苑1栋3单元702室' }],
    ['oops, suite 116 not 161', en, { address2: 'Suite 116' }],
  ])('%s', (text, address, change) => {
    expect(correctedAddress(text, address)).toEqual({ ...address, ...change });
  });
  it.each(['对，就这个', 'yes that is right'])('%s corrects nothing', (text) => {
    expect(correctedAddress(text, zh)).toBeNull();
    expect(correctedAddress(text, en)).toBeNull();
  });
});
