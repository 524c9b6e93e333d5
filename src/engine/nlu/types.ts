import type { Locale } from '../types.ts';

/** Entity types the extractor knows. Values are canonical (see each type's comment). */
export type EntityType =
  | 'order_id' // '#W1234567' (always with '#', upper-case letter) or a Chinese store id such as '#D2024...'
  | 'email' // lower-cased address
  | 'phone' // digits only, e.g. '13812345678' or '+12025550123'
  | 'zip' // '19122' (US 5 digits) or '200120' (CN 6 digits)
  | 'date' // ISO 'YYYY-MM-DD', resolved against the injected clock
  | 'time' // 'HH:MM' 24h; a part of day ('下午', 'afternoon') gives meta.partOfDay and a representative time
  | 'amount' // decimal string '199.00'; meta.currency 'CNY' | 'USD' when stated
  | 'number' // a bare integer, e.g. a quantity or a choice '2'
  | 'product' // catalogue product id; meta.name
  | 'option' // catalogue option value; value 'key=value' e.g. 'color=blue'; meta.key, meta.value
  | 'payment_method' // 'credit_card' | 'paypal' | 'gift_card' | 'alipay' | 'wechat_pay' | 'bank_card'
  | 'user_id' // e.g. 'yusuf_rossi_9620'
  | 'person_name' // meta.first, meta.last when known
  | 'address'; // postal address; meta: address1, address2, city, state, country, zip (en) or province, city, district, detail (zh)

export interface Entity {
  type: EntityType;
  value: string;
  /** The text as the customer wrote it. */
  text: string;
  start: number;
  end: number;
  meta?: Record<string, string | number | boolean>;
}

/** Catalogue terms a pack provides so that product names and option values are recognised in both languages. */
export interface CatalogTerms {
  products: Array<{ id: string; names: string[] }>;
  /** Option values, e.g. { key: 'switch type', value: 'clicky', synonyms: ['青轴', 'clicky switches'] }. */
  options: Array<{ key: string; value: string; synonyms: string[] }>;
}

export interface ExtractContext {
  /** Reference time for relative dates ("明天", "next Monday"); ISO string from the injected clock. */
  now: string;
  /** IANA time zone of the business, default 'Asia/Shanghai'. */
  timeZone?: string;
  locale?: Locale;
}

export interface EntityExtractor {
  extract(text: string, context: ExtractContext): Entity[];
}

export interface TrainingExample {
  text: string;
  label: string;
}

export interface IntentScore {
  label: string;
  confidence: number;
}

/**
 * `confident`: act on the top label. `ambiguous`: ask the customer to choose between the two best guesses.
 * `unknown`: outside what the classifier knows (out of scope) — fall back to knowledge retrieval or a clarifying reply.
 */
export type IntentStatus = 'confident' | 'ambiguous' | 'unknown';

export interface IntentPrediction {
  label: string | null;
  confidence: number;
  status: IntentStatus;
  ranking: IntentScore[];
}

export interface IntentClassifier {
  classify(text: string): IntentPrediction;
  labels(): string[];
  /** JSON text that {@link IntentClassifierFactory.load} turns back into an identical classifier. */
  serialize(): string;
}

export type Sentiment = {
  /** -1 (very negative) … 1 (very positive). */
  polarity: number;
  label: 'positive' | 'neutral' | 'negative';
  emotion: 'anger' | 'anxiety' | 'disappointment' | 'satisfaction' | 'neutral';
  /** 0 … 1. */
  urgency: number;
};
