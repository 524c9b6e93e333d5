/**
 * RFC 4180 CSV for exports opened in spreadsheets. Text cells that a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) get a leading apostrophe (OWASP "CSV injection"); numbers and booleans we
 * produce are written as they are, so -0.5 stays a number. Cells with a comma, quote or line break are quoted, quotes
 * doubled. Lines end with CRLF; a UTF-8 byte-order mark lets Excel read Chinese text.
 */
export function toCsv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** One escaped cell. Arrays are joined with "; "; null and undefined are empty. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = Array.isArray(value) ? value.map((item) => String(item ?? '')).join('; ') : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
