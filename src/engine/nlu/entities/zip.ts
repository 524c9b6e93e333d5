import type { Candidate } from './candidate.ts';
import { candidate } from './candidate.ts';

export const US_STATE_CODES = new Set(
  ('AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA ' +
    'RI SC SD TN TX UT VT VA WA WV WI WY DC PR').split(' '),
);
const US_STATE_NAMES =
  'alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|illinois|' +
  'indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|' +
  'montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|' +
  'oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|' +
  'west virginia|wisconsin|wyoming';

const CUED = /(?:\bzip(?:\s*code)?|\bpostal(?:\s*code)?|\bpostcode|\bpost\s+code|邮编|邮政编码)(?:\s*(?:is|:|#|是|为|号码?是?))?\s*(?<![0-9])(\d{5}(?:-\d{4})?|\d{6})(?![0-9])/gi;
const FIVE_DIGITS = /(?<![0-9#A-Za-z.,$¥:/-])(\d{5})(?:-\d{4})?(?![0-9]|[.,:/]\d|\s*(?:元|块|dollars?|usd|rmb|%))/gi;
const SENTENCE_BREAK = /[.!?。!?\n;；][^.!?。!?\n;；]*$/;
const STATE_CODE_BEFORE = /\b([A-Z]{2})\.?,?\s*$/;
const STATE_NAME = new RegExp(`\\b(?:${US_STATE_NAMES})\\b`, 'i');
const ADDRESS_WORDS = /\b(?:st|street|ave|avenue|road|rd|drive|dr|lane|ln|blvd|boulevard|way|court|ct|place|pl|apt|suite|unit|address|city)\b|地址/i;
// A name right before the number, after a self-introduction cue or at the start of the sentence.
const NAME_BEFORE =
  /(?:\b(?:[Ii]'?m|[Ii] am|[Mm]y name is|[Tt]his is|[Nn]ame:?)\s+|^\s*)[A-Z][a-z]+(?:-[A-Za-z]+)?\s+[A-Z][a-z]+(?:-[A-Za-z]+)?\s*,?\s*(?:and\s+)?(?:my\s+)?$/;

/**
 * Finds postal codes. A 5- or 6-digit number counts only with a cue: "zip", "postal code", "邮编" before it,
 * or — for US 5-digit codes — a US state, address words or a person's name earlier in the same sentence
 * ("I'm Yusuf Rossi, 19122"). Value: the 5 or 6 digits (a ZIP+4 suffix is dropped).
 */
export function recogniseZips(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(CUED)) {
    const end = match.index + match[0].length;
    const code = match[1];
    found.push(candidate('zip', code.slice(0, code.length === 6 ? 6 : 5), text, end - code.length, end, { country: code.length === 6 ? 'CN' : 'US' }));
  }
  for (const match of text.matchAll(FIVE_DIGITS)) {
    if (!looksLikeUsZipContext(text.slice(Math.max(0, match.index - 160), match.index))) continue;
    found.push(candidate('zip', match[1], text, match.index, match.index + match[0].length, { country: 'US' }));
  }
  return found;
}

function looksLikeUsZipContext(before: string): boolean {
  const breakAt = before.search(SENTENCE_BREAK);
  // Keep "Fort Worth, TX. 76165"-style abbreviations: a break right after two capitals is not a sentence end.
  const sentence = breakAt >= 0 && !/\b[A-Z]{2}\.\s*$/.test(before) ? before.slice(breakAt + 1) : before;
  const state = STATE_CODE_BEFORE.exec(sentence);
  if (state && US_STATE_CODES.has(state[1])) return true;
  if (STATE_NAME.test(sentence) || ADDRESS_WORDS.test(sentence)) return true;
  return NAME_BEFORE.test(sentence);
}
