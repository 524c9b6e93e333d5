import { z } from 'zod';
import type { PackDefinition, SafetyMatch } from '../../engine/pack.ts';
import { normalize } from '../../engine/text/normalize.ts';
import type { Localized } from '../../engine/types.ts';
import { createYamlReader, localizedList } from '../shared/pack-files.ts';
import { readPackFolder } from '../shared/read-pack-folder.ts';
import { catalogTerms } from './catalog/catalog-terms.ts';
import type { EcommerceDb } from './store/types.ts';
import { ecommerceTools } from './tools/index.ts';
import { accountInfoSkill, orderStatusSkill, refundStatusSkill, trackOrderSkill } from './skills/order-info.ts';
import { modifyOrderAddressSkill, modifyUserAddressSkill } from './skills/address.ts';
import { bookRepairSkill } from './skills/book-repair.ts';
import { cancelOrderSkill } from './skills/cancel-order.ts';
import { changeItemsSkill } from './skills/change-items.ts';
import { complaintSkill } from './skills/complaint.ts';
import { modifyOrderPaymentSkill } from './skills/modify-payment.ts';
import { listProductsSkill, productInfoSkill } from './skills/products.ts';
import { recommendProductsSkill } from './skills/recommend.ts';
import { recommendProducts } from './tools/recommend-products.ts';
import { returnItemsSkill } from './skills/return-items.ts';
import { createTroubleshootSkill, type TroubleshootingGuide } from './skills/troubleshoot.ts';

const guideSchema = z.array(z.object({
  id: z.string(), products: z.array(z.string()),
  symptoms: localizedList, title: z.object({ zh: z.string(), en: z.string() }),
  steps: localizedList, unresolved: z.object({ zh: z.string(), en: z.string() }),
}));

const readYaml = createYamlReader(import.meta.url);

export const ECOMMERCE_INTENT_LABELS: Record<string, Localized> = {
  track_order: { zh: '查询物流', en: 'Track an order' },
  order_status: { zh: '查询订单', en: 'Check an order' },
  cancel_order: { zh: '取消订单', en: 'Cancel an order' },
  modify_order_address: { zh: '修改订单地址', en: 'Change the shipping address' },
  modify_order_items: { zh: '修改订单商品', en: 'Change items in a pending order' },
  modify_order_payment: { zh: '修改支付方式', en: 'Change the payment method' },
  modify_user_address: { zh: '修改默认地址', en: 'Change my default address' },
  return_items: { zh: '退货退款', en: 'Return items' },
  exchange_items: { zh: '换货', en: 'Exchange items' },
  refund_status: { zh: '查询退款进度', en: 'Check a refund' },
  product_info: { zh: '咨询商品', en: 'Ask about a product' },
  list_products: { zh: '有哪些商品', en: 'What do you sell' },
  recommend_products: { zh: '推荐商品', en: 'Recommend products' },
  troubleshoot: { zh: '设备故障排查', en: 'Fix a problem with a device' },
  book_repair: { zh: '预约维修/安装', en: 'Book a repair or installation' },
  complaint: { zh: '投诉', en: 'Make a complaint' },
  account_info: { zh: '账户信息', en: 'My account' },
  handoff: { zh: '转人工', en: 'Talk to a person' },
  greet: { zh: '打招呼', en: 'Say hello' },
  thanks: { zh: '致谢', en: 'Say thanks' },
  goodbye: { zh: '结束对话', en: 'Say goodbye' },
  bot_identity: { zh: '你是机器人吗', en: 'Are you a bot' },
};

/**
 * Unmistakable wording for the task intents. Order matters: the first matching rule wins.
 * They only decide when the classifier is unsure or has the same intent among its top guesses.
 */
export const ECOMMERCE_INTENT_HINTS: Array<{ intent: string; pattern: RegExp }> = [
  { intent: 'handoff', pattern: /转人工|人工客服|真人|\b(human|real person|live agent|representative)\b/ },
  { intent: 'cancel_order', pattern: /(取消|撤销).{0,12}(订单|单子|这单|那单|#)|(都|全部|帮我|麻烦)取消掉?|(?<![不别没])(请|能|想|要|给我)取消(?!了吗|没)|\bcancel\b.{0,40}\border\b|\bcancel (it|#w|that|this|both|them|these|those|all)\b/ },
  { intent: 'modify_user_address', pattern: /默认(的)?(收货|配送)?地址|账户(的)?(默认)?地址|\bdefault (shipping )?address\b|\b(profile|account) address\b/ },
  { intent: 'modify_order_address', pattern: /(改|换|修改|更改).{0,10}(收货)?地址|地址.{0,6}(改|换)|\b(change|update|correct)\b.{0,30}\b(shipping |delivery )?address\b|\bship (it )?to\b/ },
  { intent: 'order_status', pattern: /发货了?(没有?|吗)|发了没|还没发货?吗|(付了|花了|一共付|总共付)(多少|几)|订单金额|那单.{0,8}多少钱|\b(did|has) (it|my order|the order|that( one)?) (ship|shipped|go out)\b|\bhow much did i pay\b/ },
  { intent: 'track_order', pattern: /一直没到|还没到|还没收到|没收到货|什么时候(能)?到|\bhaven'?t (received|got)\b|\b(hasn'?t|has not|not yet) arrived\b|\bstill (not here|hasn'?t come)\b/ },
  { intent: 'modify_order_payment', pattern: /(支付方式|付款方式).{0,10}(改|换)|(付款|支付|付钱)(改|换)(成|为|用)|(改|换)(用|成)?.{0,8}(支付方式|付款方式)|改用.{0,8}(支付|付款)|\b(change|switch|update)\b.{0,30}\bpayment (method)?\b|\bpay (for (it|the order) )?(with|using|by)\b.{0,30}\binstead\b|\binstead of (the |my )?(gift card|paypal|credit card)/ },
  // "想退" / "两样都退" / "帮我退了吧": 退 as a verb for goods; 退款/退钱/退到… is where money goes, not a request to return.
  { intent: 'return_items', pattern: /退货|退掉|退回去|(想|要|都|全|帮我|给我|申请|打算|准备|可以|能)退(?![款钱费到回])|退(了吧|一下)|\breturn(ing)?\b.{0,40}\b(item|order|it|them|the)\b/ },
  { intent: 'exchange_items', pattern: /差价|\b(any|the|price) difference\b|换货|(改|换)成|(改|换)为|换(个|一个|一件|一双|件|双|款|大一?|小一?)(?!地址|手机号|支付|付款|时间)|换成?.{0,3}(色|码|号|款|尺寸|尺码|规格|版)(的|吗|吧|呢|啊|$)|\bexchange\b|\b(change|switch|swap)\b.{0,100}\b(to|for|into)\b|\bfrom\b.{0,80}\bto (a|an|the)\b/ },
  { intent: 'track_order', pattern: /物流|快递.{0,4}(到哪|在哪)|\btrack(ing)?\b|where('?s| is) my (package|parcel|order)/ },
];

// An account someone else controls (store policy: a person handles it; nothing is changed meanwhile).
const ACCOUNT_TAKEOVER = /(账号|账户|帐号|帐户).{0,6}(被盗|被黑|被人(登|盗|改)|被别人(登|用|改)|异地登录)|盗号|号被盗|\b(account|acct)\b.{0,30}\b(hacked|compromised|stolen|taken over|broken into)\b|\b(hacked|stole|took over) my account\b|\bsomeone (else )?(logged|has logged|is logging|got) into my account\b/;

/** Store policy cases no automated flow may touch: an account that looks taken over goes to a person at once. */
export function ecommerceSafety(text: string): SafetyMatch | null {
  return ACCOUNT_TAKEOVER.test(normalize(text)) ? { key: 'safety.account_takeover', handoff: true, category: 'account_takeover' } : null;
}

/** Loads the e-commerce pack: training phrases, templates, FAQ, troubleshooting guides, tools and skills. */
export async function loadEcommercePack(): Promise<PackDefinition<EcommerceDb>> {
  const [folder, guides] = await Promise.all([readPackFolder(import.meta.url, 'ecommerce'), readYaml('knowledge/troubleshooting.yaml', guideSchema)]);
  return {
    ...folder,
    intentLabels: ECOMMERCE_INTENT_LABELS,
    tools: { ...ecommerceTools, recommend_products: recommendProducts } as unknown as PackDefinition<EcommerceDb>['tools'],
    skills: [
      trackOrderSkill, orderStatusSkill, cancelOrderSkill, modifyOrderAddressSkill, modifyUserAddressSkill, modifyOrderPaymentSkill,
      changeItemsSkill, returnItemsSkill, refundStatusSkill, accountInfoSkill, productInfoSkill, listProductsSkill,
      createTroubleshootSkill(guides as TroubleshootingGuide[]), bookRepairSkill, complaintSkill, recommendProductsSkill,
    ],
    catalog: catalogTerms,
    intentHints: ECOMMERCE_INTENT_HINTS,
    safety: ecommerceSafety,
  };
}
