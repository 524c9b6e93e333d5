/** WeChat customer-service and WeCom kf/send_msg text messages: at most 2,048 bytes of UTF-8 each. */
export const WECHAT_TEXT_MAX_BYTES = 2048;

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text).length;

/** Where a piece may end, best first: a paragraph, a line, a sentence (。！？!?…), a clause (；;，,、), a space. */
const BREAKS: RegExp[] = [/\n\s*\n/g, /\n/g, /[。！？!?…]+["'”’」』）)]*|\.(?=\s)/g, /[；;，,、：:]/g, /\s+/g];

/** The longest prefix of `text` (whole code points) within `maxBytes`. */
function prefixWithin(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    const size = bytesOf(character);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += character.length;
  }
  return text.slice(0, end);
}

/** The end of the last break of the best kind inside `window`, or -1 when it has none past its first quarter. */
function lastBreak(window: string): number {
  for (const pattern of BREAKS) {
    let best = -1;
    for (const match of window.matchAll(pattern)) {
      const end = (match.index ?? 0) + match[0].length;
      if (end > window.length / 4 && end <= window.length) best = end;
    }
    if (best > 0) return best;
  }
  return -1;
}

/**
 * Splits a text into pieces of at most `maxBytes` UTF-8 bytes each for channels that cap a message's size (WeChat and
 * WeCom text: 2,048 bytes), ending each piece at the best boundary in reach — paragraph, line, sentence, clause,
 * space — and only as a last resort between two characters (never inside one: emoji and CJK stay whole). Nothing is
 * dropped: the pieces joined (with the whitespace trimmed at the cuts restored by the caller's layout) carry the
 * whole text. A text within the limit comes back as one piece.
 *
 * @example splitText('第一句。第二句。', 12) // → ['第一句。', '第二句。']
 */
export function splitText(text: string, maxBytes: number = WECHAT_TEXT_MAX_BYTES): string[] {
  if (maxBytes < 4) throw new RangeError('maxBytes must leave room for one character (4 bytes)');
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest) {
    if (bytesOf(rest) <= maxBytes) {
      pieces.push(rest);
      break;
    }
    const window = prefixWithin(rest, maxBytes);
    const cut = lastBreak(window);
    const end = cut > 0 ? cut : window.length;
    const piece = rest.slice(0, end).trim();
    if (piece) pieces.push(piece);
    rest = rest.slice(end).trim();
  }
  return pieces;
}
