import type { Shipment } from '../store/types.ts';
import { LOST_AFTER_SILENT_DAYS } from './compensation.ts';

/** A parcel still moving with no scan for this long is "stalled". */
export const STALLED_AFTER_HOURS = 48;

export type DelayKind = 'exception' | 'overdue' | 'stalled' | 'likely_lost';

export interface DelayNotice {
  waybill: string;
  kind: DelayKind;
  /** Hours past the promised delivery time (0 when not yet past it). */
  hoursLate: number;
  /** Hours since the last scan. */
  hoursSilent: number;
  reason?: string;
  /** Who to tell: the recipient first; the sender too when it may become a claim. */
  notify: Array<'recipient' | 'sender'>;
  /** Suggests opening a loss claim. */
  suggestClaim: boolean;
}

const HOUR = 3_600_000;
const FINISHED = new Set(['delivered', 'lost', 'awaiting_pickup']);

/**
 * Proactive delay notices: a pure rule over the shipments and the current time, run by a scheduler
 * (or on demand by the tracking skill). The most serious finding per shipment wins:
 * likely lost (no scan for 7 days) > carrier exception > past the promised time > stalled (no scan for 48 h).
 * Delivered, lost (already handled) and not-yet-collected parcels get no notice.
 */
export function delayNotices(shipments: Iterable<Shipment>, now: string): DelayNotice[] {
  const nowMs = Date.parse(now);
  const notices: DelayNotice[] = [];
  for (const shipment of shipments) {
    if (FINISHED.has(shipment.status)) continue;
    const last = Math.max(Date.parse(shipment.created_at), ...shipment.events.map((e) => Date.parse(e.time)));
    const hoursSilent = Math.max(0, Math.floor((nowMs - last) / HOUR));
    const hoursLate = Math.max(0, Math.floor((nowMs - Date.parse(shipment.promised_by)) / HOUR));
    const base = { waybill: shipment.waybill, hoursLate, hoursSilent };
    if (hoursSilent >= LOST_AFTER_SILENT_DAYS * 24) notices.push({ ...base, kind: 'likely_lost', notify: ['recipient', 'sender'], suggestClaim: true });
    else if (shipment.status === 'delayed') notices.push({ ...base, kind: 'exception', reason: shipment.exception, notify: ['recipient'], suggestClaim: false });
    else if (hoursLate > 0) notices.push({ ...base, kind: 'overdue', notify: ['recipient'], suggestClaim: false });
    else if (hoursSilent >= STALLED_AFTER_HOURS && shipment.status !== 'picked_up') notices.push({ ...base, kind: 'stalled', notify: ['recipient'], suggestClaim: false });
  }
  const severity: Record<DelayKind, number> = { likely_lost: 0, exception: 1, overdue: 2, stalled: 3 };
  return notices.sort((a, b) => severity[a.kind] - severity[b.kind] || b.hoursLate - a.hoursLate || a.waybill.localeCompare(b.waybill));
}
