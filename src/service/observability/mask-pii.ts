/**
 * Masks customer PII in free text before it reaches a log line: e-mail addresses, Chinese ID numbers,
 * payment card numbers, and phone numbers (Chinese mobiles and international +… numbers).
 * Keeps a few characters so that support staff can still correlate lines.
 */
const patterns: Array<[RegExp, (match: string) => string]> = [
  [/[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g, (match) => `${match[0]}***@${match.split('@')[1]}`],
  // Resident ID: 17 digits + digit or X, not inside a longer number.
  [/(?<!\d)\d{17}[\dXx](?!\d)/g, (match) => `${match.slice(0, 4)}**********${match.slice(-4)}`],
  // Card numbers: 13–19 digits, optionally grouped by spaces or dashes.
  [/(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g, (match) => `****${match.replace(/\D/g, '').slice(-4)}`],
  // Chinese mobile numbers, optionally +86.
  [/(?<!\d)(?:\+?86[ -]?)?1[3-9]\d{9}(?!\d)/g, (match) => `${match.slice(0, match.length - 8)}****${match.slice(-4)}`],
  // International numbers written with a leading +.
  [/\+\d[\d -]{7,14}\d/g, (match) => `${match.slice(0, 3)}****${match.slice(-2)}`],
];

export function maskPii(text: string): string {
  let masked = text;
  for (const [pattern, replace] of patterns) masked = masked.replace(pattern, replace);
  return masked;
}

/** Masks every string inside a log object (depth-limited, cycles cut). */
export function maskPiiDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (value instanceof Error) return { type: value.name, message: maskPii(value.message), stack: value.stack ? maskPii(value.stack) : undefined };
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => maskPiiDeep(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskPiiDeep(item, depth + 1, seen);
  return out;
}
