import { z } from 'zod';

/**
 * Weights and knobs of the recommender, with the defaults `lingxi eval recommend` chose on its validation split
 * (each customer's second-to-last order; the held-out last orders were never looked at).
 */
export const recommenderConfigSchema = z.object({
  weights: z.object({
    /** log-scaled order count, 0…1. */
    popularity: z.number().min(0).default(1),
    /** item-to-item co-occurrence with the customer's history (cosine), 0…1 after normalisation. */
    coPurchase: z.number().min(0).default(0.2),
    /** TF-IDF cosine between the product and the customer's recency-weighted history. */
    content: z.number().min(0).default(0.1),
    /** TF-IDF cosine between the product and the question (with lexicon expansions). */
    query: z.number().min(0).default(3),
    season: z.number().min(0).default(0.3),
    promotion: z.number().min(0).default(0.3),
  }).prefault({}),
  /** Half-life of the customer's history, in orders (the latest order weighs 1, the one before 0.5^(1/h) …). */
  historyHalfLife: z.number().positive().default(2),
  /** Already-bought products are dropped, except consumables which keep this fraction of their score. */
  repurchaseFactor: z.number().min(0).max(1).default(0.6),
  /** Categories or name words that are bought again (food, baby care, cosmetics). */
  consumables: z.array(z.string()).default(['食品', '母婴', '美妆', 'coffee', 'tea', 'perfume', 'makeup', '咖啡', '茶', '纸尿裤', '湿巾']),
  /** Season → words of products that sell in it (matched against the product's content tokens). */
  seasonal: z.record(z.enum(['spring', 'summer', 'autumn', 'winter']), z.array(z.string())).default({
    spring: ['茶', '龙井', '自行车', 'bicycle', 'bike', '跑步', 'running', 'garden', 'hose', 'hiking', '防晒'],
    summer: ['防晒', 'sunscreen', 'sunglasses', '空调', 'conditioner', 'water', 'bottle', '保温杯', 'umbrella', 'grill', 't-shirt', 'T恤', '凉'],
    autumn: ['卫衣', 'hoodie', '加湿器', 'humidifier', 'jacket', 'fleece', 'hiking', 'boots', '面霜'],
    winter: ['羽绒服', 'down', 'jacket', 'fleece', '加湿器', 'humidifier', '电热水器', 'heater', 'thermostat', '保温杯', 'kettle', '面霜', 'cream'],
  }),
  /** Products with zero stock are never recommended. */
  dropOutOfStock: z.boolean().default(true),
});

export type RecommenderConfig = z.infer<typeof recommenderConfigSchema>;
export type RecommenderConfigInput = z.input<typeof recommenderConfigSchema>;
