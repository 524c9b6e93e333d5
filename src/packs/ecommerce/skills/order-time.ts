import { normalize } from '../../../engine/text/normalize.ts';
import type { Order } from '../store/types.ts';
import { deliveredDay, placedDay, storeToday } from '../store/order-dates.ts';

/** Which date of an order a customer's words point at: when it was placed, when it arrived, or either. */
export type OrderEvent = 'placed' | 'delivered' | 'any';

/** A span of local calendar days (inclusive, 'YYYY-MM-DD') and the order date it is about. */
export interface TimeReference {
  from: string;
  to: string;
  event: OrderEvent;
}

const DELIVERED = /签收|收到|到的|到货|送到|送来|寄到|\b(delivered|arrived|received|came|got it|got them)\b/;
const PLACED = /下单|下的|买的|订的|拍的|购买|\b(ordered|placed|bought|purchased)\b/;
const LATEST = /最近(的那|那|一单|一次|下的|买的|订的|拍的)|最新|上一单|最后一单|最后那单|刚下的|刚买的|刚拍的|刚订的|\b(latest|most recent|newest|last order|recent order|order i (just )?(placed|made) last|just (placed|ordered))\b/;
const EARLIEST = /最早|第一单|\b(oldest|earliest|first order)\b/;

/**
 * The time a customer uses to pick an order ("上周到的那个音箱", "11月15号签收的那单", "昨天下的咖啡豆那单",
 * "the order I placed last week"). `dates` are the calendar dates the entity extractor found in the request.
 * Periods (上周 / 这个月 / 前几天 / last week …) are computed here from `today`. Null when the text names no time.
 */
export function timeReference(text: string, dates: string[], today: string): TimeReference | null {
  const t = normalize(text);
  const event: OrderEvent = DELIVERED.test(t) ? 'delivered' : PLACED.test(t) ? 'placed' : 'any';
  if (dates.length) {
    const sorted = [...dates].sort();
    return { from: sorted[0], to: sorted.at(-1)!, event };
  }
  const period = periodOf(t, today);
  return period ? { ...period, event } : null;
}

function periodOf(t: string, today: string): { from: string; to: string } | null {
  const day = new Date(`${today}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  const shift = (days: number) => iso(new Date(day.getTime() + days * 86_400_000));
  if (/上上(个)?(周|星期|礼拜)|\btwo weeks ago\b/.test(t)) return { from: shift(-weekday - 14), to: shift(-weekday - 8) };
  if (/上(个)?(周|星期|礼拜)|\blast week\b/.test(t)) return { from: shift(-weekday - 7), to: shift(-weekday - 1) };
  if (/(这|本)(个)?(周|星期|礼拜)|\bthis week\b/.test(t)) return { from: shift(-weekday), to: today };
  if (/前几天|前两天|这几天|最近几天|\b(a few|couple of|few) days ago\b|\bthe other day\b/.test(t)) return { from: shift(-7), to: shift(-1) };
  const named = namedMonth(t, day);
  if (named) return named;
  const month = /上(个)?月|\blast month\b/.test(t) ? -1 : /(这|本)(个)?月|\bthis month\b/.test(t) ? 0 : null;
  if (month === null) return null;
  const first = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + month, 1));
  const last = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + month + 1, 0));
  return { from: iso(first), to: month === 0 ? today : iso(last) };
}

const CN_MONTH: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const EN_MONTH = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * "10月底" / "十月初" / "9月份" / "end of October" / "early March" / "in October": that part of the named month, in the
 * latest year not after today.
 */
function namedMonth(t: string, today: Date): { from: string; to: string } | null {
  const zh = /(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(份)?(底|末|初|中|上旬|中旬|下旬)?/.exec(t);
  const en = /\b(?:(early|mid|late|end of|beginning of|start of)[- ](?:of )?)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/.exec(t);
  const month = zh ? (Number(zh[1]) || CN_MONTH[zh[1]]) : en && (en[1] || /\bin (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/.test(t)) ? EN_MONTH.indexOf(en[2]) + 1 : 0;
  if (!month) return null;
  const part = zh ? zh[3] : en![1];
  const year = month > today.getUTCMonth() + 1 ? today.getUTCFullYear() - 1 : today.getUTCFullYear();
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const [from, to] = /初|上旬|early|beginning|start/.test(part ?? '') ? [1, 10] : /中|mid/.test(part ?? '') ? [11, 20] : /底|末|下旬|late|end/.test(part ?? '') ? [21, last] : [1, last];
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(month)}-${pad(from)}`, to: `${year}-${pad(month)}-${pad(to)}` };
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Orders whose date of the referenced kind falls in the span; when none do exactly, those within a day of it. */
export function ordersInTime(orders: Order[], reference: TimeReference): Order[] {
  const days = (order: Order) => [reference.event !== 'delivered' ? placedDay(order) : null, reference.event !== 'placed' ? deliveredDay(order) : null].filter((d): d is string => Boolean(d));
  const within = (slack: number) => orders.filter((order) => days(order).some((d) => d >= shiftDay(reference.from, -slack) && d <= shiftDay(reference.to, slack)));
  const exact = within(0);
  return exact.length ? exact : within(1);
}

function shiftDay(day: string, days: number): string {
  return iso(new Date(new Date(`${day}T00:00:00Z`).getTime() + days * 86_400_000));
}

/** "最近那单" / "the latest order" → 'latest'; "最早那单" / "my first order" → 'earliest'; else null. */
export function recencyOf(text: string): 'latest' | 'earliest' | null {
  const t = normalize(text);
  return LATEST.test(t) ? 'latest' : EARLIEST.test(t) ? 'earliest' : null;
}

/**
 * Narrows candidate orders by the time and recency words of the request. Returns the narrower list only when it
 * keeps at least one order; otherwise the candidates unchanged (a date about something else must not empty it).
 */
export function narrowByTime(request: string, dates: string[], candidates: Order[], now: string): Order[] {
  if (candidates.length < 2) return candidates;
  let out = candidates;
  const reference = timeReference(request, dates, storeToday(now, candidates));
  if (reference) {
    const inTime = ordersInTime(out, reference);
    if (inTime.length) out = inTime;
  }
  const recency = recencyOf(request);
  const dated = out.filter((o) => placedDay(o));
  if (recency && out.length > 1 && dated.length === out.length) {
    const sorted = [...out].sort((a, b) => (a.created_at! < b.created_at! ? -1 : 1));
    out = [recency === 'latest' ? sorted.at(-1)! : sorted[0]];
  }
  return out;
}

