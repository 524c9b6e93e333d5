import { describe, expect, it } from 'vitest';
import { applyMapping, mappingSchema, readPath } from './response-mapping.ts';

describe('response mapping', () => {
  const answer = { data: { id: '#1', state: 'awaiting_shipment', 'odd key': 3, shipments: [{ no: 'SF1', carrier: '顺丰', scans: [{ at: 't1', text: '已揽收' }] }] }, currency: 'CNY' };

  it('reads JSON paths with fields, indexes and quoted keys', () => {
    expect(readPath('$.data.id', answer)).toBe('#1');
    expect(readPath('$.data.shipments[0].carrier', answer)).toBe('顺丰');
    expect(readPath('$.data["odd key"]', answer)).toBe(3);
    expect(readPath('$.data.missing.deeper', answer)).toBeUndefined();
    expect(readPath('$.data[0]', answer)).toBeUndefined();
    expect(readPath('$', answer)).toBe(answer);
  });

  it('builds a typed result: fields, translated values, lists, constants and the root from inside a list', () => {
    const mapping = {
      order_id: '$.data.id',
      status: { $path: '$.data.state', $values: { awaiting_shipment: 'pending' } },
      delayed: { $const: false },
      fulfillments: { $each: '$.data.shipments', $map: { tracking_id: { $each: '$.no', $map: '$' }, carrier: '$.carrier', currency: '$$.currency', events: { $each: '$.scans', $map: { time: '$.at', description: '$.text' } } } },
      note: { $path: '$.data.note', $default: '' },
      absent: '$.nothing',
    };
    expect(mappingSchema.safeParse(mapping).success).toBe(true);
    expect(() => applyMapping(mapping, answer)).toThrow(/not a list/);
    const fixed = { ...mapping, fulfillments: { ...mapping.fulfillments, $map: { ...mapping.fulfillments.$map, tracking_id: { $each: '$.nos', $map: '$' } } } };
    const withList = { ...answer, data: { ...answer.data, shipments: [{ ...answer.data.shipments[0], nos: ['SF1', 'SF2'] }] } };
    expect(applyMapping(fixed, withList)).toEqual({
      order_id: '#1', status: 'pending', delayed: false, note: '',
      fulfillments: [{ tracking_id: ['SF1', 'SF2'], carrier: '顺丰', currency: 'CNY', events: [{ time: 't1', description: '已揽收' }] }],
    });
  });

  it('refuses malformed mappings when a connector is saved', () => {
    expect(mappingSchema.safeParse('data.id').success).toBe(false);
    expect(mappingSchema.safeParse({ $each: '$.x' }).success).toBe(false);
    expect(mappingSchema.safeParse({ 'bad field!': '$.x' }).success).toBe(false);
  });
});
