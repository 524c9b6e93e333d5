/**
 * Shape of an e-commerce backend: the τ-bench retail database (store A) and the Chinese demo store (store B)
 * share it, so the same tools run on both. Extra collections (tickets, bookings) hold after-sales records.
 */
export interface Address {
  address1: string;
  address2: string;
  city: string;
  state: string;
  country: string;
  zip: string;
}

export interface PaymentMethod {
  source: string; // credit_card | paypal | gift_card | alipay | wechat_pay
  id: string;
  brand?: string;
  last_four?: string;
  balance?: number;
}

export interface User {
  name: { first_name: string; last_name: string };
  address: Address;
  email: string;
  phone?: string;
  payment_methods: Record<string, PaymentMethod>;
  orders: string[];
}

export interface OrderItem {
  name: string;
  product_id: string;
  item_id: string;
  price: number;
  options: Record<string, string>;
}

export interface LogisticsEvent {
  time: string;
  location?: string;
  description: string;
}

export interface Fulfillment {
  tracking_id: string[];
  item_ids: string[];
  carrier?: string;
  events?: LogisticsEvent[];
}

export interface Payment {
  transaction_type: 'payment' | 'refund';
  amount: number;
  payment_method_id: string;
}

export interface Order {
  order_id: string;
  user_id: string;
  address: Address;
  items: OrderItem[];
  fulfillments: Fulfillment[];
  status: string;
  payment_history: Payment[];
  created_at?: string;
  cancel_reason?: string;
  return_items?: string[];
  return_payment_method_id?: string;
  exchange_items?: string[];
  exchange_new_items?: string[];
  exchange_payment_method_id?: string;
  exchange_price_difference?: number;
}

export interface Variant {
  item_id: string;
  options: Record<string, string>;
  available: boolean;
  price: number;
}

export interface Product {
  name: string;
  name_en?: string;
  product_id: string;
  category?: string;
  brand?: string;
  description?: string;
  variants: Record<string, Variant>;
}

export interface Ticket {
  ticket_id: string;
  user_id: string | null;
  kind: 'complaint' | 'repair' | 'installation';
  status: 'open' | 'scheduled' | 'resolved' | 'closed';
  order_id?: string;
  product?: string;
  summary: string;
  date?: string;
  slot?: string;
  contact_phone?: string;
  created_at: string;
}

/** Time limits of the store's after-sales policy, in days from delivery (absent: no limit, as in τ-bench retail). */
export interface StorePolicy {
  returnDays?: number;
  exchangeDays?: number;
}

export interface EcommerceDb {
  /** Currency the store's prices are in. */
  currency: 'USD' | 'CNY';
  /** Return and exchange windows (store-zh: 7 and 15 days, from its policy.zh.md). */
  policy?: StorePolicy;
  users: Record<string, User>;
  orders: Record<string, Order>;
  products: Record<string, Product>;
  tickets: Ticket[];
}
