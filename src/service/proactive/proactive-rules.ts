import { z } from 'zod';

const HOUR = 3_600_000;

/**
 * A proactive-care rule as data: when a business event of `event` arrives and `when` matches its data, a message is
 * scheduled `delay` later (or `beforeField` ms before a time in the event, e.g. an appointment), unless one of
 * `cancelOn` arrives for the customer in between. Templates use `{field}` placeholders from the event data.
 */
export const proactiveRuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  event: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  /** Equality conditions on event data fields. */
  when: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  delay: z.union([
    z.object({ afterMs: z.number().int().min(0) }),
    z.object({ beforeField: z.string(), beforeMs: z.number().int().min(0) }),
  ]).default({ afterMs: 0 }),
  /** Event types that make a scheduled message pointless (an order placed after the cart nudge was scheduled). */
  cancelOn: z.array(z.string()).default([]),
  template: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
  channel: z.enum(['widget']).default('widget'),
});

export type ProactiveRule = z.infer<typeof proactiveRuleSchema>;

/** The defaults of issue 9. */
export const DEFAULT_PROACTIVE_RULES: ProactiveRule[] = [
  {
    id: 'order-delayed-apology', event: 'order.delayed', when: {}, delay: { afterMs: 0 }, cancelOn: [], channel: 'widget',
    template: {
      zh: '非常抱歉，您的订单 {orderId} 延误了，预计新的送达日期是 {newDate}。给您添麻烦了，如需帮助随时告诉我。',
      en: 'We are sorry: your order {orderId} is delayed. The new expected delivery date is {newDate}. Let me know if I can help in any way.',
    },
  },
  {
    id: 'appointment-reminder', event: 'appointment.booked', when: {}, delay: { beforeField: 'at', beforeMs: 24 * HOUR }, cancelOn: ['appointment.cancelled'], channel: 'widget',
    template: { zh: '温馨提醒：您预约的{service}在明天 {time}，如需改期请直接回复我。', en: 'A reminder: your {service} appointment is tomorrow at {time}. Reply here if you need to reschedule.' },
  },
  {
    id: 'cart-abandoned-nudge', event: 'cart.updated', when: {}, delay: { afterMs: 2 * HOUR }, cancelOn: ['order.placed', 'cart.updated'], channel: 'widget',
    template: { zh: '您购物车里还有商品哦，有什么疑问我可以帮您解答。', en: 'You still have items in your cart. Any questions I can answer before you check out?' },
  },
  {
    id: 'delivered-satisfaction', event: 'order.delivered', when: {}, delay: { afterMs: 72 * HOUR }, cancelOn: [], channel: 'widget',
    template: { zh: '您的订单 {orderId} 已经送达三天了，用得还满意吗？有任何问题都可以告诉我。', en: 'Your order {orderId} arrived three days ago. Are you happy with it? Tell me if anything is not right.' },
  },
];

/** Settings of proactive care for a tenant. */
export const proactiveSettingsSchema = z.object({
  /** Local time window without messages ('HH:MM'); messages due inside it wait for its end. */
  quietHours: z.object({ start: z.string().regex(/^\d{2}:\d{2}$/), end: z.string().regex(/^\d{2}:\d{2}$/) }).nullable().default({ start: '21:00', end: '09:00' }),
  /** Time zone of the quiet hours when the tenant has no business hours. */
  timeZone: z.string().default('Asia/Shanghai'),
  /** At most this many proactive messages per customer in `capWindowMs`. */
  capPerCustomer: z.number().int().min(1).default(2),
  capWindowMs: z.number().int().positive().default(24 * HOUR),
});
export type ProactiveSettings = z.infer<typeof proactiveSettingsSchema>;
