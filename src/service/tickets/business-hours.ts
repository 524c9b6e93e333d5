import { chinaHolidayCalendar } from './china-holidays.ts';

/**
 * A tenant's working calendar: weekly hours in a time zone, closed holidays and 调休 workdays (weekend days that are
 * worked). Pure: no clock, no I/O — callers pass the instants. Used for SLA due times ("reply within 4 working hours")
 * and to know whether a person can answer now.
 */
export interface BusinessCalendarConfig {
  timeZone: string;
  /** Per weekday 0 (Sunday) … 6: ['HH:MM', 'HH:MM'] (close may be '24:00'), or null when closed. Null = open all week, all day. */
  days: Array<[string, string] | null> | null;
  /** Closed dates, 'YYYY-MM-DD' in the tenant's time zone. */
  holidays?: string[];
  /** 调休: dates worked although the weekday is closed; they get `workdayHours`, else the Monday hours. */
  workdays?: string[];
  workdayHours?: [string, string] | null;
  /** 'cn' adds the published Chinese public holidays and 调休 workdays (china-holidays.ts) to the lists above. */
  holidayCalendar?: 'cn' | 'none';
}

export interface BusinessCalendar {
  readonly timeZone: string;
  /** True when `at` falls inside opening hours. */
  isOpen(at: Date): boolean;
  /** `at` when open, else the next opening (null when the calendar never opens within two years). */
  nextOpening(at: Date): Date | null;
  /** The instant `minutes` working minutes after `start` (nights, weekends and holidays skipped). */
  addWorkingMinutes(start: Date, minutes: number): Date;
  /** Working minutes between two instants (0 when `to` is not after `from`). */
  workingMinutesBetween(from: Date, to: Date): number;
  /** The opening hours of a local date ('YYYY-MM-DD'), as minutes since midnight, or null when closed. */
  hoursOn(date: string): [number, number] | null;
}

const DAY_MS = 86_400_000;
/** How far the arithmetic looks ahead before giving up on a calendar that never opens. */
const HORIZON_DAYS = 730;

const toMinutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The wall clock of `at` in `timeZone`, expressed as if it were UTC (so the difference to `at` is the zone offset). */
function wallClock(at: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(at)).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second));
}

/** The local date 'YYYY-MM-DD' of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return new Date(wallClock(at.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** The instant when the clock in `timeZone` shows `date` at `minutes` after midnight (DST gaps move forward). */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  let guess = wall - (wallClock(wall, timeZone) - wall);
  // A second pass settles instants next to an offset change.
  guess = wall - (wallClock(guess, timeZone) - guess);
  return new Date(guess);
}

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Checks a time zone name; throws a RangeError naming it when the runtime does not know it. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** Builds the calendar. Example: `createBusinessCalendar({ timeZone: 'Asia/Shanghai', days: weekdays9to18, holidayCalendar: 'cn' })`. */
export function createBusinessCalendar(config: BusinessCalendarConfig): BusinessCalendar {
  const { timeZone } = config;
  assertTimeZone(timeZone);
  const preset = config.holidayCalendar === 'cn' ? chinaHolidayCalendar() : { holidays: [], workdays: [] };
  const workdays = new Set([...preset.workdays, ...(config.workdays ?? [])]);
  // A date the tenant lists as a workday wins over a preset holiday; its own holidays win over preset workdays.
  const holidays = new Set([...preset.holidays, ...(config.holidays ?? [])].filter((date) => !(config.workdays ?? []).includes(date)));
  for (const date of config.holidays ?? []) workdays.delete(date);
  const weekly = config.days;
  const workdayHours = config.workdayHours ?? weekly?.[1] ?? weekly?.find((day) => day) ?? null;

  function hoursOn(date: string): [number, number] | null {
    if (!weekly) return holidays.has(date) ? null : [0, 24 * 60];
    if (holidays.has(date)) return null;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const hours = workdays.has(date) ? weekly[weekday] ?? workdayHours : weekly[weekday];
    if (!hours) return null;
    const open = toMinutes(hours[0]);
    const close = toMinutes(hours[1]);
    return close > open ? [open, close] : null;
  }

  /** Opening and closing instants of a local date, or null. */
  function window(date: string): [number, number] | null {
    const hours = hoursOn(date);
    return hours ? [zonedInstant(date, hours[0], timeZone).getTime(), zonedInstant(date, hours[1], timeZone).getTime()] : null;
  }

  /** Walks the open windows from the local day of `start` on, handing each to `visit` until it returns true. */
  function walk(start: Date, visit: (open: number, close: number) => boolean): boolean {
    // From the day before: a window of the previous local date cannot reach past midnight, but DST edges make it cheap insurance.
    let date = addDays(localDate(start, timeZone), -1);
    for (let step = 0; step <= HORIZON_DAYS; step++, date = addDays(date, 1)) {
      const open = window(date);
      if (open && visit(open[0], open[1])) return true;
    }
    return false;
  }

  return {
    timeZone,
    hoursOn,
    isOpen(at) {
      const hours = hoursOn(localDate(at, timeZone));
      if (!hours) return false;
      const minutes = (wallClock(at.getTime(), timeZone) % DAY_MS) / 60_000;
      return minutes >= hours[0] && minutes < hours[1];
    },
    nextOpening(at) {
      let found: Date | null = null;
      walk(at, (open, close) => {
        if (close <= at.getTime()) return false;
        found = new Date(Math.max(open, at.getTime()));
        return true;
      });
      return found;
    },
    addWorkingMinutes(start, minutes) {
      let remaining = Math.max(0, minutes) * 60_000;
      let result: Date | null = null;
      walk(start, (open, close) => {
        const from = Math.max(open, start.getTime());
        if (from >= close) return false;
        if (remaining <= close - from) {
          result = new Date(from + remaining);
          return true;
        }
        remaining -= close - from;
        return false;
      });
      // A calendar that never opens: plain clock time, so a due date still exists.
      return result ?? new Date(start.getTime() + minutes * 60_000);
    },
    workingMinutesBetween(from, to) {
      if (to <= from) return 0;
      let total = 0;
      walk(from, (open, close) => {
        if (open >= to.getTime()) return true;
        total += Math.max(0, Math.min(close, to.getTime()) - Math.max(open, from.getTime()));
        return false;
      });
      return Math.round(total / 60_000);
    },
  };
}
