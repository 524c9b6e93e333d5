/**
 * Chinese public holidays and 调休 workdays (adjusted working days, usually a Saturday or Sunday) as published by the
 * State Council's General Office each November for the next year: 国办发明电〔2024〕12号 (2025) and
 * 国办发明电〔2025〕7号 (2026). A tenant with `holidayCalendar: 'cn'` gets these; years not listed here (2027 is
 * published in late 2026) are added per tenant in `support.holidays` / `support.workdays` until this table grows.
 */
export interface HolidayYear {
  /** Closed days, 'YYYY-MM-DD'. */
  holidays: string[];
  /** Weekend days that are working days (调休). */
  workdays: string[];
}

/** Expands 'YYYY-MM-DD' … 'YYYY-MM-DD' (inclusive) into every date between. */
function range(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let day = Date.parse(`${first}T00:00:00Z`); day <= Date.parse(`${last}T00:00:00Z`); day += 86_400_000) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}

export const chinaHolidays: Record<number, HolidayYear> = {
  2025: {
    holidays: [
      '2025-01-01', ...range('2025-01-28', '2025-02-04'), ...range('2025-04-04', '2025-04-06'), ...range('2025-05-01', '2025-05-05'),
      ...range('2025-05-31', '2025-06-02'), ...range('2025-10-01', '2025-10-08'),
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ...range('2026-01-01', '2026-01-03'), ...range('2026-02-15', '2026-02-23'), ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'), ...range('2026-06-19', '2026-06-21'), ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

/** Every listed Chinese holiday and 调休 workday, flattened. */
export function chinaHolidayCalendar(): HolidayYear {
  const years = Object.values(chinaHolidays);
  return { holidays: years.flatMap((year) => year.holidays), workdays: years.flatMap((year) => year.workdays) };
}
