/**
 * Student ids of the demo school: "S" + 6 digits (S240117). Accepts lower case and a space or dash after the S
 * ("s-240117"), and a bare 6-digit number only when the caller was asked for the id.
 */
export function parseStudentId(text: string, asked = false): string | null {
  const match = /(?<![a-z0-9])s[\s-]?(\d{6})(?!\d)/iu.exec(text);
  if (match) return `S${match[1]}`;
  if (asked) {
    const bare = /^\D*(\d{6})\D*$/u.exec(text);
    if (bare) return `S${bare[1]}`;
  }
  return null;
}

/** The last four phone digits: a lone 4-digit number, or 4 digits after a cue ("尾号 5678", "last four 5678"). */
export function parsePhoneLast4(text: string, asked = false): string | null {
  const cued = /(?:尾号|后四位|后4位|last (?:4|four)(?: digits)?(?: are| is)?|ends? (?:in|with))\D{0,6}(\d{4})(?!\d)/iu.exec(text);
  if (cued) return cued[1];
  if (!asked) return null;
  const lone = text.replace(/s[\s-]?\d{6}/giu, ' ').match(/(?<!\d)\d{4}(?!\d)/gu);
  return lone?.length === 1 ? lone[0] : null;
}
