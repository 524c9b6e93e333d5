import type { PackDefinition } from '../../engine/pack.ts';
import type { Localized } from '../../engine/types.ts';
import { readPackFolder } from '../shared/read-pack-folder.ts';
import { loadBankingDocs } from './knowledge/load-banking-docs.ts';
import { FRAUD_HINT } from './rules/fraud-cues.ts';
import type { BankDb } from './store/types.ts';
import { financeTools } from './tools/index.ts';
import { balanceSkill, transactionsSkill } from './skills/accounts.ts';
import { blockCardSkill } from './skills/block-card.ts';
import { cardApplicationSkill } from './skills/card-application.ts';
import { disputeSkill } from './skills/dispute.ts';
import { fraudAlertSkill, transferSkill } from './skills/fraud.ts';
import { riskAssessmentSkill } from './skills/risk-assessment.ts';
import { productInfoSkill, recommendProductSkill } from './skills/wealth.ts';
import { COMMON_INTENT_HINTS, handoffRequest } from '../shared/common-hints.ts';

export const FINANCE_INTENT_LABELS: Record<string, Localized> = {
  check_balance: { zh: '查询余额', en: 'Check my balance' },
  recent_transactions: { zh: '查询交易明细', en: 'Recent transactions' },
  block_card: { zh: '挂失/冻结银行卡', en: 'Freeze or report a lost card' },
  dispute_transaction: { zh: '交易争议', en: 'Dispute a transaction' },
  risk_assessment: { zh: '风险承受能力评估', en: 'Risk-tolerance assessment' },
  recommend_product: { zh: '理财推荐', en: 'Investment suggestions' },
  product_info: { zh: '理财产品咨询', en: 'Ask about a wealth product' },
  apply_credit_card: { zh: '申请信用卡', en: 'Apply for a credit card' },
  fraud_alert: { zh: '疑似诈骗', en: 'Possible scam' },
  transfer_money: { zh: '转账汇款', en: 'Make a transfer' },
  handoff: { zh: '转人工', en: 'Talk to a person' },
  greet: { zh: '打招呼', en: 'Say hello' },
  thanks: { zh: '致谢', en: 'Say thanks' },
  goodbye: { zh: '结束对话', en: 'Say goodbye' },
  bot_identity: { zh: '你是机器人吗', en: 'Are you a bot' },
};

/**
 * Unmistakable wording. The scam cues come first: any of them routes to the fraud warning whatever else the
 * message asks (every finance skill also checks them itself, so they fire mid-flow too).
 */
export const FINANCE_INTENT_HINTS: Array<{ intent: string; pattern: RegExp }> = [
  ...COMMON_INTENT_HINTS,
  { intent: 'fraud_alert', pattern: FRAUD_HINT },
  { intent: 'handoff', pattern: handoffRequest(/转人工|人工客服|真人|\b(human|real person|live agent|representative)\b/) },
  { intent: 'block_card', pattern: /挂失|冻结.{0,6}卡|卡.{0,8}(丢|被偷|被盗|冻结|冻上|冻住|锁上|锁住|停掉|停用)|(冻上|冻住|锁住|停用).{0,4}卡|\b(freeze|block|lock)\b.{0,20}\bcard\b|\bcard\b.{0,20}\b(lost|stolen|missing)\b|\b(lost|stolen)\b.{0,12}\bcard\b/ },
  { intent: 'dispute_transaction', pattern: /盗刷|重复扣款|扣了两次|争议|申诉.{0,6}(交易|扣款)|不是我(刷|消费|买)的|\bdispute\b|\bcharged twice\b|\bdouble[- ]charged\b|\bunauthori[sz]ed (charge|transaction|payment)\b|\bdidn'?t make (this|that|the) (charge|purchase|payment)\b/ },
  { intent: 'risk_assessment', pattern: /风险(承受能力|测评|评估)|风评|\brisk (assessment|questionnaire|profile|tolerance)\b/ },
  // A short question about one product's risk, returns, term or redemption ("风险大不大？", "能随时取吗", "how risky is
  // it?"): product Q&A — about the product just shown when none is named (the skill remembers it).
  { intent: 'product_info', pattern: /^(?=.{0,40}$)(?!.*(余额|卡|账户|转账|信用卡|测评|评估|card|account|balance|assessment|questionnaire)).*(风险(大|高|多大|怎么样|如何)|安全吗|会(不会)?亏|保本吗|(随时|中途|提前)?(能|可以)?(随时|中途|提前)(取|赎回|支取)|能取出来|到期|起购|多少钱起|收益(多少|怎么样|高吗)|利率|年化|期限多长|\bhow risky\b|\bis it (safe|risky)\b|\bcan i (lose|withdraw|redeem|take (the|my) money out)\b|\b(returns?|yield|interest rate|minimum|term)\b.{0,12}\?)/ },
  { intent: 'apply_credit_card', pattern: /(办|申请|开|想要).{0,6}信用卡|\bapply\b.{0,20}\bcredit card\b|\bcredit card application\b/ },
  { intent: 'recent_transactions', pattern: /交易(明细|记录)|流水|消费记录|最近.{0,6}(交易|消费|支出)|\b(transaction history|recent transactions|statement of transactions|recent (charges|purchases|payments))\b/ },
  // "优衣库那笔多少钱", "第二笔是什么": a question about one transaction just listed.
  // Not when the customer disputes that transaction ("多扣的那笔帮我申诉"): that is a dispute.
  { intent: 'recent_transactions', pattern: /^(?!.*(申诉|争议|盗刷|不认识|没买过|重复扣|多扣|扣了.{0,3}两次|退回来|dispute|chargeback|didn'?t (make|authori[sz]e)|don'?t recogni[sz]e|never (made|bought))).*((那|这|哪|第\s*[一二两三四五\d])\s*一?笔|\bthe (first|second|third|fourth|fifth) (charge|payment|transaction)\b|\bthat (charge|payment|transaction)\b|\bhow much (was|did) (that|the|my)\b(?!.{0,20}\b(balance|account|card)\b))/ },
  { intent: 'check_balance', pattern: /余额|还剩多少钱|有多少钱|\bbalance\b|how much (money )?(do i have|is (left|in my account))/ },
];

/** Loads the finance pack: training phrases, templates, Chinese FAQ, English banking articles, tools and skills. */
export async function loadFinancePack(): Promise<PackDefinition<BankDb>> {
  const [folder, bankingDocs] = await Promise.all([readPackFolder(import.meta.url, 'finance'), loadBankingDocs()]);
  return {
    ...folder,
    intentLabels: FINANCE_INTENT_LABELS,
    knowledge: [...folder.knowledge, ...bankingDocs],
    tools: financeTools as unknown as PackDefinition<BankDb>['tools'],
    skills: [
      fraudAlertSkill, balanceSkill, transactionsSkill, blockCardSkill, disputeSkill, riskAssessmentSkill,
      recommendProductSkill, productInfoSkill, cardApplicationSkill, transferSkill,
    ],
    catalog: (data) => ({
      products: Object.values(data.products).map((product) => ({ id: product.product_id, names: [product.name.zh, product.name.en, ...product.aliases] })),
      options: [],
    }),
    intentHints: FINANCE_INTENT_HINTS,
  };
}
