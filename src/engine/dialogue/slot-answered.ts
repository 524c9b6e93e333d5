import { isAffirmative, isNegative } from './confirmation.ts';
import type { SlotName, Understanding } from './types.ts';

const ENTITY_FOR_SLOT: Partial<Record<SlotName, string[]>> = {
  // "Which order?" — "the kettle one": orders are told apart by what is in them.
  email: ['email'], zip: ['zip'], order_id: ['order_id', 'product'], user_id: ['user_id'], phone: ['phone'],
  payment_method: ['payment_method'], address: ['address'], date: ['date'], time: ['time'],
  first_name: ['person_name'], last_name: ['person_name'],
  item: ['product', 'option', 'number'], product: ['product'], option: ['option', 'number'],
};

/**
 * Whether a message plausibly answers the slot the engine asked for. When it does, the running skill
 * gets the message even if the classifier thinks it is about something else ("yes" is not a new task).
 */
const IDENTITY_SLOTS = new Set(['email', 'phone', 'first_name', 'last_name', 'zip', 'user_id']);
const IDENTITY_ENTITIES = ['email', 'phone', 'zip', 'person_name', 'user_id'];
/** Slots answered in a few free words ("下错单了", "the blue one", "Kim"). */
const FREE_TEXT_SLOTS = new Set(['first_name', 'last_name', 'reason', 'item', 'option', 'product']);
const SHORT_NAME = /^[\p{L}'’.-]{1,30}( [\p{L}'’.-]{1,30}){0,2}$/u;

export function slotAnswered(slot: string | null, u: Understanding): boolean {
  if (!slot) return false;
  if (slot === 'confirmation') return isAffirmative(u.text) || isNegative(u.text);
  const types = ENTITY_FOR_SLOT[slot as SlotName];
  if (types && u.entities.some((e) => types.includes(e.type))) return true;
  // Asked for the email, given the phone number (or name, zip): it still answers "who are you".
  if (IDENTITY_SLOTS.has(slot) && u.entities.some((e) => IDENTITY_ENTITIES.includes(e.type))) return true;
  if ((slot === 'first_name' || slot === 'last_name') && SHORT_NAME.test(u.text.trim()) && !looksLikeQuestion(u.normalized)) return true;
  if (slot === 'zip' && /^\s*\d{5,6}\s*$/.test(u.text)) return true;
  if (FREE_TEXT_SLOTS.has(slot) && u.normalized.length <= 16 && !looksLikeQuestion(u.normalized)) return true;
  // A reason is said in a sentence ("ordered it by mistake", "we don't need it anymore"), not a word.
  if (slot === 'reason' && u.normalized.length <= 60 && !looksLikeQuestion(u.normalized)) return true;
  // Short free-text answers (a name, a reason, "the blue one") belong to the question just asked — unless they are questions.
  return u.normalized.length <= 24 && u.status !== 'confident' && !looksLikeQuestion(u.normalized);
}

/** Question marks, Chinese question particles and English question openers. */
export function looksLikeQuestion(normalized: string): boolean {
  return /[?？]|吗|呢|怎么|如何|多少|几天|什么|哪|是否|能不能|可不可以|^(how|what|when|where|why|which|can|do|does|is|are|will|should)\b/.test(normalized);
}
