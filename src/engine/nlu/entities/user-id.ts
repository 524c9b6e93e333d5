import type { Candidate } from './candidate.ts';
import { candidate } from './candidate.ts';

// τ-bench style: first_last_1234 (a middle name is allowed: first_middle_last_1234), also pinyin zhang_wei_1234.
const USER_ID = /(?<![A-Za-z0-9_@.])([A-Za-z]{1,20}(?:_[A-Za-z]{1,20}){1,2}_\d{4})(?![A-Za-z0-9_@])/g;

/** Finds user ids such as 'yusuf_rossi_9620'. Value: lower-cased id. */
export function recogniseUserIds(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(USER_ID)) {
    found.push(candidate('user_id', match[1].toLowerCase(), text, match.index, match.index + match[0].length));
  }
  return found;
}
