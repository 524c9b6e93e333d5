import type { Shipment } from '../store/types.ts';

/** A shipment for rule tests: Shanghai → Chengdu, standard, promised 2026-11-17 18:00, overrides applied. */
export function shipmentFixture(overrides: Partial<Shipment> = {}): Shipment {
  return {
    waybill: 'SF100000000001', service: 'standard', status: 'in_transit',
    sender: { customer_id: 'c001', name: '张伟', phone: '13800001234', city: 'shanghai', address: '上海市浦东新区世纪大道100号' },
    recipient: { customer_id: 'c002', name: '李娜', phone: '13900005678', city: 'chengdu', address: '四川省成都市武侯区人民南路4段1号' },
    weight_kg: 2, freight: 21, declared_value: 500, insured: false, contents: '衣物',
    created_at: '2026-11-14T09:00:00+08:00', promised_by: '2026-11-17T18:00:00+08:00',
    events: [
      { time: '2026-11-14T15:00:00+08:00', code: 'picked_up', city: 'shanghai' },
      { time: '2026-11-14T22:00:00+08:00', code: 'departed', city: 'shanghai' },
    ],
    ...overrides,
  };
}
