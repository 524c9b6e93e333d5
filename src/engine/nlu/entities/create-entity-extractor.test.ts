import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../types.ts';
import { createEntityExtractor } from './create-entity-extractor.ts';

const NOW = '2026-11-25T10:00:00+08:00'; // Wednesday
const extractor = createEntityExtractor({
  catalog: {
    products: [{ id: 'kb-mech', names: ['Mechanical Keyboard', '机械键盘'] }],
    options: [{ key: 'color', value: 'blue', synonyms: ['蓝色'] }],
  },
});

function brief(entities: Entity[]): string[] {
  return entities.map((entity) => `${entity.type}:${entity.value}@${entity.text}`);
}

describe('createEntityExtractor', () => {
  it('extracts a Chinese message with positions in the original text', () => {
    const text = '我想退貨，訂單＃Ｗ２３７８１５６，明天下午3點來取，電話13812345678';
    const entities = extractor.extract(text, { now: NOW });
    expect(brief(entities)).toEqual([
      'order_id:#W2378156@＃Ｗ２３７８１５６',
      'date:2026-11-26@明天',
      'time:15:00@下午3點',
      'phone:13812345678@13812345678',
    ]);
    for (const entity of entities) expect(text.slice(entity.start, entity.end)).toBe(entity.text);
  });

  it('extracts an English τ-bench style message', () => {
    const text = "Hi, I'm Yusuf Rossi, 19122. I want to exchange the mechanical keyboard from order #W2378156 for a blue one, paid with paypal.";
    expect(brief(extractor.extract(text, { now: NOW }))).toEqual([
      'person_name:Yusuf Rossi@Yusuf Rossi',
      'zip:19122@19122',
      'product:kb-mech@mechanical keyboard',
      'order_id:#W2378156@#W2378156',
      'option:color=blue@blue',
      'payment_method:paypal@paypal',
    ]);
  });

  it('lets stronger and longer entities win over numbers, zips and phones', () => {
    expect(brief(extractor.extract('订单2611000123 金额199元 要2个', { now: NOW }))).toEqual([
      'order_id:#CN2611000123@2611000123',
      'amount:199.00@199元',
      'number:2@2',
    ]);
    expect(brief(extractor.extract('email yusuf_rossi_9620@example.com or user yusuf_rossi_9620', { now: NOW }))).toEqual([
      'email:yusuf_rossi_9620@example.com@yusuf_rossi_9620@example.com',
      'user_id:yusuf_rossi_9620@yusuf_rossi_9620',
    ]);
  });

  it('uses the context time zone, then the configured default', () => {
    const late = '2026-11-25T20:00:00Z'; // 04:00 on the 26th in Shanghai, 15:00 on the 25th in New York
    expect(extractor.extract('tomorrow', { now: late })[0].value).toBe('2026-11-27');
    expect(extractor.extract('tomorrow', { now: late, timeZone: 'America/New_York' })[0].value).toBe('2026-11-26');
    const newYork = createEntityExtractor({ defaultTimeZone: 'America/New_York' });
    expect(newYork.extract('tomorrow', { now: late })[0].value).toBe('2026-11-26');
  });

  it('never throws on bad input or a bad clock', () => {
    expect(extractor.extract('', { now: NOW })).toEqual([]);
    expect(brief(extractor.extract('明天 #W2378156', { now: 'garbage', timeZone: 'Mars/Base' }))).toEqual(['order_id:#W2378156@#W2378156']);
    // @ts-expect-error — callers outside TypeScript may pass anything
    expect(extractor.extract(null, { now: NOW })).toEqual([]);
  });

  it('is fast on a normal message and on 100 KB of text', () => {
    const message = '你好，订单#W2378156明天下午3点能送到吗？我用支付宝付了199元，电话13812345678。Also email me at a@b.com';
    for (let index = 0; index < 50; index += 1) extractor.extract(message, { now: NOW });
    let started = performance.now();
    for (let index = 0; index < 200; index += 1) extractor.extract(message, { now: NOW });
    // ≈0.1 ms measured on an idle core; the bounds only catch pathological regressions on a loaded machine.
    expect((performance.now() - started) / 200).toBeLessThan(5);
    const huge = `${message} 1234 abc 明天 `.repeat(1500);
    started = performance.now();
    extractor.extract(huge, { now: NOW });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('returns sorted, non-overlapping entities whose spans index the original text', () => {
    const fragments = ['订单', '#W2378156', '明天', '下午3点', '199元', '$5', '13812345678', "I'm Yusuf Rossi", ', ', '19122', '機械鍵盤', '＃Ｗ', '２３', ' '];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 5 })), { maxLength: 12 }).map((parts) => parts.join('')),
        (text) => {
          const entities = extractor.extract(text, { now: NOW });
          let previousEnd = 0;
          for (const entity of entities) {
            expect(entity.start).toBeGreaterThanOrEqual(previousEnd);
            expect(entity.end).toBeGreaterThan(entity.start);
            expect(entity.end).toBeLessThanOrEqual(text.length);
            expect(text.slice(entity.start, entity.end)).toBe(entity.text);
            previousEnd = entity.end;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
