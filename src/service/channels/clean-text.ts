/** C0 control characters other than tab, line feed and carriage return, and DEL. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Removes NUL and the other control characters that no customer means to send (tab and line breaks stay). PostgreSQL
 * refuses NUL in text and jsonb, so one stray byte in an email body or a webhook's JSON would otherwise fail the
 * write — and an SMTP sender told "try later" retries for days.
 */
export function cleanText(text: string): string {
  return text.replace(CONTROL, '');
}
