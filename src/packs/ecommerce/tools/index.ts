import type { ToolDefinition } from '../../../engine/tools/define-tool.ts';
import { bookRepair } from './book-repair.ts';
import { calculate } from './calculate.ts';
import { cancelPendingOrder } from './cancel-pending-order.ts';
import { createComplaint } from './create-complaint.ts';
import { exchangeDeliveredOrderItems } from './exchange-delivered-order-items.ts';
import { findUserIdByEmail } from './find-user-id-by-email.ts';
import { findUserIdByPhone } from './find-user-id-by-phone.ts';
import { findUserIdByNameZip } from './find-user-id-by-name-zip.ts';
import { getOrderDetails } from './get-order-details.ts';
import { getProductDetails } from './get-product-details.ts';
import { getUserDetails } from './get-user-details.ts';
import { listAllProductTypes } from './list-all-product-types.ts';
import { listRepairSlots } from './list-repair-slots.ts';
import { modifyPendingOrderAddress } from './modify-pending-order-address.ts';
import { modifyPendingOrderItems } from './modify-pending-order-items.ts';
import { modifyPendingOrderPayment } from './modify-pending-order-payment.ts';
import { modifyUserAddress } from './modify-user-address.ts';
import { returnDeliveredOrderItems } from './return-delivered-order-items.ts';
import { trackOrder } from './track-order.ts';
import { transferToHumanAgents } from './transfer-to-human-agents.ts';
import type { EcommerceDb } from '../store/types.ts';

/** Every tool of the e-commerce pack, by name. The τ-bench retail tools keep their names and arguments. */
export const ecommerceTools = {
  find_user_id_by_email: findUserIdByEmail,
  find_user_id_by_name_zip: findUserIdByNameZip,
  find_user_id_by_phone: findUserIdByPhone,
  get_user_details: getUserDetails,
  get_order_details: getOrderDetails,
  get_product_details: getProductDetails,
  list_all_product_types: listAllProductTypes,
  cancel_pending_order: cancelPendingOrder,
  modify_pending_order_address: modifyPendingOrderAddress,
  modify_pending_order_items: modifyPendingOrderItems,
  modify_pending_order_payment: modifyPendingOrderPayment,
  modify_user_address: modifyUserAddress,
  return_delivered_order_items: returnDeliveredOrderItems,
  exchange_delivered_order_items: exchangeDeliveredOrderItems,
  transfer_to_human_agents: transferToHumanAgents,
  calculate,
  track_order: trackOrder,
  list_repair_slots: listRepairSlots,
  book_repair: bookRepair,
  create_complaint: createComplaint,
} as const;

export type EcommerceToolName = keyof typeof ecommerceTools;

export function getEcommerceTool(name: string): ToolDefinition<unknown, unknown, EcommerceDb> | undefined {
  return (ecommerceTools as Record<string, unknown>)[name] as ToolDefinition<unknown, unknown, EcommerceDb> | undefined;
}
