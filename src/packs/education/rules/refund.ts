/** Which refund rule applied (template `refund.rule.<rule>`). */
export type RefundRule = 'before_start' | 'pro_rata' | 'none_after_half';

export interface RefundQuote {
  rule: RefundRule;
  paid: number;
  attended: number;
  lessons: number;
  fee: number;
  amount: number;
}

/** Administration fee kept on a pro-rata refund (CNY). */
export const REFUND_FEE = 100;

/**
 * The school's refund policy as code: full refund before the first lesson; after it, the unused lessons pro rata
 * minus a ¥100 fee (never below zero); nothing once half or more of the lessons have been held.
 * "Held" = lessons whose date has passed, counted by the caller (`attended`), whether or not the student came.
 */
export function refundQuote(input: { paid: number; lessons: number; attended: number }): RefundQuote {
  const { paid, lessons } = input;
  const attended = Math.max(0, Math.min(lessons, input.attended));
  if (attended === 0) return { rule: 'before_start', paid, attended, lessons, fee: 0, amount: paid };
  if (attended * 2 >= lessons) return { rule: 'none_after_half', paid, attended, lessons, fee: 0, amount: 0 };
  const unused = Math.round((paid * (lessons - attended)) / lessons * 100) / 100;
  return { rule: 'pro_rata', paid, attended, lessons, fee: REFUND_FEE, amount: Math.max(0, Math.round((unused - REFUND_FEE) * 100) / 100) };
}

/** Lessons held by `now` for a weekly course starting on `start` (ISO date), one lesson every 7 days. */
export function lessonsHeld(start: string, lessons: number, now: string): number {
  const days = Math.floor((Date.parse(now) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
  if (days < 0) return 0;
  return Math.min(lessons, Math.floor(days / 7) + 1);
}
