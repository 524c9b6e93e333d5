import type { PackDefinition } from '../../engine/pack.ts';
import type { Localized } from '../../engine/types.ts';
import { noCatalog, readPackFolder } from '../shared/read-pack-folder.ts';
import type { TravelDb } from './store/types.ts';
import { travelTools } from './tools/index.ts';
import { planTripSkill } from './skills/plan-trip-skill.ts';
import { placeLookupSkill } from './skills/place-lookup-skill.ts';
import { trafficSkill, weatherSkill } from './skills/weather-traffic-skill.ts';
import { COMMON_INTENT_HINTS, handoffRequest } from '../shared/common-hints.ts';

export const TRAVEL_INTENT_LABELS: Record<string, Localized> = {
  plan_trip: { zh: '规划行程', en: 'Plan a trip' },
  place_lookup: { zh: '查景点/酒店/餐厅', en: 'Look up sights, hotels, restaurants' },
  weather_query: { zh: '查天气', en: 'Weather' },
  traffic_query: { zh: '查路况', en: 'Traffic' },
  handoff: { zh: '转人工', en: 'Talk to a person' },
  greet: { zh: '打招呼', en: 'Say hello' },
  thanks: { zh: '致谢', en: 'Say thanks' },
  goodbye: { zh: '结束对话', en: 'Say goodbye' },
  bot_identity: { zh: '你是机器人吗', en: 'Are you a bot' },
};

/**
 * Unmistakable wording (first match wins); they decide only when the classifier is unsure or agrees in its top three.
 * Policy questions (退改, 订金, refund, cancel a booking) carry no hint: the FAQ answers them.
 */
export const TRAVEL_INTENT_HINTS: Array<{ intent: string; pattern: RegExp }> = [
  ...COMMON_INTENT_HINTS,
  { intent: 'handoff', pattern: handoffRequest(/转人工|人工客服|旅行顾问|真人|\b(human|real person|live agent|representative|travel (agent|consultant))\b/) },
  { intent: 'weather_query', pattern: /天气|下雨|下雪|气温|多少度|雾霾|空气质量|带伞|\b(weather|forecast|rain|snow|umbrella|temperature|aqi|air quality)\b/i },
  { intent: 'traffic_query', pattern: /路况|堵|限行|限号|尾号|好不好开|开车.{0,4}(方便|顺)|\b(traffic|jam(med|s)?|congest\w*|gridlock|rush hour|plates?|driving restriction)\b|\broads?\b.{0,16}\b(busy|bad|clear|jammed|packed)\b/i },
  // "不对，是两个人", "actually make it 3 days", "预算改成八千": amending the trip just planned.
  { intent: 'plan_trip', pattern: /^(不对|不是|错了|说错了|更正|哦不|actually|sorry|oh wait|no wait|wait)[^?？]{0,20}(\d|[一两二三四五六七八九十俩]|one|two|three|four|five|six)\s*(个人|人|位|天|日|people|persons|days?|of us)|预算.{0,4}(改|换|调)|(改成|换成|变成).{0,6}(个人|人|天)/i },
  { intent: 'plan_trip', pattern: /规划|(排|安排|定|做).{0,3}行程|行程(安排|规划|推荐)|攻略|日游|怎么安排|玩[一二两三四五六七\d]天|\b(itinerary|plan (a|my|the)|trip plan|\d+ days? in)\b/i },
  // "再加上颐和园", "add the Summer Palace": a sight added to the trip being planned.
  { intent: 'plan_trip', pattern: /^(那|那就|能不能|可以)?(再加(上|个|一个)?|加上|加个|加一个)\S{2,}|\b(please )?(also )?(add|include)\b.{2,40}\b(to|in) (the|my) (plan|itinerary|trip)\b|^(and |please |also |can you )*(add|include)\b/i },
  // "这家几点关门", "第二家多少钱一晚", "how much is the second one": a question about an item just shown.
  { intent: 'place_lookup', pattern: /^(?!.*(行程|计划|攻略|预算|取消|退|订金|定金|发票|itinerary|plan|trip|budget|cancel|refund|deposit|invoice)).{0,12}(那家|这家|那个|这个|第\s*[一二三123]\s*(家|个|间)|它).{0,12}(多少|几点|哪个|哪站|远|近|贵|便宜|怎么样|评分|人均|营业|开门|关门|门票)|\b(the (first|second|third|last) one|that (one|place|hotel|restaurant))\b.{0,40}\b(how much|price|cost|open|close|metro|station|rating|far|near)\b|\b(how much|price|cost|open|close|metro|station|rating)\b.{0,40}\b(the (first|second|third|last) one|that (one|place|hotel|restaurant))\b/i },
  // "怎么去" / "how do I get there": directions to the place just shown or named (its metro station, from the data).
  { intent: 'place_lookup', pattern: /^(?!.*(行程|计划|攻略|机场|火车站|高铁|itinerary|plan|airport)).{0,12}((怎么|如何|咋)(去|走|过去|到)|坐(什么|几号线|哪条线)|地铁(能|可以)?到)|\bhow (do|can|should) (i|we) get (there|to)\b|\bhow to get (there|to)\b|\bwhich (metro|subway) (station|line)\b/i },
  // A named hotel or restaurant with a question about it: "某某大酒店住一晚多少钱", "某某饭店几点关门", "… 离哪个地铁站近".
  { intent: 'place_lookup', pattern: /^(?!.*(取消|退|改期|订金|定金|发票|入住时间|退房|早餐|加床|行程|攻略|预算))\S{2,20}(酒店|宾馆|饭店|餐厅|旅馆|公寓|饭庄|小吃店)[^，,。]{0,10}(一晚|多少钱|价格|几点|地铁|哪个站|哪站|评分|人均|营业|开门|关门|在哪|怎么样)/ },
  // Policy wording (cancel, refund, check-in …) is for the FAQ even when a hotel or ticket is named.
  { intent: 'place_lookup', pattern: /^(?!.*(取消|退|改期|改签|订金|定金|发票|入住时间|退房|早餐|加床|cancel|refund|resched|deposit|invoice|check-?in|check-?out|breakfast|extra bed)).*(门票|附近.{0,6}(酒店|宾馆|餐厅|饭店|吃|景点)|(酒店|餐厅|景点)推荐|推荐.{0,6}(酒店|餐厅|景点|饭店)|\b(ticket|hotels?|restaurants?|where to (eat|stay))\b)/i },
];

/** Loads the travel pack: training phrases, templates, booking-policy FAQ, tools and skills. */
export async function loadTravelPack(): Promise<PackDefinition<TravelDb>> {
  return {
    ...(await readPackFolder(import.meta.url, 'travel')),
    intentLabels: TRAVEL_INTENT_LABELS,
    tools: travelTools as unknown as PackDefinition<TravelDb>['tools'],
    skills: [planTripSkill, placeLookupSkill, weatherSkill, trafficSkill],
    catalog: noCatalog,
    intentHints: TRAVEL_INTENT_HINTS,
  };
}
