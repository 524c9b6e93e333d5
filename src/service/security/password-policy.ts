/** Passwords people pick first; refused regardless of length (a short sample of the most common leaked ones). */
const common = new Set(['password', 'password1', 'password123', 'passw0rd', '1234567890', '12345678910', 'qwertyuiop', '1q2w3e4r5t', 'iloveyou', 'admin12345', 'welcome123', 'abc1234567', 'a123456789', 'woaini1314', 'qwerty123456']);

/**
 * Password rules for new accounts: at least 10 characters, at least two kinds of character (letters — any script —,
 * digits, symbols), not mostly one repeated character, not a well-known password, and not containing the e-mail's
 * name part. Returns a message saying how to fix it, or null when the password is acceptable.
 */
export function checkPassword(password: string, account: { email?: string } = {}): string | null {
  const characters = [...password];
  if (characters.length < 10) return 'password must have at least 10 characters';
  if (characters.length > 200) return 'password must have at most 200 characters';
  const kinds = [/\p{L}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((pattern) => pattern.test(password)).length;
  if (kinds < 2) return 'password must mix at least two of: letters, digits, symbols';
  if (new Set(characters).size < 4) return 'password must use at least 4 different characters';
  const lower = password.toLowerCase();
  if (common.has(lower) || common.has(lower.replace(/[^a-z0-9]/g, ''))) return 'this password is too common; choose another';
  const name = account.email?.split('@')[0]?.toLowerCase() ?? '';
  if (name.length >= 3 && lower.includes(name)) return 'password must not contain the e-mail name';
  return null;
}
