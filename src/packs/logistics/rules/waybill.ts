/**
 * Waybill numbers, parsed inside the pack (no engine entity needed). Accepted forms:
 * - `SF` + 12 digits (e.g. SF123456789012), case-insensitive;
 * - `YT` + 13 digits (e.g. YT1234567890123), case-insensitive;
 * - 12–15 plain digits, either right after a cue word
 *   (运单 / 快递单 / 快递 / 单号 / 查 / 包裹 / waybill / tracking / parcel / shipment / where is / track), as in
 *   "帮我查下 397354013952582" or "where is 397354013952582",
 *   or at the start of a sentence followed by more words ("397354013952582 这个件到哪了"),
 *   or as the whole message when the waybill was just asked for.
 * Eleven digits are a mobile number, never a waybill.
 */
export const PREFIXED_WAYBILL = /(?<![A-Za-z0-9])(SF\d{12}|YT\d{13})(?![0-9])/i;
export const CUED_WAYBILL = /(?:运单|快递单|快递|单号|查|包裹|waybill|tracking|parcel|shipment|where(?:'s| is)|\btrack\b|\blook up\b|\bcheck\b)[^\d\n]{0,16}(?<!\d)(\d{12,15})(?!\d)/i;
export const BARE_WAYBILL = /^\s*(\d{12,15})\s*$/;
/** 12–15 digits opening a sentence, with words after them: nothing else in a parcel conversation is that long. */
export const LEADING_WAYBILL = /(?:^|[。！？!?；;\n]|[.,，]\s)\s*(\d{12,15})(?!\d)[\s,，:：]*(?=[^\s\d])/;

/** The first waybill number in a message, upper-cased, or null. `bare` also accepts a message that is only digits. */
export function parseWaybill(text: string, options: { bare?: boolean } = {}): string | null {
  const prefixed = PREFIXED_WAYBILL.exec(text);
  if (prefixed) return prefixed[1].toUpperCase();
  const cued = CUED_WAYBILL.exec(text);
  if (cued) return cued[1];
  const leading = LEADING_WAYBILL.exec(text);
  if (leading) return leading[1];
  if (options.bare) {
    const bare = BARE_WAYBILL.exec(text);
    if (bare) return bare[1];
  }
  return null;
}

/** Last four digits of a phone number given as "尾号 1234", "1234" or a full number. */
export function parsePhoneLast4(text: string): string | null {
  const withoutWaybills = text.replace(new RegExp(PREFIXED_WAYBILL.source, 'gi'), ' ').replace(/\d{12,}/g, ' ');
  const full = /(?<!\d)1\d{10}(?!\d)/.exec(withoutWaybills);
  if (full) return full[0].slice(-4);
  const four = /(?<!\d)(\d{4})(?!\d)/.exec(withoutWaybills);
  return four ? four[1] : null;
}
