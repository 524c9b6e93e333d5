import type { Candidate } from './candidate.ts';
import { candidate } from './candidate.ts';

const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9@])/g;
// Chinese mobile: 1[3-9] + 9 digits, optionally +86/0086 and spaces or dashes in 3-4-4 groups.
const CN_MOBILE = /(?<![0-9+])(?:(\+|00)?86[\s-]?)?(1[3-9]\d(?:[\s-]?\d{4}){2})(?![0-9])/g;
// North American numbers: (202) 555-0123, 202-555-0123, 202.555.0123, +1 202 555 0123.
const US_PHONE = /(?<![0-9+])(?:(\+)?1[\s.-]?)?(?:\(([2-9]\d{2})\)\s?|([2-9]\d{2})[\s.-])(\d{3})[\s.-](\d{4})(?![0-9])/g;
const US_PHONE_COMPACT = /(?<![0-9+])\+1([2-9]\d{9})(?![0-9])/g;
// Ten bare digits count as a phone only right after a phone cue.
const CUED_BARE_PHONE = /(?:phone|tel|mobile|cell|call|电话|手机|号码)[^0-9]{0,12}?(?<![0-9])([2-9]\d{9})(?![0-9])/gi;

/** Finds e-mail addresses. Value: lower-cased address. */
export function recogniseEmails(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(EMAIL)) {
    found.push(candidate('email', match[0].toLowerCase(), text, match.index, match.index + match[0].length));
  }
  return found;
}

/**
 * Finds Chinese mobile and North American phone numbers. Value: digits only, with a leading '+' and country code
 * kept when the customer wrote one ('+8613812345678', '+12025550123'); otherwise the national digits.
 */
export function recognisePhones(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(CN_MOBILE)) {
    const national = match[2].replace(/[\s-]/g, '');
    const international = match[0].replace(/[\s-]/g, '').length > national.length;
    const value = international ? `+86${national}` : national;
    found.push(candidate('phone', value, text, match.index, match.index + match[0].length, { country: 'CN' }));
  }
  for (const match of text.matchAll(US_PHONE)) {
    const national = `${match[2] ?? match[3]}${match[4]}${match[5]}`;
    const withCountry = /^\+?1/.test(match[0]) && !match[0].startsWith('(');
    const value = withCountry ? `${match[1] ? '+' : ''}1${national}` : national;
    found.push(candidate('phone', value, text, match.index, match.index + match[0].length, { country: 'US' }));
  }
  for (const match of text.matchAll(US_PHONE_COMPACT)) {
    found.push(candidate('phone', `+1${match[1]}`, text, match.index, match.index + match[0].length, { country: 'US' }));
  }
  for (const match of text.matchAll(CUED_BARE_PHONE)) {
    const end = match.index + match[0].length;
    found.push(candidate('phone', match[1], text, end - match[1].length, end, { country: 'US' }));
  }
  return found;
}
