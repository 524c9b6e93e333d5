import * as OpenCC from 'opencc-js';

/** Hard cap on the characters the NLU looks at; longer input is cut (the raw message is still stored by callers). */
export const MAX_NLU_CHARS = 2_000;

// Traditional → simplified through OpenCC's dictionaries (Hong Kong and Taiwan variants both map well with 'hk').
// Built once: the converter holds a large trie.
let toSimplified: ((text: string) => string) | undefined;
function simplify(text: string): string {
  const convert = (toSimplified ??= OpenCC.Converter({ from: 'hk', to: 'cn' }));
  return convert(text);
}

const HAN = /\p{Script=Han}/u;
// C0/C1 controls except tab/newline, zero-width characters and bidi overrides: they carry no meaning for NLU
// and are a favourite way to smuggle text past filters.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

// One turn normalises the same message many times (tokenizer, matcher profile, coverage, sentiment, the previous
// messages for urgency): remember the last few results. Strings are immutable, so sharing them is safe.
const REMEMBERED_TEXTS = 64;
const remembered = new Map<string, string>();

/**
 * Normalises customer text for understanding: Unicode NFKC (full-width → half-width letters, digits and
 * punctuation), traditional → simplified Chinese, lower case, invisible/control characters removed,
 * whitespace collapsed, length capped at {@link MAX_NLU_CHARS}.
 *
 * @example normalize('我想退貨，訂單＃Ｗ１２３４５６７') // '我想退货,订单#w1234567'
 */
export function normalize(text: string): string {
  if (text.length > MAX_NLU_CHARS) return normalizeNow(text); // long texts are rare: not worth the memory
  let out = remembered.get(text);
  if (out === undefined) {
    out = normalizeNow(text);
    if (remembered.size >= REMEMBERED_TEXTS) remembered.delete(remembered.keys().next().value!);
    remembered.set(text, out);
  }
  return out;
}

function normalizeNow(text: string): string {
  let out = text.length > MAX_NLU_CHARS * 2 ? text.slice(0, MAX_NLU_CHARS * 2) : text;
  out = toWellFormed(out).normalize('NFKC').replace(INVISIBLE, '');
  if (HAN.test(out)) out = simplify(out);
  out = out.toLowerCase().replace(/\s+/g, ' ').trim();
  return out.length > MAX_NLU_CHARS ? out.slice(0, MAX_NLU_CHARS) : out;
}

/**
 * Same as {@link normalize} but keeps the letter case — entity extraction needs it for
 * names and for order numbers written as `#W1234567`.
 */
export function normalizeKeepCase(text: string): string {
  let out = text.length > MAX_NLU_CHARS * 2 ? text.slice(0, MAX_NLU_CHARS * 2) : text;
  out = toWellFormed(out).normalize('NFKC').replace(INVISIBLE, '');
  if (HAN.test(out)) out = simplify(out);
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > MAX_NLU_CHARS ? out.slice(0, MAX_NLU_CHARS) : out;
}

/** Replaces lone surrogates (invalid UTF-16) with U+FFFD so later steps never see broken strings. */
export function toWellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
