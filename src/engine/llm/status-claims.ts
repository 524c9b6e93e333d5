/**
 * Status and date claims in a model's reply (issue 22 item 3): "已经发货了，明天就能送到" about a pending order, "your
 * order was delivered on June 3" when no tool said so. A code-level guardrail: every status a reply states must be
 * supported by a status value in this conversation's tool results, and every date it states (6月3日, June 3,
 * 2024-06-03, or "tomorrow" next to an arrival word) must be a date found in the tool results or the customer's own
 * messages. Hand-written: no library maps free zh/en wording to order statuses.
 */
export type StatusFamily = 'pending' | 'shipped' | 'delivered' | 'refunded';
// Cancellation is a claim of an action (action-claims.ts), backed by a successful write in the turn.

/** Reply wording of each family; the negative forms ("还没发货", "not shipped yet") come first and are removed. */
const PHRASES: Array<[StatusFamily, RegExp]> = [
  ['pending', /(?:还|尚|仍)?(?:没有?|未)(?:有)?(?:发货|发出|寄出|出库)|待发货|待出库|待处理|(?:is|are|still|remains?) (?:still )?pending|not (?:yet )?(?:been )?(?:shipped|dispatched|sent out)|hasn't (?:been )?(?:shipped|dispatched)|has not (?:yet )?(?:been )?(?:shipped|dispatched)/gi],
  ['delivered', /(?:已(?:经)?|已被)(?:签收|送达|妥投|送到)|(?:已经|已)?(?:送到了|签收了)|(?:has|have|was|were) (?:been )?delivered|(?:is|are) delivered/gi],
  ['shipped', /(?:已(?:经)?)(?:发货|发出|寄出|出库|揽收)|(?:发货|发出|寄出)了|(?:正在|在)?(?:运输中|配送中|派送中|路上)|(?:has|have|was|were) (?:been )?(?:shipped|dispatched|sent out)|(?:is|are) (?:now )?(?:shipped|in transit|on (?:its|the) way|out for delivery)/gi],
  ['refunded', /退款(?:已(?:经)?到账|已(?:经)?退回)|(?:has|have|was|were) (?:been )?refunded/gi],
];

/** Tool status values that support each family (statuses of the packs' backends and τ-retail). */
const SUPPORTED_BY: Record<StatusFamily, RegExp> = {
  pending: /^(?:pending|awaiting_pickup|ready|open|submitted|pending_officer_review|processing|unshipped)$/i,
  shipped: /^(?:processed|shipped|in_transit|out_for_delivery|picked_up|delivered|completed|delayed)$/i,
  delivered: /^(?:delivered|completed)$/i,
  refunded: /^(?:refunded|cancelled|canceled|return requested|returned)$/i,
};

/**
 * A status inside a rule or a condition states nothing about an order: "已签收的商品 30 天内可退", "修改未发货订单" (attributive),
 * "如果已经发货，…", "once it has shipped", "orders that are delivered can be returned".
 */
const CONDITION_BEFORE = /(?:如果|若|假如|一旦|等到|待到|当|\b(?:if|once|after|when|until|unless|that|which))[^。！？.!?]{0,14}$/i;

/** The status families a reply states (each at most once). */
export function findStatusClaims(text: string): StatusFamily[] {
  let rest = text;
  const families: StatusFamily[] = [];
  for (const [family, pattern] of PHRASES) {
    rest = rest.replace(pattern, (match: string, offset: number, whole: string) => {
      const attributive = /^(?:的|订单|商品|包裹|产品|货品)/.test(whole.slice(offset + match.length));
      if (!attributive && !CONDITION_BEFORE.test(whole.slice(0, offset)) && !families.includes(family)) families.push(family);
      return ' '.repeat(match.length);
    });
  }
  return families;
}

/** Status values (under keys named like "status" / "state") anywhere in a JSON value. */
export function statusValues(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) statusValues(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (/status|state/i.test(key) && typeof item === 'string') into.add(item.trim().toLowerCase());
      else statusValues(item, into);
    }
  }
  return into;
}

/** The families of `reply` that no status of the tool results supports. */
export function unsupportedStatusClaims(reply: string, statuses: ReadonlySet<string>): StatusFamily[] {
  return findStatusClaims(reply).filter((family) => ![...statuses].some((status) => SUPPORTED_BY[family].test(status)));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO_DATE = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/g;
const ZH_DATE = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g;
const EN_DATE = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/gi;
/** A relative day is a claim only beside an arrival or shipping word ("明天就能送到", "arrives tomorrow"), not in "明天再联系". */
const RELATIVE = /(今天|明天|后天|大后天|\btoday\b|\btomorrow\b|\bday after tomorrow\b)/gi;
const ARRIVAL = /送到|送达|到货|到达|签收|发货|发出|派送|配送|能到|会到|就到|arriv|deliver|ship|dispatch|reach/i;
const OFFSETS: Record<string, number> = { 今天: 0, 明天: 1, 后天: 2, 大后天: 3, today: 0, tomorrow: 1, 'day after tomorrow': 2 };

const monthDay = (month: number, day: number): string | null => (month >= 1 && month <= 12 && day >= 1 && day <= 31 ? `${month}-${day}` : null);

/** Month-day keys ("6-3") of the explicit dates in a text. */
export function explicitDates(text: string): string[] {
  const found: string[] = [];
  const rest = text.replace(ISO_DATE, (_, _year: string, month: string, day: string) => {
    const key = monthDay(Number(month), Number(day));
    if (key) found.push(key);
    return ' ';
  });
  for (const match of rest.matchAll(ZH_DATE)) {
    const key = monthDay(Number(match[1]), Number(match[2]));
    if (key) found.push(key);
  }
  for (const match of rest.matchAll(EN_DATE)) {
    const month = MONTHS.indexOf((match[1] ?? match[4]).toLowerCase().slice(0, 3)) + 1;
    const key = monthDay(month, Number(match[2] ?? match[3]));
    if (key) found.push(key);
  }
  return found;
}

/**
 * The dates a reply states that are not in `knownDates` (month-day keys of tool results and customer messages).
 * Relative days next to an arrival word are resolved against `now` (ISO); each is reported as the text said it.
 */
export function ungroundedDates(reply: string, knownDates: { has(key: string): boolean }, now: string): string[] {
  const missing = explicitDates(reply).filter((key) => !knownDates.has(key));
  const today = new Date(now);
  for (const sentence of reply.split(/[。！？!?.\n]/)) {
    if (!ARRIVAL.test(sentence)) continue;
    for (const match of sentence.matchAll(RELATIVE)) {
      const offset = OFFSETS[match[1].toLowerCase()] ?? 0;
      const day = new Date(today.getTime() + offset * 86_400_000);
      if (Number.isNaN(day.getTime())) continue;
      const key = `${day.getUTCMonth() + 1}-${day.getUTCDate()}`;
      if (!knownDates.has(key)) missing.push(match[1]);
    }
  }
  return [...new Set(missing)];
}
