import { beforeAll, describe, expect, it } from 'vitest';
import { loadStore } from '../store/load-store.ts';
import type { EcommerceDb, Product } from '../store/types.ts';
import { digitsBeforeUnits, readVariantRequest, resolveVariant, valueMagnitude } from './resolve-variant.ts';

let english: EcommerceDb;
let chinese: EcommerceDb;
beforeAll(async () => {
  english = await loadStore('tau-retail');
  chinese = await loadStore('store-zh');
});

const product = (db: EcommerceDb, name: string): Product => Object.values(db.products).find((p) => p.name === name)!;

/** Reads the request for the variant `itemId` of `name` and resolves it. */
function choose(db: EcommerceDb, name: string, itemId: string, text: string) {
  const p = product(db, name);
  const current = p.variants[itemId];
  return resolveVariant(p, current, readVariantRequest(text, p, current.options));
}
const chosenOptions = (choice: ReturnType<typeof choose>) => (choice.kind === 'chosen' ? choice.variant.options : choice.kind);

describe('variant matching (English store)', () => {
  it.each([
    // keyboard now linear / RGB / 80%
    ['Mechanical Keyboard', '8484921793', 'could it be clicky instead? everything else stays', { 'switch type': 'clicky', backlight: 'RGB', size: '80%' }],
    ['Mechanical Keyboard', '8484921793', 'whichever tactile one is cheapest', { 'switch type': 'tactile', backlight: 'white', size: 'full size' }],
    // kettle now 1L / glass / silver
    ['Electric Kettle', '1240311797', 'I want the black one, not the white', { capacity: '1L', material: 'glass', color: 'black' }],
    ['Electric Kettle', '1240311797', 'make it 2 litres, white and glass', { capacity: '2L', material: 'glass', color: 'white' }],
    ['Electric Kettle', '1240311797', '换成两升白色的', { capacity: '2L', material: 'glass', color: 'white' }],
    ['Electric Kettle', '1240311797', '从1升换成1.5升的，还是玻璃', { capacity: '1.5L', material: 'glass', color: 'white' }],
    // t-shirt now purple / XL / cotton / crew neck
    ['T-Shirt', '8124970213', 'switch it to blue, no sorry, black', { color: 'black', size: 'XL', material: 'cotton', style: 'crew neck' }],
    ['T-Shirt', '8124970213', 'needs to be a medium really, in blue, not this purple xl', { color: 'blue', size: 'M', material: 'cotton', style: 'crew neck' }],
    ['T-Shirt', '9612497925', 'a size bigger please', { color: 'red', size: 'L', material: 'cotton', style: 'v-neck' }],
    // skateboard now bamboo / 28 inch / plain: Chinese names of catalogue values
    ['Skateboard', '8176740019', '板子换成枫木的印花款，长度不变', { 'deck material': 'maple', length: '28 inch', design: 'graphic' }],
    // charger now 20000mAh / wireless / black
    ['Portable Charger', '8349903180', 'usb-c and at least 10000mAh', { capacity: '20000mAh', output: 'USB-C', color: 'white' }],
  ])('%s %s: %s', (name, itemId, text, expected) => {
    expect(chosenOptions(choose(english, name, itemId, text))).toEqual(expected);
  });

  it('several variants fit equally: a short list, cheapest first', () => {
    const choice = choose(english, 'Electric Kettle', '1240311797', 'plastic please');
    expect(choice.kind).toBe('ambiguous');
    if (choice.kind !== 'ambiguous') return;
    expect(choice.candidates.length).toBe(2);
    expect(choice.candidates.every((v) => v.options.material === 'plastic')).toBe(true);
    expect(choice.candidates[0].price).toBeLessThanOrEqual(choice.candidates[1].price);
  });

  it('nothing fits a threshold: unavailable', () => {
    expect(choose(english, 'Electric Kettle', '1240311797', 'at least 5 liters').kind).toBe('unavailable');
  });
});

describe('variant matching (Chinese store)', () => {
  it.each([
    ['直筒牛仔裤', '2325008927', '裤子想换大一码，颜色不变', { 颜色: '浅蓝', 尺码: '34' }],
    ['直筒牛仔裤', '2325008927', '换小一號的', { 颜色: '浅蓝', 尺码: '31' }],
    ['瑜伽垫', 'first', '随便，要最便宜的', null],
  ])('%s: %s', (name, itemId, text, expected) => {
    const p = product(chinese, name);
    const id = itemId === 'first' ? Object.keys(p.variants).find((k) => p.variants[k].available)! : itemId;
    const choice = choose(chinese, name, id, text);
    if (expected) expect(chosenOptions(choice)).toEqual(expected);
    else {
      const others = Object.values(p.variants).filter((v) => v.available && v.item_id !== id);
      expect(choice.kind === 'chosen' && choice.variant.price).toBe(Math.min(...others.map((v) => v.price)));
    }
  });

  it('reads colloquial Chinese numbers before units', () => {
    expect(digitsBeforeUnits('一万毫安以上，两升，十公斤')).toBe('10000毫安以上，2升，10公斤');
    expect(valueMagnitude('1.5 liters')).toEqual({ amount: 1.5, unit: 'l' });
  });

  it('"两万毫安以上" is a bound, not an exact value', () => {
    const p = product(chinese, '充电宝');
    const current = Object.values(p.variants)[0];
    const request = readVariantRequest('要两万毫安以上的', p, current.options);
    expect(request.limits).toEqual([{ key: '容量', min: 20000 }]);
  });
});
