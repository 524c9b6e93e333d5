import { normalize } from '../../../engine/text/normalize.ts';
import type { Order, PaymentMethod } from '../store/types.ts';
import type { Ctx } from './orders.ts';

const SOURCE_LABEL: Record<string, { zh: string; en: string }> = {
  credit_card: { zh: '信用卡', en: 'credit card' }, paypal: { zh: 'PayPal', en: 'PayPal' }, gift_card: { zh: '礼品卡', en: 'gift card' },
  alipay: { zh: '支付宝', en: 'Alipay' }, wechat_pay: { zh: '微信支付', en: 'WeChat Pay' }, bank_card: { zh: '银行卡', en: 'bank card' },
};

/** The name of a kind of payment method ("微信支付", "gift card"). */
export function sourceLabel(ctx: Ctx, source: string): string {
  return SOURCE_LABEL[source]?.[ctx.locale] ?? source;
}

export function paymentLabel(ctx: Ctx, method: PaymentMethod): string {
  const base = SOURCE_LABEL[method.source]?.[ctx.locale] ?? method.source;
  const parts = [base];
  if (method.brand) parts.push(method.brand);
  if (method.last_four) parts.push(ctx.locale === 'zh' ? `尾号${method.last_four}` : `ending ${method.last_four}`);
  if (method.source === 'gift_card' && method.balance !== undefined) parts.push(ctx.locale === 'zh' ? `余额${method.balance.toFixed(2)}` : `balance ${method.balance.toFixed(2)}`);
  return parts.join(' ');
}

/** "原路退" / "back to the original card": the way the money came, named without naming a method. */
export const ORIGINAL = /\b(original|same (card|payment|method|account)|the one i (paid|used)|where it came from)\b|原路|原支付|原来的|原付款|原账户|付款的那个/;

/**
 * The payment method the customer names in this message, among `allowed` (ids of the customer's methods).
 * "original"/"原路退回" means the order's first payment method. Returns the id, 'ambiguous' (several fit) or null.
 */
export function paymentFromText(ctx: Ctx, allowed: PaymentMethod[], order?: Order, wholeFlow = false): string | 'ambiguous' | null {
  // "from my Visa to PayPal", "instead of the gift card", "从礼品卡改成信用卡": only the target counts.
  const text = normalize(wholeFlow ? ctx.flowTexts().join(' ') : ctx.turn.text)
    .replace(/\bfrom (my |the )?[\w\s-]{1,40}?\s+to\b/g, ' to ')
    .replace(/\binstead of (my |the )?[\w\s-]{1,30}?(?=[,.;]|$)/g, ' ')
    .replace(/从[^，。,]{1,12}?(改成|换成|改为|换为|改用)/g, '$1');
  // "that same card" points back to the card named last in this conversation, when there is one.
  const lastNamed = ctx.memory.lastNamedPayment as string | undefined;
  if (/\b(that|this) (same )?card\b|同一张卡|这张卡|那张卡/.test(text) && lastNamed && allowed.some((m) => m.id === lastNamed)) return lastNamed;
  if (order && ORIGINAL.test(text)) {
    const original = order.payment_history[0]?.payment_method_id;
    if (original && allowed.some((m) => m.id === original)) return original;
  }
  const byId = allowed.find((m) => text.includes(m.id.toLowerCase()));
  if (byId) return byId.id;
  const entities = wholeFlow ? ctx.flowEntities('payment_method') : ctx.entities('payment_method');
  const sources = new Set(entities.map((e) => e.value));
  const lastFour = entities.map((e) => e.meta?.lastFour).find(Boolean) ?? /(?:ending(?: in)?|尾号|last four(?: digits)?(?: are| is)?)\s*(\d{4})/.exec(text)?.[1];
  for (const [source, label] of Object.entries(SOURCE_LABEL)) {
    if (text.includes(label.en.toLowerCase()) || text.includes(label.zh.toLowerCase())) sources.add(source);
  }
  if (/\b(visa|mastercard|amex|american express|discover)\b/.test(text)) sources.add('credit_card');
  let candidates = allowed.filter((m) => sources.has(m.source));
  if (lastFour) {
    // A card named by its last digits is that card or none: never silently another card of the same kind.
    candidates = allowed.filter((m) => m.last_four === String(lastFour));
  }
  const brand = /\b(visa|mastercard|amex|discover)\b/.exec(text)?.[1];
  if (brand && candidates.length > 1) {
    const byBrand = candidates.filter((m) => m.brand?.toLowerCase() === brand);
    if (byBrand.length) candidates = byBrand;
  }
  if (candidates.length === 1) {
    ctx.memory.lastNamedPayment = candidates[0].id;
    return candidates[0].id;
  }
  if (candidates.length > 1) return 'ambiguous';
  return null;
}

export function paymentQuickReplies(ctx: Ctx, methods: PaymentMethod[]): Array<{ label: string; payload: string }> {
  return methods.map((m) => ({ label: paymentLabel(ctx, m), payload: m.id }));
}
