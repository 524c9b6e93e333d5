import type { Mention } from '../../shared/corrections.ts';

const STUDENT_ID = /(?<![a-z0-9])s[\s-]?(\d{6})(?!\d)/giu;
const PHONE_CUE = /(?:尾号|后四位|后4位|末四位|末4位|last (?:4|four)(?: digits)?(?: are| is| of my phone(?: number)?)?|phone (?:number )?end(?:s|ing)?(?: in| with)?|end(?:s|ing)? (?:in|with))\D{0,8}?(\d{4})(?!\d)/giu;

/**
 * Student ids of the demo school: "S" + 6 digits (S240117). Accepts lower case and a space or dash after the S
 * ("s-240117"), and a bare 6-digit number only when the caller was asked for the id.
 */
export function parseStudentId(text: string, asked = false): string | null {
  const [first] = studentIdMentions(text);
  if (first) return first.value;
  if (asked) {
    const bare = /^\D*(\d{6})\D*$/u.exec(text);
    if (bare) return `S${bare[1]}`;
  }
  return null;
}

/** Every student id a message contains, with its offset (for self-corrections: "S240117，不对，S240118"). */
export function studentIdMentions(text: string): Array<Mention<string>> {
  return [...text.matchAll(STUDENT_ID)].map((m) => ({ value: `S${m[1]}`, index: m.index }));
}

/** The last four phone digits: a lone 4-digit number, or 4 digits after a cue ("尾号 5678", "phone ending 5678"). */
export function parsePhoneLast4(text: string, asked = false): string | null {
  const [cued] = phoneLast4Mentions(text);
  if (cued) return cued.value;
  if (!asked) return null;
  const lone = text.replace(/s[\s-]?\d{6}/giu, ' ').match(/(?<!\d)\d{4}(?!\d)/gu);
  return lone?.length === 1 ? lone[0] : null;
}

/** A whole phone number (8–15 digits, optionally international "+44 …"): students often type all of it. */
const FULL_PHONE = /(?<![a-z\d])\+?\d{8,15}(?!\d)/gu;

/**
 * Every last-four a message contains, with its offset: cued ones ("尾号 5678") and the last four digits of a whole
 * phone number ("手机13812345678", "phone +447700900123") — asking for the last four should not refuse the full number.
 */
export function phoneLast4Mentions(text: string): Array<Mention<string>> {
  const cued = [...text.matchAll(PHONE_CUE)].map((m) => ({ value: m[1], index: m.index }));
  const whole = [...text.matchAll(FULL_PHONE)].map((m) => ({ value: m[0].slice(-4), index: m.index }));
  return [...cued, ...whole].sort((left, right) => left.index - right.index);
}
