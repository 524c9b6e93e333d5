import type { SkillContext } from '../../../engine/pack.ts';
import { recognisePersonNames } from '../../../engine/nlu/entities/person-name.ts';
import type { EcommerceDb } from '../store/types.ts';

interface AuthMemory {
  email?: string;
  first?: string;
  last?: string;
  zip?: string;
  phone?: string;
  tries?: number;
}

const NAME_WORD = /^[\p{L}'’-]{1,30}$/u;
const ZH_NAME_BEFORE_CONTACT = /(?:^|[，,。\s]|我)(\p{Script=Han}{2,4}?)[，,\s]*(?=(?:邮编|电话|手机号?|邮箱|号码)?\s*(?:是|为)?\s*[:：]?\s*(?:\d{5,}|[\w.+-]+@))/u;
const NAME_THEN_ZIP = /^(?:(?:hi|hello|hey)(?: there)?[,!.\s]+)?(?:(?:i'?m|im|i am|this is|it'?s|my name is|name'?s|我是|我叫)\s*)?([a-z][a-z'’-]{1,29})\s+([a-z][a-z'’-]{1,29})(?:\s+here)?\s*[,，:：]?\s*(?:(?:zip|zip code|postal code|邮编)\s*(?:is|:|：)?\s*)?(\d{5})\b/i;
const NOT_NAMES = /^(i|im|my|the|a|an|and|order|orders|cancel|return|zip|code|hi|hello|hey|please|need|want|help|is|it|this|here|there|for|to|of)$/i;

/**
 * Authenticates the customer before any account data is shown or changed (store policy): by email, by
 * phone (Chinese store), or by first name + last name + zip. Collects the pieces across turns, in any order.
 * Returns true once `ctx.customerId()` is set; otherwise it has asked for what is missing.
 */
export async function ensureCustomer(ctx: SkillContext<EcommerceDb>): Promise<boolean> {
  if (ctx.customerId()) return true;
  const auth = ((ctx.memory.auth as AuthMemory | undefined) ?? {}) as AuthMemory;
  ctx.memory.auth = auth;
  harvest(ctx, auth);
  if (!auth.email && !auth.phone && !(auth.first && auth.last && auth.zip)) harvestEarlier(ctx, auth);

  if (auth.email) {
    const found = await ctx.call<string>('find_user_id_by_email', { email: auth.email });
    if (found.ok) return welcome(ctx, found.result!);
    ctx.ask('email', 'auth.email_not_found', { email: auth.email });
    delete auth.email;
    return false;
  }
  if (auth.phone) {
    const found = await ctx.call<string>('find_user_id_by_phone', { phone: auth.phone });
    if (found.ok) return welcome(ctx, found.result!);
    ctx.ask('phone', 'auth.phone_not_found', { phone: auth.phone });
    delete auth.phone;
    return false;
  }
  if (auth.first && auth.last && auth.zip) {
    const found = await ctx.call<string>('find_user_id_by_name_zip', { first_name: auth.first, last_name: auth.last, zip: auth.zip });
    if (found.ok) return welcome(ctx, found.result!);
    auth.tries = (auth.tries ?? 0) + 1;
    ctx.ask('email', 'auth.name_zip_not_found', { name: `${auth.first} ${auth.last}`, zip: auth.zip });
    delete auth.first; delete auth.last; delete auth.zip;
    return false;
  }
  if (auth.first && !auth.last) { ctx.ask('last_name', 'auth.ask_last_name'); return false; }
  if (auth.last && !auth.first) { ctx.ask('first_name', 'auth.ask_first_name'); return false; }
  if (auth.first && auth.last) { ctx.ask('zip', 'auth.ask_zip', { name: `${auth.first} ${auth.last}` }); return false; }
  if (auth.zip) { ctx.ask('first_name', 'auth.ask_first_name'); return false; }
  // Nothing usable yet: ask for email (or name + zip) the first time, then walk through name + zip.
  if (ctx.awaiting === 'email') { ctx.ask('first_name', 'auth.ask_first_name'); return false; }
  ctx.ask('email', 'auth.ask');
  return false;
}

function welcome(ctx: SkillContext<EcommerceDb>, userId: string): boolean {
  ctx.setCustomer(userId);
  delete ctx.memory.auth;
  const user = ctx.data.users[userId];
  const name = ctx.locale === 'zh' && /\p{Script=Han}/u.test(user.name.last_name) ? `${user.name.last_name}${user.name.first_name}` : user.name.first_name;
  ctx.say('auth.ok', { name });
  return true;
}

function harvest(ctx: SkillContext<EcommerceDb>, auth: AuthMemory): void {
  const email = ctx.entities('email')[0];
  if (email) auth.email = email.value;
  const phone = ctx.entities('phone')[0];
  if (phone) auth.phone = phone.value;
  // The zip of a new shipping address in the same message is not the account's zip.
  const addresses = ctx.entities('address');
  const zip = ctx.entities('zip').find((z) => !addresses.some((a) => z.start >= a.start && z.start <= a.end + 12));
  if (zip) auth.zip = zip.value;
  const userId = ctx.entities('user_id')[0];
  const name = ctx.entities('person_name')[0];
  if (name?.meta?.first && name.meta.last) {
    auth.first = String(name.meta.first);
    auth.last = String(name.meta.last);
  } else if (userId && !auth.first) {
    // A τ-style user id "yusuf_rossi_9620" carries the name, but policy still requires email or name + zip.
    const [first, last] = userId.value.split('_');
    if (first && last) { auth.first = capitalize(first); auth.last = capitalize(last); }
  }
  if (!auth.first && !name) {
    // Latin names the extractor leaves alone: "我是 Lei Khan", "Hi, Juan Lopez here", "I'm Yusuf Rossi".
    const latin = /(?:我是|我叫|名字是|姓名|i'?m|i am|this is|name is|^(?:hi|hello|hey)[,!]?)\s*([A-Z][a-z]+)\s+([A-Z][a-z]+)(?=\s*(?:here|,|，|。|\.|$|zip|邮编))/i.exec(ctx.turn.text);
    if (latin && !/^(here|there|and|the)$/i.test(latin[2])) { auth.first = capitalize(latin[1]); auth.last = capitalize(latin[2]); }
  }
  if (!auth.first && !name) {
    // Name then zip with no cue words: "Ava Nguyen, zip 94128", "Yusuf Rossi here, 19122", "im sophia nguyen 20171".
    const plain = NAME_THEN_ZIP.exec(ctx.turn.text.trim());
    if (plain && !NOT_NAMES.test(plain[1]) && !NOT_NAMES.test(plain[2])) {
      auth.first = capitalize(plain[1]); auth.last = capitalize(plain[2]); auth.zip ??= plain[3];
    }
  }
  if (!auth.first && !name) {
    // A Chinese name right before a zip, phone or email, with no 我是/我叫: "吴平，邮编361006", "hello 杨俊杰 189…".
    const bare = ZH_NAME_BEFORE_CONTACT.exec(ctx.turn.text);
    const found = bare ? recognisePersonNames(`我是${bare[1]}`)[0] : undefined;
    if (found?.meta?.first && found.meta.last && found.text === bare![1]) { auth.first = String(found.meta.first); auth.last = String(found.meta.last); }
  }
  const text = ctx.turn.text.trim().replace(/[.。!！]$/, '');
  const bare = text.replace(/^(my (first |last )?name is|it'?s|i'?m|我叫|我姓|姓)\s*/i, '').trim();
  // "谢谢" or "再见" while we wait for a name is not a name.
  const smallTalk = ctx.turn.status === 'confident' && ['thanks', 'goodbye', 'greet', 'affirm', 'deny', 'bot_identity'].includes(ctx.turn.intent ?? '');
  if (smallTalk) return;
  // A bare "Anya Kim" answers the opening "who are you" question too.
  if (ctx.awaiting === 'email' && !name && /^[A-Z][a-z'’-]+ [A-Z][a-z'’-]+$/.test(bare)) {
    const [first, last] = bare.split(' ');
    auth.first = first; auth.last = last;
  } else if (ctx.awaiting === 'first_name' && !name && NAME_WORD.test(bare.split(/\s+/)[0] ?? '')) {
    const words = bare.split(/\s+/);
    auth.first = capitalize(words[0]);
    if (words.length === 2 && NAME_WORD.test(words[1])) auth.last = capitalize(words[1]);
  } else if (ctx.awaiting === 'last_name' && !name && NAME_WORD.test(bare)) {
    auth.last = capitalize(bare);
  } else if ((ctx.awaiting === 'zip' || (auth.first && auth.last)) && !zip) {
    const digits = /\b(\d{5,6})\b/.exec(text);
    if (digits) auth.zip = digits[1];
  }
}

/**
 * Identity said in an earlier message that started no request ("Lucas Muller, zip 78763" then the request):
 * read again from the last few messages the engine keeps (normalised text).
 */
function harvestEarlier(ctx: SkillContext<EcommerceDb>, auth: AuthMemory): void {
  const earlier = ((ctx.memory.recentTexts as string[] | undefined) ?? []).slice(0, -1);
  for (const text of earlier.reverse()) {
    const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(text)?.[0];
    if (email) { auth.email = email; return; }
    const phone = /(?<!\d)1[3-9]\d{9}(?!\d)/.exec(text)?.[0];
    if (phone && ctx.locale === 'zh') { auth.phone = phone; return; }
    const plain = NAME_THEN_ZIP.exec(text.replace(/^(?:呃|嗯|额)?\s*(?:你好|您好)?[，,\s]*/, '').trim());
    if (plain && !NOT_NAMES.test(plain[1]) && !NOT_NAMES.test(plain[2])) {
      auth.first = capitalize(plain[1]); auth.last = capitalize(plain[2]); auth.zip = plain[3];
      return;
    }
  }
}

function capitalize(word: string): string {
  return /^[a-z]/.test(word) ? word[0].toUpperCase() + word.slice(1) : word;
}
