import { bookPickup } from './book-pickup.ts';
import { changeDeliveryAddress } from './change-delivery-address.ts';
import { fileClaim } from './file-claim.ts';
import { getShipmentDetails } from './get-shipment-details.ts';
import { listDelayNotices } from './list-delay-notices.ts';
import { listPickupSlots } from './list-pickup-slots.ts';
import { quotePrice } from './quote-price.ts';
import { trackShipment } from './track-shipment.ts';
import { verifyShipmentContact } from './verify-shipment-contact.ts';

/** Every tool of the logistics pack, by name. */
export const logisticsTools = {
  track_shipment: trackShipment,
  verify_shipment_contact: verifyShipmentContact,
  get_shipment_details: getShipmentDetails,
  change_delivery_address: changeDeliveryAddress,
  list_pickup_slots: listPickupSlots,
  book_pickup: bookPickup,
  quote_price: quotePrice,
  file_claim: fileClaim,
  list_delay_notices: listDelayNotices,
} as const;
