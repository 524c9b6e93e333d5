import type { Locale } from '../../engine/types.ts';
import { localDate } from './business-hours.ts';

/**
 * A due time as the customer reads it, in the tenant's time zone: "今天 14:00" / "12月9日（周三）10:00",
 * "today 14:00" / "Wed 9 Dec 10:00". The customer is told a moment, never "one working day" that nobody tracks.
 */
export function formatDue(due: Date, now: Date, timeZone: string, locale: Locale): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(due);
  const today = localDate(now, timeZone);
  const day = localDate(due, timeZone);
  const tomorrow = localDate(new Date(now.getTime() + 86_400_000), timeZone);
  if (locale === 'zh') {
    if (day === today) return `今天 ${time}`;
    if (day === tomorrow) return `明天 ${time}`;
    const weekday = '日一二三四五六'[new Date(`${day}T00:00:00Z`).getUTCDay()];
    return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日（周${weekday}）${time}`;
  }
  if (day === today) return `today ${time}`;
  if (day === tomorrow) return `tomorrow ${time}`;
  const label = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(`${day}T00:00:00Z`));
  return `${label.replace(',', '')} ${time}`;
}

/** Customer-facing sentences of the tickets module, Chinese and English. */
export const ticketTexts = {
  /** Added after the sentence of the bot's reply that already names the ticket. */
  promiseNamed: (due: string) => ({
    zh: `客服专员将在 ${due} 前联系您。`,
    en: `A member of our team will contact you by ${due}.`,
  }),
  /** Added to a reply that filed a complaint without naming it. */
  promise: (reference: string, due: string) => ({
    zh: `已为您建立工单 ${reference}，客服专员将在 ${due} 前联系您。`,
    en: `Ticket ${reference} is open; a member of our team will contact you by ${due}.`,
  }),
  /** A handoff outside business hours. */
  closed: (hours: string | null, due: string) => ({
    zh: `现在是非工作时间${hours ? `（服务时间 ${hours}）` : ''}，暂无客服在线。您可以直接留言说明问题，我们已为您登记，会在 ${due} 前回复您。`,
    en: `We are closed right now${hours ? ` (opening hours ${hours})` : ''} and no agent is online. Leave us a message describing the problem: it is logged, and we will reply by ${due}.`,
  }),
  /** A handoff in business hours with nobody online. */
  nobodyOnline: (due: string) => ({
    zh: `暂无客服在线。您可以直接留言说明问题，我们已为您登记，会在 ${due} 前回复您。`,
    en: `No agent is online at the moment. Leave us a message describing the problem: it is logged, and we will reply by ${due}.`,
  }),
  /** The queued conversation closed by the timeout job, its ticket kept. */
  queueTimedOut: (reference: string) => ({
    zh: `您离开后我们暂时结束了这次会话。您的问题已记录在工单 ${reference} 中，客服会跟进回复。`,
    en: `We closed this chat after you left. Your request is kept as ticket ${reference}; an agent will follow up.`,
  }),
};
