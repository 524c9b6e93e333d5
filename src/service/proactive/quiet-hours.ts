/** Minutes since local midnight of `at` in `timeZone`. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * The first moment at or after `at` outside the quiet window [start, end) in `timeZone` (windows may cross
 * midnight: 21:00–09:00). Returns `at` itself when it is not quiet. Minute precision.
 */
export function nextSendTime(at: Date, quiet: { start: string; end: string } | null, timeZone: string): Date {
  if (!quiet) return at;
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  const now = localMinutes(at, timeZone);
  const inside = start <= end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return at;
  const wait = (end - now + 24 * 60) % (24 * 60);
  const next = new Date(at.getTime() + wait * 60_000);
  next.setUTCSeconds(0, 0);
  return next;
}
