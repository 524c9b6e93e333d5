import type { ClaimKind, Evidence, Shipment } from '../store/types.ts';

/** Claims are accepted up to this many days after delivery (damage) or after the promised date (loss, delay). */
export const CLAIM_WINDOW_DAYS = 30;
/** A parcel without a scan for this long counts as lost even before the trace has finished. */
export const LOST_AFTER_SILENT_DAYS = 7;
/** Delay compensation starts at this many hours after the promised time. */
export const DELAY_COMPENSATION_HOURS = 48;
/** Uninsured loss or damage: at most this multiple of the freight. */
export const UNINSURED_FREIGHT_MULTIPLE = 3;

export const REQUIRED_EVIDENCE: Record<ClaimKind, Evidence[]> = {
  lost: ['receipt', 'chat_records'],
  damaged: ['packaging_photos', 'contents_photos', 'receipt'],
  delayed: [],
};

export type RuleId =
  | 'lost_insured' | 'lost_uninsured' | 'damaged_insured' | 'damaged_uninsured'
  | 'delayed_express' | 'delayed_standard' | 'delayed_below_threshold';

export interface CompensationDecision {
  rule: RuleId;
  /** Amount in CNY, or null when an assessor decides (damage). */
  amount: number | null;
  /** Upper bound of what can be paid (damage), for the explanation. */
  cap: number;
  /** The value the rule used: the lower of the customer's stated value and the waybill's declared value. */
  value: number;
  freight: number;
  hoursLate?: number;
}

export type Eligibility = { ok: true } | { ok: false; reason: 'not_delivered' | 'not_lost_yet' | 'already_delivered' | 'window_closed' | 'not_late' };

const HOUR = 3_600_000;
const round = (value: number) => Math.round(value * 100) / 100;

function lastScan(shipment: Shipment): number {
  return Math.max(...shipment.events.map((e) => Date.parse(e.time)), Date.parse(shipment.created_at));
}

function deliveredAt(shipment: Shipment): number | null {
  const event = shipment.events.find((e) => e.code === 'delivered');
  return event ? Date.parse(event.time) : null;
}

/** How many hours after the promised time the parcel was (or, if still moving, is) delivered; 0 when on time. */
export function hoursLate(shipment: Shipment, now: string): number {
  const end = deliveredAt(shipment) ?? Date.parse(now);
  return Math.max(0, Math.floor((end - Date.parse(shipment.promised_by)) / HOUR));
}

/** Whether a claim of this kind may be opened for the shipment now (rules, not the customer's word). */
export function claimEligibility(shipment: Shipment, kind: ClaimKind, now: string): Eligibility {
  const nowMs = Date.parse(now);
  const delivered = deliveredAt(shipment);
  if (kind === 'damaged') {
    if (delivered === null) return { ok: false, reason: 'not_delivered' };
    if (nowMs - delivered > CLAIM_WINDOW_DAYS * 24 * HOUR) return { ok: false, reason: 'window_closed' };
    return { ok: true };
  }
  if (kind === 'lost') {
    if (delivered !== null) return { ok: false, reason: 'already_delivered' };
    const silentDays = (nowMs - lastScan(shipment)) / (24 * HOUR);
    if (shipment.status !== 'lost' && silentDays < LOST_AFTER_SILENT_DAYS) return { ok: false, reason: 'not_lost_yet' };
    return { ok: true };
  }
  if (hoursLate(shipment, now) < DELAY_COMPENSATION_HOURS) return { ok: false, reason: 'not_late' };
  if (nowMs - Date.parse(shipment.promised_by) > CLAIM_WINDOW_DAYS * 24 * HOUR) return { ok: false, reason: 'window_closed' };
  return { ok: true };
}

/**
 * The compensation rules of the carrier, as code so every decision can be shown and tested:
 * - lost, insured (保价) → the declared value;
 * - lost, not insured → up to 3 × freight, never more than the declared value;
 * - damaged → an assessor decides (insured: up to the declared value; not insured: up to 3 × freight, capped likewise);
 * - delayed ≥ 48 h → express: the freight refunded; standard: half the freight.
 * "Declared value" is the lower of what the customer now states and what the waybill says (when the waybill has one).
 */
export function compensationFor(shipment: Shipment, kind: ClaimKind, statedValue: number, now: string): CompensationDecision {
  const value = round(shipment.declared_value > 0 ? Math.min(statedValue, shipment.declared_value) : statedValue);
  const freight = shipment.freight;
  const uninsuredCap = round(Math.min(UNINSURED_FREIGHT_MULTIPLE * freight, value));
  if (kind === 'lost') {
    return shipment.insured
      ? { rule: 'lost_insured', amount: value, cap: value, value, freight }
      : { rule: 'lost_uninsured', amount: uninsuredCap, cap: uninsuredCap, value, freight };
  }
  if (kind === 'damaged') {
    return shipment.insured
      ? { rule: 'damaged_insured', amount: null, cap: value, value, freight }
      : { rule: 'damaged_uninsured', amount: null, cap: uninsuredCap, value, freight };
  }
  const late = hoursLate(shipment, now);
  if (late < DELAY_COMPENSATION_HOURS) return { rule: 'delayed_below_threshold', amount: 0, cap: 0, value, freight, hoursLate: late };
  const amount = shipment.service === 'express' ? freight : round(freight / 2);
  return { rule: shipment.service === 'express' ? 'delayed_express' : 'delayed_standard', amount, cap: amount, value, freight, hoursLate: late };
}

/** Evidence still missing for a claim of this kind. */
export function missingEvidence(kind: ClaimKind, provided: Evidence[]): Evidence[] {
  return REQUIRED_EVIDENCE[kind].filter((item) => !provided.includes(item));
}
