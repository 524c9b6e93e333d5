/** A calendar day in the business time zone. `weekday` is 1 (Monday) … 7 (Sunday), ISO style. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  try {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    if (formatters.size > 64) formatters.clear();
    formatters.set(timeZone, formatter);
    return formatter;
  } catch {
    return undefined;
  }
}

/**
 * The local calendar day of the instant `nowIso` in `timeZone` (falls back to Asia/Shanghai, then UTC, when the
 * zone is unknown). Returns `undefined` when `nowIso` is not a valid date, so relative dates are simply skipped.
 */
export function localToday(nowIso: string, timeZone: string): CalendarDay | undefined {
  const instant = new Date(nowIso);
  if (Number.isNaN(instant.getTime())) return undefined;
  const formatter = formatterFor(timeZone) ?? formatterFor(DEFAULT_TIME_ZONE) ?? formatterFor('UTC');
  if (!formatter) return undefined;
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of formatter.formatToParts(instant)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  if (!year || !month || !day) return undefined;
  return makeDay(year, month, day);
}

/** Builds a day, or `undefined` when the date does not exist (e.g. 2026-02-30). */
export function makeDay(year: number, month: number, day: number): CalendarDay | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const stamp = new Date(Date.UTC(year, month - 1, day));
  if (stamp.getUTCMonth() !== month - 1) return undefined;
  return fromStamp(stamp);
}

export function addDays(base: CalendarDay, days: number): CalendarDay {
  return fromStamp(new Date(Date.UTC(base.year, base.month - 1, base.day + days)));
}

/** Day `day` of the month `months` after `base`, or `undefined` when it does not exist (1月31日 + 1 month). */
export function addMonths(base: CalendarDay, months: number, day = base.day): CalendarDay | undefined {
  const index = base.year * 12 + (base.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return makeDay(year, month, day);
}

/** Day `weekday` (1…7) of the Monday-based week `weeks` weeks after the week containing `base`. */
export function weekdayOfWeek(base: CalendarDay, weekday: number, weeks: number): CalendarDay {
  return addDays(base, weeks * 7 + (weekday - base.weekday));
}

/** The first `weekday` on or after `base` (`allowToday`) or strictly after it. */
export function nextWeekday(base: CalendarDay, weekday: number, allowToday: boolean): CalendarDay {
  let delta = (weekday - base.weekday + 7) % 7;
  if (delta === 0 && !allowToday) delta = 7;
  return addDays(base, delta);
}

/** The last `weekday` strictly before `base`. */
export function previousWeekday(base: CalendarDay, weekday: number): CalendarDay {
  let delta = (base.weekday - weekday + 7) % 7;
  if (delta === 0) delta = 7;
  return addDays(base, -delta);
}

export function toIsoDate(day: CalendarDay): string {
  return `${String(day.year).padStart(4, '0')}-${pad(day.month)}-${pad(day.day)}`;
}

export function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function fromStamp(stamp: Date): CalendarDay {
  const weekday = stamp.getUTCDay();
  return {
    year: stamp.getUTCFullYear(),
    month: stamp.getUTCMonth() + 1,
    day: stamp.getUTCDate(),
    weekday: weekday === 0 ? 7 : weekday,
  };
}
