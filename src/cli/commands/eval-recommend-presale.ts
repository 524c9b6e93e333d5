import { createRecommender } from '../../engine/recommend/create-recommender.ts';
import { parsePriceRange } from '../../engine/recommend/query-lexicon.ts';
import type { RecommendProduct } from '../../engine/recommend/types.ts';
import { loadStore } from '../../packs/ecommerce/store/load-store.ts';
import { recommenderDataFromStore } from '../../packs/ecommerce/tools/recommend-products.ts';

/**
 * A pre-sale question with the store-zh products a shop assistant would accept as an answer (by Chinese name) and,
 * when the question states one, the budget in CNY. Self-written from the catalogue (products.json) by the developer,
 * before the recommender's answers were looked at; not a public data set.
 */
export interface PresaleCase {
  question: string;
  acceptable: string[];
  maxPrice?: number;
}

/** The labelled set: 15 Chinese and 11 English questions, including phrasings the query lexicon has no cue for. */
export const PRESALE_CASES: readonly PresaleCase[] = [
  { question: '有什么适合送爸爸的?', acceptable: ['西湖龙井', '保温杯', '智能手表', '头戴式耳机', '真无线蓝牙耳机', '每日坚果礼盒', '电动牙刷', '人体工学椅', '乳胶枕'] },
  { question: '500元以内送妈妈什么礼物好', acceptable: ['保湿面霜', '修护精华液', '香水', '丝绒口红', '加湿器', '乳胶枕', '保温杯', '电动牙刷', '纯棉四件套', '西湖龙井', '防晒霜'], maxPrice: 500 },
  { question: '给爷爷奶奶买点什么好', acceptable: ['西湖龙井', '保温杯', '乳胶枕', '每日坚果礼盒', '五常大米', '电水壶', '净水器', '空气净化器', '纯牛奶整箱', '加湿器'] },
  { question: '女朋友生日送什么', acceptable: ['香水', '丝绒口红', '真丝连衣裙', '保湿面霜', '修护精华液', '真无线蓝牙耳机', '智能手表', '电子书阅读器'] },
  { question: '送男朋友的礼物，预算1000以内', acceptable: ['机械键盘', '游戏鼠标', '真无线蓝牙耳机', '头戴式耳机', '双肩包', '电动牙刷', '香水', '蓝牙音箱', '充电宝', '跑步鞋', '电子书阅读器'], maxPrice: 1000 },
  { question: '刚生了宝宝，需要准备什么', acceptable: ['纸尿裤', '婴儿湿巾', '防胀气奶瓶', '婴儿推车', '儿童安全座椅', '加湿器'] },
  { question: '我想开始跑步，推荐点装备', acceptable: ['跑步鞋', '智能手表', '真无线蓝牙耳机', '跳绳', '保温杯'] },
  { question: '在家健身买什么', acceptable: ['瑜伽垫', '可调节哑铃', '跳绳', '智能手表', '跑步鞋'] },
  { question: '周末想去骑行', acceptable: ['山地自行车', '骑行头盔', '运动相机', '智能手表', '双肩包', '保温杯'] },
  { question: '上班族办公用什么好', acceptable: ['人体工学椅', '护眼台灯', '显示器', '机械键盘', '笔记本电脑', '双肩包', '保温杯', '真无线蓝牙耳机'] },
  { question: '打游戏用的外设推荐', acceptable: ['游戏鼠标', '机械键盘', '显示器', '头戴式耳机'] },
  { question: '刚搬新家，有什么推荐', acceptable: ['空气净化器', '扫地机器人', '净水器', '智能LED灯泡', '纯棉四件套', '收纳箱', '无线吸尘器', '智能温控器', '冰箱', '滚筒洗衣机', '空调挂机', '电热水器', '智能摄像头'] },
  { question: '喜欢喝咖啡的人送什么', acceptable: ['意式咖啡机', '咖啡豆', '保温杯'] },
  { question: '有什么便宜实用的厨房电器', acceptable: ['电水壶', '空气炸锅', '电饭煲', '破壁机'], maxPrice: 300 },
  { question: '冬天干燥，皮肤不好怎么办', acceptable: ['保湿面霜', '修护精华液', '加湿器', '氨基酸洗面奶'] },
  { question: 'any recommendations for my dad?', acceptable: ['西湖龙井', '保温杯', '智能手表', '头戴式耳机', '真无线蓝牙耳机', '每日坚果礼盒', '电动牙刷', '人体工学椅', '乳胶枕'] },
  { question: 'a gift for my mom under 300', acceptable: ['保湿面霜', '丝绒口红', '加湿器', '乳胶枕', '保温杯', '电动牙刷', '纯棉四件套', '西湖龙井', '防晒霜', '每日坚果礼盒'], maxPrice: 300 },
  { question: 'what should I get my girlfriend for her birthday', acceptable: ['香水', '丝绒口红', '真丝连衣裙', '保湿面霜', '修护精华液', '真无线蓝牙耳机', '智能手表', '电子书阅读器'] },
  { question: 'gear for a runner', acceptable: ['跑步鞋', '智能手表', '真无线蓝牙耳机', '跳绳', '保温杯'] },
  { question: 'something for my home office desk', acceptable: ['人体工学椅', '护眼台灯', '显示器', '机械键盘', '笔记本电脑', '智能LED灯泡'] },
  { question: 'I need stuff for a new baby', acceptable: ['纸尿裤', '婴儿湿巾', '防胀气奶瓶', '婴儿推车', '儿童安全座椅'] },
  { question: 'best gaming setup', acceptable: ['游戏鼠标', '机械键盘', '显示器', '头戴式耳机', '笔记本电脑'] },
  { question: 'going camping and hiking next month', acceptable: ['双肩包', '运动相机', '充电宝', '保温杯', '轻薄羽绒服', '跑步鞋', '拉杆行李箱'] },
  { question: 'a present for a coffee lover', acceptable: ['意式咖啡机', '咖啡豆', '保温杯'] },
  { question: 'what do you suggest for a business trip', acceptable: ['拉杆行李箱', '双肩包', '充电宝', '真无线蓝牙耳机', '笔记本电脑', '平板电脑', '保温杯'] },
  { question: 'my skin is dry in winter, any products?', acceptable: ['保湿面霜', '修护精华液', '加湿器', '氨基酸洗面奶'] },
];

const TOP = 3;
const NOW = new Date('2026-11-20T04:00:00Z');

export interface PresaleScores {
  cases: number;
  /** Mean share of the top 3 that are acceptable. */
  precision: number;
  /** Share of questions with at least one acceptable product in the top 3. */
  hit: number;
  /** Share of questions with a budget whose top 3 are all within it. */
  withinBudget: number;
}

/** Scores top-3 rankings (product ids) against the labelled set. */
export function scorePresale(cases: readonly PresaleCase[], rankings: string[][], products: RecommendProduct[]): PresaleScores {
  const byId = new Map(products.map((product) => [product.id, product]));
  let precision = 0;
  let hit = 0;
  let budgeted = 0;
  let within = 0;
  cases.forEach((entry, index) => {
    const top = rankings[index].slice(0, TOP).map((id) => byId.get(id)!);
    const good = top.filter((product) => entry.acceptable.includes(product.name)).length;
    precision += good / TOP;
    if (good) hit += 1;
    if (entry.maxPrice !== undefined) {
      budgeted += 1;
      if (top.every((product) => product.price <= entry.maxPrice!)) within += 1;
    }
  });
  const count = cases.length || 1;
  return { cases: cases.length, precision: precision / count, hit: hit / count, withinBudget: budgeted ? within / budgeted : 1 };
}

/**
 * The pre-sale path on store-zh: the shipped recommender (default weights, question + lexicon) against "best-sellers
 * in the budget" (the parsed price range, "cheap" = below the median price, else all in-stock products by order
 * count), top 3 each.
 */
export async function evaluatePresale(): Promise<{ recommender: PresaleScores; popularity: PresaleScores; misses: string[] }> {
  const { products, orders } = recommenderDataFromStore(await loadStore('store-zh'));
  const recommender = createRecommender({ products, orders });
  const ranked = PRESALE_CASES.map((entry) => recommender.recommend({ query: entry.question, context: { now: NOW }, limit: TOP }).map((item) => item.productId));
  const counts = new Map<string, number>();
  for (const order of orders) for (const id of new Set(order.productIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const sellers = products.filter((product) => product.available).sort((left, right) => (counts.get(right.id) ?? 0) - (counts.get(left.id) ?? 0) || left.id.localeCompare(right.id));
  const popular = PRESALE_CASES.map((entry) => {
    const range = parsePriceRange(entry.question);
    // "便宜/cheap" parses as max NaN: below the median price, as the recommender reads it.
    const median = [...products].sort((left, right) => left.price - right.price)[Math.floor(products.length / 2)].price;
    const max = range?.max === undefined ? Infinity : Number.isNaN(range.max) ? median : range.max;
    return sellers.filter((product) => product.price <= max && product.price >= (range?.min ?? 0)).slice(0, TOP).map((product) => product.id);
  });
  const names = new Map(products.map((product) => [product.id, product.name]));
  const misses = PRESALE_CASES.flatMap((entry, index) => (ranked[index].some((id) => entry.acceptable.includes(names.get(id)!)) ? [] : [`${entry.question} → ${ranked[index].map((id) => names.get(id)).join(', ')}`]));
  return { recommender: scorePresale(PRESALE_CASES, ranked, products), popularity: scorePresale(PRESALE_CASES, popular, products), misses };
}
