import type { Localized } from '../types.ts';

/** A product as the recommender sees it: catalogue attributes only, no store-specific shape. */
export interface RecommendProduct {
  id: string;
  name: string;
  /** Second-language name (the Chinese store's `name_en`). */
  nameAlt?: string;
  category?: string;
  brand?: string;
  description?: string;
  /** Option values over all variants (颜色: 黑色 → "黑色"); feed content similarity. */
  optionValues: string[];
  /** Cheapest price of a variant (in stock when any is). */
  price: number;
  /** True when at least one variant can be bought. */
  available: boolean;
}

/** A past order: who bought which products, and when (ISO) when known. */
export interface RecommendOrder {
  id: string;
  customerId: string;
  productIds: string[];
  /** ISO time; without it orders keep the given order (the caller's chronology). */
  createdAt?: string;
}

export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

/** Business context of one request. */
export interface RecommendContext {
  now: Date;
  /** Defaults to the northern-hemisphere season of `now`. */
  season?: Season;
  /** Product ids on promotion. */
  promotions?: string[];
  /** Product id → units in stock (overrides the product's `available`). */
  stock?: Record<string, number>;
}

export interface RecommendRequest {
  customerId?: string;
  /** Pre-sale question ("有什么适合送爸爸的?", "a gift for a runner under $100"). */
  query?: string;
  context: RecommendContext;
  limit: number;
}

/** Names of the signals; the strongest one chooses the explanation. */
export type SignalName = 'query' | 'coPurchase' | 'content' | 'season' | 'promotion' | 'popularity' | 'repurchase';

export interface Recommendation {
  productId: string;
  name: string;
  price: number;
  score: number;
  /** Contribution of each signal to `score` (already weighted). */
  signals: Partial<Record<SignalName, number>>;
  /** One line, both languages: "买过X的顾客也买了Y" / "Similar to the Z you bought". */
  reason: Localized;
}

export interface Recommender {
  recommend(request: RecommendRequest): Recommendation[];
}
