import type { PackDefinition } from '../engine/pack.ts';
import type { Locale } from '../engine/types.ts';

/**
 * The industry packs Lingxi ships. Each entry loads the pack definition and the demo backend its tools run on.
 * Adding a pack = one folder under src/packs/<name>/ and one line here.
 */
export interface PackModule {
  name: string;
  /** One line for listings and the admin UI. */
  description: { zh: string; en: string };
  load(): Promise<PackDefinition<unknown>>;
  /** A fresh copy of the pack's demo backend (`db` picks one when the pack has several). */
  loadData(options: { db?: string; locale?: Locale }): Promise<unknown>;
}

export const PACK_MODULES: Record<string, PackModule> = {
  ecommerce: {
    name: 'ecommerce',
    description: { zh: '电商零售：订单、物流、退换货、售后维修', en: 'E-commerce and retail: orders, delivery, returns, after-sales repair' },
    load: async () => (await import('./ecommerce/pack.ts')).loadEcommercePack() as Promise<PackDefinition<unknown>>,
    loadData: async ({ db, locale }) => (await import('./ecommerce/store/load-store.ts')).loadStore(db ?? (locale === 'en' ? 'tau-retail' : 'store-zh')),
  },
  healthcare: {
    name: 'healthcare',
    description: { zh: '医院/门诊前台：分诊、急症识别、预约挂号、改约取消、报告查询', en: 'Hospital front desk: triage, red-flag emergencies, appointments, reports' },
    load: async () => (await import('./healthcare/pack.ts')).loadHealthcarePack() as Promise<PackDefinition<unknown>>,
    loadData: async ({ db }) => (await import('./healthcare/store/load-hospital.ts')).loadHospital(db),
  },
  logistics: {
    name: 'logistics',
    description: { zh: '快递物流：运单查询、延误提醒、丢件破损理赔、改地址、上门取件、运费计算', en: 'Parcel carrier: tracking, delay notices, loss and damage claims, address changes, pickups, prices' },
    load: async () => (await import('./logistics/pack.ts')).loadLogisticsPack() as Promise<PackDefinition<unknown>>,
    loadData: async () => (await import('./logistics/store/load-data.ts')).loadLogisticsData(),
  },
  finance: {
    name: 'finance',
    description: { zh: '银行金融：余额与交易查询、挂失冻结、交易争议、风险测评与理财适当性推荐、信用卡预审、反诈提醒', en: 'Banking: balances and transactions, card freeze and loss, disputes, risk assessment and suitable products, credit-card pre-screen, scam warnings' },
    load: async () => (await import('./finance/pack.ts')).loadFinancePack() as Promise<PackDefinition<unknown>>,
    loadData: async ({ db }) => (await import('./finance/store/load-bank.ts')).loadBank(db === undefined || db === 'store-zh' ? 'bank-demo' : db),
  },
  education: {
    name: 'education',
    description: { zh: '教育培训：课程推荐、每周学习计划、报名、课表、学费与退费规则、基于课程笔记的作业答疑', en: 'School and training: course recommendations, weekly study plans, enrolment, timetables, tuition and refund rules, homework help from course notes' },
    load: async () => (await import('./education/pack.ts')).loadEducationPack() as Promise<PackDefinition<unknown>>,
    loadData: async () => (await import('./education/store/load-data.ts')).loadEducationData(),
  },
  travel: {
    name: 'travel',
    description: { zh: '旅行社：按天数预算兴趣规划北京行程、景点酒店餐厅查询、天气路况、预订退改政策', en: 'Travel agency: Beijing itineraries from days, budget and interests, sights, hotels and restaurants, weather and traffic, booking policies' },
    load: async () => (await import('./travel/pack.ts')).loadTravelPack() as Promise<PackDefinition<unknown>>,
    loadData: async () => (await import('./travel/store/load-data.ts')).loadTravelData(),
  },
};

const loaded = new Map<string, Promise<PackDefinition<unknown>>>();

/** A pack's definition, loaded once per process (definitions are read-only; backends are not cached). */
export function loadPack(name: string): Promise<PackDefinition<unknown>> {
  let pack = loaded.get(name);
  if (!pack) {
    pack = PACK_MODULES[name].load();
    loaded.set(name, pack);
    pack.catch(() => loaded.delete(name));
  }
  return pack;
}

export function packNames(): string[] {
  return Object.keys(PACK_MODULES);
}
