/** Shapes of the logistics demo backend (data/*.json, written by scripts/generate-logistics-data.ts). */

export type ShipmentStatus =
  | 'awaiting_pickup' // label created, courier not there yet
  | 'picked_up' // collected, still at the origin outlet (not dispatched)
  | 'in_transit'
  | 'delayed' // the carrier flagged an exception (weather, backlog …)
  | 'out_for_delivery'
  | 'delivered'
  | 'lost'; // declared lost after an unsuccessful trace

export type EventCode =
  | 'created' | 'picked_up' | 'departed' | 'arrived' | 'out_for_delivery' | 'delivered' | 'exception' | 'trace_opened' | 'declared_lost' | 'address_changed';

export type ExceptionReason = 'weather' | 'backlog' | 'address_issue' | 'traffic_control';

export interface ShipmentEvent {
  time: string;
  code: EventCode;
  /** City id (see rules/cities.ts). */
  city: string;
  reason?: ExceptionReason;
}

export interface Party {
  customer_id: string;
  name: string;
  phone: string;
  city: string;
  address: string;
}

export interface Shipment {
  waybill: string;
  service: 'standard' | 'express';
  status: ShipmentStatus;
  sender: Party;
  recipient: Party;
  weight_kg: number;
  /** Freight paid, CNY. */
  freight: number;
  /** Value the sender declared on the waybill, CNY (0 = not declared). */
  declared_value: number;
  /** Value insurance bought (保价). */
  insured: boolean;
  contents: string;
  created_at: string;
  /** Delivery promised by this time (service level). */
  promised_by: string;
  events: ShipmentEvent[];
  exception?: ExceptionReason;
}

export interface Customer {
  customer_id: string;
  name: string;
  /** Pinyin name for English conversations. */
  name_en: string;
  phone: string;
  city: string;
}

export interface PickupBooking {
  pickup_id: string;
  date: string;
  slot: string;
  city: string;
  address: string;
  phone: string;
  weight_kg?: number;
  created_at: string;
  cancelled?: boolean;
}

export type ClaimKind = 'lost' | 'damaged' | 'delayed';
export type Evidence = 'packaging_photos' | 'contents_photos' | 'receipt' | 'chat_records' | 'waybill_photo';

export interface Claim {
  claim_id: string;
  waybill: string;
  kind: ClaimKind;
  claimant: string;
  description: string;
  claimed_value: number;
  evidence: Evidence[];
  missing_evidence: Evidence[];
  /** Rule applied and the outcome (amount, or 'assessment'). */
  rule: string;
  amount: number | null;
  status: 'open' | 'awaiting_evidence' | 'assessment';
  created_at: string;
}

export interface LogisticsDb {
  currency: 'CNY';
  customers: Record<string, Customer>;
  shipments: Record<string, Shipment>;
  pickups: PickupBooking[];
  claims: Claim[];
}
