import type { PackDefinition } from '../../engine/pack.ts';
import type { Localized } from '../../engine/types.ts';
import { noCatalog, readPackFolder } from '../shared/read-pack-folder.ts';
import type { LogisticsDb } from './store/types.ts';
import { logisticsTools } from './tools/index.ts';
import { trackParcelSkill } from './skills/track-parcel.ts';
import { parcelDelaySkill } from './skills/parcel-delay.ts';
import { parcelDetailsSkill } from './skills/parcel-details.ts';
import { parcelClaimSkill } from './skills/parcel-claim.ts';
import { changeAddressSkill } from './skills/change-address.ts';
import { pickupBookingSkill } from './skills/pickup-booking.ts';
import { shippingQuoteSkill } from './skills/shipping-quote.ts';
import { COMMON_INTENT_HINTS, handoffRequest } from '../shared/common-hints.ts';

export const LOGISTICS_INTENT_LABELS: Record<string, Localized> = {
  track_parcel: { zh: '查快递', en: 'Track a parcel' },
  report_delay: { zh: '快递延误', en: 'My parcel is late' },
  shipment_details: { zh: '查看运单详情', en: 'Shipment details' },
  file_claim: { zh: '申请理赔', en: 'File a claim' },
  change_address: { zh: '修改收件地址', en: 'Change the delivery address' },
  book_pickup: { zh: '预约上门取件', en: 'Book a pickup' },
  price_quote: { zh: '计算运费', en: 'Shipping price' },
  handoff: { zh: '转人工', en: 'Talk to a person' },
  greet: { zh: '打招呼', en: 'Say hello' },
  thanks: { zh: '致谢', en: 'Say thanks' },
  goodbye: { zh: '结束对话', en: 'Say goodbye' },
  bot_identity: { zh: '你是机器人吗', en: 'Are you a bot' },
};

/**
 * Unmistakable wording (first match wins); they decide only when the classifier is unsure or agrees in its top three.
 * A message that is nothing but a waybill number is a tracking request.
 */
export const LOGISTICS_INTENT_HINTS: Array<{ intent: string; pattern: RegExp }> = [
  ...COMMON_INTENT_HINTS,
  { intent: 'handoff', pattern: handoffRequest(/转人工|人工客服|真人|\b(human|real person|live agent|representative)\b/) },
  // Answers to the skills' own questions, so they are not taken for FAQ questions on the same topic.
  { intent: 'verification_digits', pattern: /^(?=.{0,30}$).*(尾号|尾数|后四位|后4位|\blast (4|four)\b|\bends? (in|with)\b).{0,8}\d{4}(?!\d)/ },
  { intent: 'claim_evidence_answer', pattern: /^(我)?(有|只有|都有|只拍了|拍了).{0,12}(照片|小票|发票|聊天|凭证|截图|收据)|^(i have|i've got|only|just)\b.{0,40}\b(photos?|receipt|invoice|chats?|records|screenshot)\b/ },
  // Whole stories ("…件找不到了，你们看怎么赔", "…外套被划破了，拍了照也有发票") are claims, whatever else they mention.
  { intent: 'file_claim', pattern: /理赔|索赔|赔偿|赔付|怎么赔|要赔|能赔|赔钱|退.{0,2}运费|运费.{0,4}退|丢件|丢了|丢失|遗失|找不到了|不见了|破损|摔坏|压坏|压扁|碎了|破了|划破|撕破|裂了|\bclaim\b|compensat|refund.{0,20}(delay|late|freight|shipping)|(freight|shipping (fee|cost)).{0,20}refund|\b(lost|damaged|broken|smashed|crushed|torn|cracked)\b/ },
  { intent: 'change_address', pattern: /(改|换|修改|更改|变更).{0,8}(收件|收货|派送|快递)?地址|地址.{0,6}(写错|填错|改|换)|\b(change|update|correct|modify)\b.{0,30}\baddress\b|\b(redirect|reroute)\b/ },
  { intent: 'book_pickup', pattern: /上门取件|预约取件|取个件|来取件|(来|上门|过来)(取|拿|收)(个|一下)?(件|快递|包裹|箱子)|上门揽收|预约寄件|叫.{0,4}快递员|\bpick ?up\b|\bcollection\b|\bcollect\b/ },
  { intent: 'price_quote', pattern: /(寄|发).{0,20}多少钱|运费.{0,6}(多少|算一下|报价)|算.{0,4}运费|报价|\b(how much|price|quote|cost)\b.{0,40}\b(send|ship|post|parcel|kg)\b/ },
  // "上海寄深圳，五斤…加急": a route with a weight is a price question even without "多少钱".
  { intent: 'price_quote', pattern: /(寄|发|\bsend|\bship).{0,30}(\d+|[一二两三四五六七八九十半]+)\s*(公斤|斤|千克|kg|kilos?)/ },
  { intent: 'report_delay', pattern: /怎么还没(到|送)|还没收到|延误了|太慢了|卡住了|\b(is|are|so|running) (late|delayed|overdue|stuck)\b|hasn'?t (arrived|moved)/ },
  { intent: 'shipment_details', pattern: /收件人信息|寄件人是|运单详情|详细信息|保价了吗|声明价值|\b(full details|shipment details|declared value|insured)\b/ },
  { intent: 'track_parcel', pattern: /^\s*(sf\d{12}|yt\d{13}|\d{12,15})\s*$|查.{0,4}(快递|物流|件|运单)|物流(信息|到哪|进度|轨迹)|到哪(了|里)|\btrack(ing)?\b|where('?s| is) my (package|parcel)|where('?s| is) (sf\d{12}|yt\d{13}|\d{12,15})\b/ },
  // "大概啥时候能到" / "when will it get here": the arrival of the parcel in focus, answered by tracking it (the promised time).
  { intent: 'track_parcel', pattern: /(啥|什么|哪天|几号|几点)时候?.{0,3}(能|会|可以)?(到|送到|送达|派送)|(多久|几天).{0,3}(能|才|可以)?(到|送到|送达)|预计.{0,4}(到|送达)|\bwhen\b.{0,30}\b(arrive|get here|be delivered|come|reach)\b|\b(eta|delivery date)\b/ },
];

/** Loads the logistics pack: training phrases, templates, FAQ, tools and skills. */
export async function loadLogisticsPack(): Promise<PackDefinition<LogisticsDb>> {
  return {
    ...(await readPackFolder(import.meta.url, 'logistics')),
    intentLabels: LOGISTICS_INTENT_LABELS,
    tools: logisticsTools as unknown as PackDefinition<LogisticsDb>['tools'],
    skills: [trackParcelSkill, parcelDelaySkill, parcelDetailsSkill, parcelClaimSkill, changeAddressSkill, pickupBookingSkill, shippingQuoteSkill],
    catalog: noCatalog,
    intentHints: LOGISTICS_INTENT_HINTS,
  };
}
