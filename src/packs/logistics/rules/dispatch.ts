import type { Shipment } from '../store/types.ts';

/**
 * A parcel is dispatched once it has left the origin outlet (a `departed` scan, or any later status).
 * Before that the delivery address may still be changed; after it, the address is printed on the sorting label
 * and changes are refused (the recipient can ask the delivering courier instead).
 */
export function isDispatched(shipment: Shipment): boolean {
  if (shipment.status === 'awaiting_pickup' || shipment.status === 'picked_up') return shipment.events.some((e) => e.code === 'departed');
  return true;
}
