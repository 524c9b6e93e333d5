import { createTokenizer, type Tokenizer } from '../text/tokenize.ts';
import { createCoOccurrence } from './co-occurrence.ts';
import { addInto, cosine, createContentIndex, normalise, type SparseVector } from './content-index.ts';
import { explain } from './explain.ts';
import { findQueryCues, parsePriceRange, type PriceRange } from './query-lexicon.ts';
import { recommenderConfigSchema, type RecommenderConfigInput } from './recommender-config.ts';
import type { Recommendation, Recommender, RecommendOrder, RecommendProduct, RecommendRequest, Season, SignalName } from './types.ts';

export interface RecommenderData {
  products: RecommendProduct[];
  orders: RecommendOrder[];
  config?: RecommenderConfigInput;
}

/** A signal's unweighted value must reach this to explain a suggestion; below it, popularity explains. */
const EXPLAIN_THRESHOLD = 0.25;
const SEASON_OF_MONTH: Season[] = ['winter', 'winter', 'spring', 'spring', 'spring', 'summer', 'summer', 'summer', 'autumn', 'autumn', 'autumn', 'winter'];

/** Orders of each customer, oldest first: by `createdAt` when every order has one, else in the given order. */
function historiesOf(orders: RecommendOrder[]): Map<string, RecommendOrder[]> {
  const byCustomer = new Map<string, RecommendOrder[]>();
  for (const order of orders) {
    const list = byCustomer.get(order.customerId) ?? [];
    list.push(order);
    byCustomer.set(order.customerId, list);
  }
  for (const list of byCustomer.values()) {
    if (list.every((order) => order.createdAt)) list.sort((left, right) => left.createdAt!.localeCompare(right.createdAt!));
  }
  return byCustomer;
}

/**
 * Builds a recommender over a catalogue and past orders. Per candidate product the score is a weighted sum
 * (weights in {@link recommenderConfigSchema}; the scoring is documented in `README.md` beside this file):
 * popularity + co-purchase with the customer's recency-weighted history + content similarity to that history +
 * similarity to the question (lexicon-expanded) + season and promotion boosts. Out-of-stock, over-budget and
 * already-bought non-consumable products are dropped. Each result carries its strongest signal as a one-line reason.
 *
 * @example
 * const recommender = createRecommender({ products, orders });
 * recommender.recommend({ query: '有什么适合送爸爸的? 500元以内', context: { now: new Date() }, limit: 3 });
 */
export function createRecommender(data: RecommenderData, deps: { tokenizer?: Tokenizer } = {}): Recommender {
  const config = recommenderConfigSchema.parse(data.config ?? {});
  const { weights } = config;
  const products = new Map(data.products.map((product) => [product.id, product]));
  const index = createContentIndex(data.products, deps.tokenizer ?? createTokenizer());
  const coOccurrence = createCoOccurrence(data.orders);
  const histories = historiesOf(data.orders);
  const logMax = Math.log1p(coOccurrence.maxCount()) || 1;
  const prices = data.products.map((product) => product.price).sort((left, right) => left - right);
  const medianPrice = prices[Math.floor(prices.length / 2)] ?? 0;

  const tokensOf = (word: string) => new Set(index.embed(word).keys());
  const hasAnyWord = (vector: SparseVector, words: string[]) => words.some((word) => {
    const tokens = tokensOf(word);
    return tokens.size > 0 && [...tokens].every((token) => vector.has(token));
  });
  const seasonal = new Map<string, Set<string>>();
  for (const [season, words] of Object.entries(config.seasonal)) {
    seasonal.set(season, new Set(data.products.filter((product) => hasAnyWord(index.vectors.get(product.id)!, words)).map((product) => product.id)));
  }
  const consumable = new Set(data.products.filter((product) => config.consumables.includes(product.category ?? '') || hasAnyWord(index.vectors.get(product.id)!, config.consumables)).map((product) => product.id));

  /** Product → recency weight (latest order 1, halving every `historyHalfLife` orders back; max over orders). */
  function historyWeights(customerId: string | undefined): Map<string, number> {
    const weightsByProduct = new Map<string, number>();
    const history = customerId ? histories.get(customerId) ?? [] : [];
    history.forEach((order, position) => {
      const weight = 0.5 ** ((history.length - 1 - position) / config.historyHalfLife);
      for (const id of order.productIds) if (products.has(id)) weightsByProduct.set(id, Math.max(weightsByProduct.get(id) ?? 0, weight));
    });
    return weightsByProduct;
  }

  function inStock(product: RecommendProduct, stock: Record<string, number> | undefined): boolean {
    const units = stock?.[product.id];
    return units === undefined ? product.available : units > 0;
  }

  function withinPrice(product: RecommendProduct, range: PriceRange | null): boolean {
    if (!range) return true;
    const max = range.max !== undefined && Number.isNaN(range.max) ? medianPrice : range.max;
    return (max === undefined || product.price <= max) && (range.min === undefined || product.price >= range.min);
  }

  return {
    recommend(request: RecommendRequest): Recommendation[] {
      const { context } = request;
      const season = context.season ?? SEASON_OF_MONTH[context.now.getUTCMonth()];
      const promotions = new Set(context.promotions ?? []);
      const history = historyWeights(request.customerId);
      const profile = new Map<string, number>();
      for (const [id, weight] of history) addInto(profile, index.vectors.get(id)!, weight);
      const profileVector = normalise(profile);
      const query = request.query?.trim() ?? '';
      const found = query ? findQueryCues(query) : [];
      // "gift" only names itself when nothing more specific (a recipient, an activity) was asked for.
      const cues = found.length > 1 ? found.filter((cue) => cue.id !== 'gift') : found;
      const priceRange = query ? parsePriceRange(query) : null;
      const queryVector = query ? index.embed([query, ...cues.flatMap((cue) => cue.expand)].join(' ')) : new Map<string, number>();

      const candidates: Array<{ product: RecommendProduct; raw: Record<SignalName, number>; coAnchor?: string; contentAnchor?: string; repurchase: boolean }> = [];
      for (const product of products.values()) {
        if (config.dropOutOfStock && !inStock(product, context.stock)) continue;
        if (!withinPrice(product, priceRange)) continue;
        const bought = history.has(product.id);
        if (bought && !consumable.has(product.id)) continue;
        const vector = index.vectors.get(product.id)!;
        let coPurchase = 0;
        let coAnchor: string | undefined;
        let coBest = 0;
        let contentAnchor: string | undefined;
        let contentBest = 0;
        for (const [id, weight] of history) {
          if (id === product.id) continue;
          const association = weight * coOccurrence.association(id, product.id);
          coPurchase += association;
          if (association > coBest) [coBest, coAnchor] = [association, id];
          const similarity = weight * cosine(index.vectors.get(id)!, vector);
          if (similarity > contentBest) [contentBest, contentAnchor] = [similarity, id];
        }
        candidates.push({
          product, coAnchor, contentAnchor, repurchase: bought,
          raw: {
            popularity: Math.log1p(coOccurrence.count(product.id)) / logMax,
            coPurchase,
            content: profileVector.size ? cosine(profileVector, vector) : 0,
            query: queryVector.size ? cosine(queryVector, vector) : 0,
            season: seasonal.get(season)?.has(product.id) ? 1 : 0,
            promotion: promotions.has(product.id) ? 1 : 0,
            repurchase: 0,
          },
        });
      }
      // Co-purchase sums over the history and query cosines shrink with long questions: scale both to 0…1 over this
      // request's candidates, so that the best match of a question always carries the full query weight.
      const coMax = Math.max(0, ...candidates.map((candidate) => candidate.raw.coPurchase)) || 1;
      const queryMax = Math.max(0, ...candidates.map((candidate) => candidate.raw.query)) || 1;
      const scored = candidates.map((candidate) => {
        const raw = { ...candidate.raw, coPurchase: candidate.raw.coPurchase / coMax, query: candidate.raw.query / queryMax };
        const signals: Partial<Record<SignalName, number>> = {};
        let score = 0;
        for (const name of ['popularity', 'coPurchase', 'content', 'query', 'season', 'promotion'] as const) {
          const contribution = weights[name] * raw[name];
          if (contribution > 0) signals[name] = contribution;
          score += contribution;
        }
        if (candidate.repurchase) {
          signals.repurchase = -score * (1 - config.repurchaseFactor);
          score *= config.repurchaseFactor;
        }
        return { candidate, raw, score, signals };
      });
      scored.sort((left, right) => right.score - left.score || left.candidate.product.id.localeCompare(right.candidate.product.id));

      return scored.slice(0, Math.max(0, request.limit)).map(({ candidate, raw, score, signals }) => {
        const { product } = candidate;
        const order: SignalName[] = ['query', 'promotion', 'coPurchase', 'content', 'season'];
        let signal: SignalName = candidate.repurchase ? 'repurchase' : 'popularity';
        if (!candidate.repurchase) {
          let best = EXPLAIN_THRESHOLD;
          for (const name of order) if (raw[name] >= best && (name !== 'query' || raw.query > 0)) [best, signal] = [raw[name] + (name === 'query' || name === 'promotion' ? 1 : 0), name];
        }
        const anchorId = signal === 'coPurchase' ? candidate.coAnchor : signal === 'content' ? candidate.contentAnchor : undefined;
        return {
          productId: product.id, name: product.name, price: product.price, score, signals,
          reason: explain({ signal, product, anchor: anchorId ? products.get(anchorId) : undefined, cues, withinBudget: priceRange !== null }),
        };
      });
    },
  };
}
