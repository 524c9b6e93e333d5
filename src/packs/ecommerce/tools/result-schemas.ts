import { z } from 'zod';
import type { Order } from '../store/types.ts';
import type { Tracking } from './track-order.ts';

/**
 * Result schemas of the e-commerce order tools (issue 20): what a connector to a shop's own system must answer, after
 * its response mapping, for the skills to work unchanged. Extra fields are kept (`loose`).
 */
const logisticsEventSchema = z.looseObject({ time: z.string(), description: z.string(), location: z.string().optional() });
const fulfillmentSchema = z.looseObject({
  tracking_id: z.array(z.string()), item_ids: z.array(z.string()).default([]), carrier: z.string().optional(), events: z.array(logisticsEventSchema).optional(),
});
const addressSchema = z.looseObject({
  address1: z.string().default(''), address2: z.string().default(''), city: z.string().default(''), state: z.string().default(''), country: z.string().default(''), zip: z.string().default(''),
});

/** An order as the skills read it (τ-bench retail shape). */
export const orderResultSchema: z.ZodType<Order> = z.looseObject({
  order_id: z.string().min(1),
  user_id: z.string().min(1),
  address: addressSchema.default({ address1: '', address2: '', city: '', state: '', country: '', zip: '' }),
  items: z.array(z.looseObject({ name: z.string(), product_id: z.string(), item_id: z.string(), price: z.number(), options: z.record(z.string(), z.string()).default({}) })),
  fulfillments: z.array(fulfillmentSchema).default([]),
  status: z.string().min(1),
  payment_history: z.array(z.looseObject({ transaction_type: z.enum(['payment', 'refund']), amount: z.number(), payment_method_id: z.string() })).default([]),
  created_at: z.string().optional(),
  cancel_reason: z.string().optional(),
}) as unknown as z.ZodType<Order>;

/** The tracking of an order (`track_order`). */
export const trackingResultSchema: z.ZodType<Tracking> = z.looseObject({
  order_id: z.string().min(1),
  status: z.string().min(1),
  fulfillments: z.array(fulfillmentSchema),
  delayed: z.boolean().default(false),
  last_event: logisticsEventSchema.optional(),
}) as unknown as z.ZodType<Tracking>;
