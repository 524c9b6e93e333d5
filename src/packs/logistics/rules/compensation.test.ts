import { describe, expect, it } from 'vitest';
import { claimEligibility, compensationFor, missingEvidence } from './compensation.ts';
import { shipmentFixture } from './fixture.ts';

const NOW = '2026-11-20T10:00:00+08:00';
const delivered = (time: string) => shipmentFixture({ status: 'delivered', events: [{ time, code: 'delivered', city: 'chengdu' }] });

describe('compensationFor', () => {
  it('lost without insurance: 3 × freight, capped at the declared value', () => {
    expect(compensationFor(shipmentFixture(), 'lost', 800, NOW)).toMatchObject({ rule: 'lost_uninsured', amount: 63, value: 500 });
    expect(compensationFor(shipmentFixture({ declared_value: 40 }), 'lost', 800, NOW)).toMatchObject({ amount: 40 });
    expect(compensationFor(shipmentFixture({ declared_value: 0 }), 'lost', 50, NOW)).toMatchObject({ amount: 50 });
  });
  it('lost with insurance: the declared value (never more than the waybill says)', () => {
    expect(compensationFor(shipmentFixture({ insured: true }), 'lost', 800, NOW)).toMatchObject({ rule: 'lost_insured', amount: 500 });
    expect(compensationFor(shipmentFixture({ insured: true }), 'lost', 300, NOW)).toMatchObject({ amount: 300 });
  });
  it('damaged goes to assessment with a cap', () => {
    expect(compensationFor(shipmentFixture(), 'damaged', 500, NOW)).toMatchObject({ rule: 'damaged_uninsured', amount: null, cap: 63 });
    expect(compensationFor(shipmentFixture({ insured: true }), 'damaged', 500, NOW)).toMatchObject({ rule: 'damaged_insured', amount: null, cap: 500 });
  });
  it('delayed: express refunds the freight, standard half, under 48 h nothing', () => {
    expect(compensationFor(shipmentFixture(), 'delayed', 0, NOW)).toMatchObject({ rule: 'delayed_standard', amount: 10.5, hoursLate: 40 + 24 });
    expect(compensationFor(shipmentFixture({ service: 'express' }), 'delayed', 0, NOW)).toMatchObject({ rule: 'delayed_express', amount: 21 });
    expect(compensationFor(shipmentFixture({ promised_by: '2026-11-19T18:00:00+08:00' }), 'delayed', 0, NOW)).toMatchObject({ rule: 'delayed_below_threshold', amount: 0 });
  });
});

describe('claimEligibility', () => {
  it('damage needs a delivery within 30 days', () => {
    expect(claimEligibility(shipmentFixture(), 'damaged', NOW)).toEqual({ ok: false, reason: 'not_delivered' });
    expect(claimEligibility(delivered('2026-11-19T10:00:00+08:00'), 'damaged', NOW)).toEqual({ ok: true });
    expect(claimEligibility(delivered('2026-10-01T10:00:00+08:00'), 'damaged', NOW)).toEqual({ ok: false, reason: 'window_closed' });
  });
  it('loss needs a lost status or 7 silent days, and no delivery', () => {
    expect(claimEligibility(shipmentFixture(), 'lost', NOW)).toEqual({ ok: false, reason: 'not_lost_yet' });
    expect(claimEligibility(shipmentFixture(), 'lost', '2026-11-22T10:00:00+08:00')).toEqual({ ok: true });
    expect(claimEligibility(shipmentFixture({ status: 'lost' }), 'lost', NOW)).toEqual({ ok: true });
    expect(claimEligibility(delivered('2026-11-19T10:00:00+08:00'), 'lost', NOW)).toEqual({ ok: false, reason: 'already_delivered' });
  });
  it('delay needs 48 hours past the promise', () => {
    expect(claimEligibility(shipmentFixture(), 'delayed', NOW)).toEqual({ ok: true });
    expect(claimEligibility(shipmentFixture(), 'delayed', '2026-11-19T10:00:00+08:00')).toEqual({ ok: false, reason: 'not_late' });
  });
});

describe('missingEvidence', () => {
  it('lists what a claim still needs', () => {
    expect(missingEvidence('damaged', ['packaging_photos'])).toEqual(['contents_photos', 'receipt']);
    expect(missingEvidence('lost', ['receipt', 'chat_records'])).toEqual([]);
    expect(missingEvidence('delayed', [])).toEqual([]);
  });
});
