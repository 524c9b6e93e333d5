import { normalize } from '../../../engine/text/normalize.ts';
import { readVariantRequest, resolveVariant, type OptionLimit, type VariantRequest } from '../catalog/resolve-variant.ts';
import type { Order, OrderItem, Variant } from '../store/types.ts';
import { resolveItems } from '../catalog/resolve-items.ts';
import { itemLabel, mentionsAllItems, money, type Ctx } from './orders.ts';

export interface ItemChange {
  itemId: string;
  /** Index of the item in the order (orders may hold the same item id twice). */
  index: number;
  wanted: Record<string, string>;
  limits?: OptionLimit[];
  prefer?: VariantRequest['prefer'];
  newItemId?: string;
}

/**
 * What the customer wants for `item` (see {@link readVariantRequest}): option values that differ from the current
 * ones, current values they say to keep ("still grey", "the same battery life", "还是有线款") as constraints, numeric
 * limits and a price preference. Empty when nothing changes at all; a key with a new value is never pinned to the old one.
 */
function wantedOptions(ctx: Ctx, text: string, item: OrderItem): VariantRequest {
  const none: VariantRequest = { wanted: {}, limits: [] };
  const product = ctx.data.products[item.product_id];
  if (!product) return none;
  const request = readVariantRequest(text, product, item.options);
  const changed: Record<string, string> = {};
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.wanted)) {
    if (item.options[key] !== value) changed[key] = value;
    else kept[key] = value;
  }
  // "the same battery life": an explicit "same <option>" wins over reading the option's name as a value.
  const normalized = normalize(text);
  const same: Record<string, string> = {};
  for (const phrase of normalized.matchAll(/\b(?:same|keep(?: the)?|unchanged)\b([^.;!?]{0,60})/g)) {
    for (const key of Object.keys(item.options)) if (phrase[1].includes(normalize(key))) same[key] = item.options[key];
  }
  for (const [key, value] of Object.entries(same)) { delete changed[key]; kept[key] = value; }
  if (!Object.keys(changed).length && !request.limits.length && !request.prefer) return none;
  for (const [key, value] of Object.entries(kept)) if (!(key in changed)) changed[key] = value;
  return { ...request, wanted: changed };
}

/** Whether a request asks for anything. */
function asksSomething(request: VariantRequest): boolean {
  return Object.keys(request.wanted).length > 0 || request.limits.length > 0 || Boolean(request.prefer);
}

/** Merges a later request into an earlier one: later values, limits and preference replace earlier ones per option. */
function mergeRequest(change: ItemChange, request: VariantRequest): void {
  change.wanted = { ...change.wanted, ...request.wanted };
  const limits = (change.limits ?? []).filter((limit) => !request.limits.some((l) => l.key === limit.key) && !(limit.key in request.wanted));
  change.limits = [...limits, ...request.limits];
  if (request.prefer) change.prefer = request.prefer;
  delete change.newItemId;
}

/**
 * Splits the text into one segment per item to change: options after a product name belong to it. Items only
 * mentioned to describe the order ("the order with the kettle") or to leave alone ("keep the lamp") end the
 * previous segment but are not changed.
 */
function segmentsByItem(ctx: Ctx, source: string, order: Order): Array<{ index: number; segment: string }> {
  const { mentions, text } = resolveItems(source, order, ctx.data.products, { quantifiers: false });
  const out: Array<{ index: number; segment: string }> = [];
  const taken = new Set<number>();
  mentions.forEach((mention, i) => {
    if (mention.polarity !== 'include') return;
    // An item named only to describe the order ("（和茶壶一起那单）") does not end the segment.
    const next = mentions.slice(i + 1).find((m) => m.start > mention.start && m.polarity !== 'describe');
    const segment = text.slice(mention.start, next ? next.start : undefined);
    // The same item id can appear twice in an order; take the first index not yet used.
    const index = mention.indexes.find((k) => !taken.has(k));
    if (index !== undefined) { taken.add(index); out.push({ index, segment }); return; }
    // Named again ("蓝牙音箱（Bluetooth Speaker）…"): what follows still belongs to it.
    const earlier = out.findLast((o) => mention.indexes.includes(o.index));
    if (earlier) earlier.segment += ` ${segment}`;
  });
  return out;
}

/** Items the customer names in this turn (by name, by list number when asked, or "all"). */
export function itemsFromTurn(ctx: Ctx, order: Order, source = ctx.turn.text): Array<{ index: number; segment: string }> {
  if (mentionsAllItems(source)) return order.items.map((_, index) => ({ index, segment: '' }));
  const named = segmentsByItem(ctx, source, order);
  if (named.length) return named;
  if (ctx.awaiting === 'item') {
    const numbers = [...ctx.turn.normalized.matchAll(/\b(\d{1,2})\b/g)].map((m) => Number(m[1]) - 1).filter((n) => n >= 0 && n < order.items.length);
    return numbers.map((index) => ({ index, segment: '' }));
  }
  return [];
}

/**
 * Option values of this turn that differ from the variant already planned for a chosen item ("oh wait, 32GB not
 * 8GB" while confirming): a correction, not a no. Values equal to the original item count too — they undo a change.
 */
function corrections(ctx: Ctx, order: Order): Array<{ change: ItemChange; wanted: Record<string, string> }> {
  const changes = (ctx.slots.changes as ItemChange[] | undefined) ?? [];
  const out: Array<{ change: ItemChange; wanted: Record<string, string> }> = [];
  for (const change of changes) {
    const item = order.items[change.index];
    const product = ctx.data.products[item.product_id];
    const planned = change.newItemId ? product?.variants[change.newItemId]?.options : undefined;
    if (!product || !planned) continue;
    const { wanted } = readVariantRequest(ctx.turn.text, product, item.options);
    if (Object.entries(wanted).some(([key, value]) => planned[key] !== value)) out.push({ change, wanted });
  }
  return out;
}

/**
 * True when this turn names option values of an item already chosen — a correction ("32GB not 8GB") or a restatement
 * ("black not silver! 7 inch, black") — so the caller must not read its "not" as a no.
 */
export function turnAdjustsChanges(ctx: Ctx, order: Order): boolean {
  const changes = (ctx.slots.changes as ItemChange[] | undefined) ?? [];
  return changes.some((change) => {
    const item = order.items[change.index];
    const product = ctx.data.products[item.product_id];
    return product !== undefined && Object.keys(readVariantRequest(ctx.turn.text, product, item.options).wanted).length > 0;
  });
}

export function askItems(ctx: Ctx, order: Order, key: string): void {
  const list = order.items.map((item, i) => `${i + 1}. ${itemLabel(item)} — ${money(ctx, item.price)}`).join('\n');
  ctx.ask('item', key, { order: order.order_id, list }, { quickReplies: order.items.map((item, i) => ({ label: `${i + 1}. ${item.name}`, payload: String(i + 1) })) });
}

/**
 * Collects the items to change and the variant each becomes. Accepts several items and their new options in one
 * message, later additions ("also the desk lamp"), and option answers to a follow-up question.
 * Returns the complete list, or 'waiting' after asking for what is missing.
 */
export function collectItemChanges(ctx: Ctx, order: Order, askKey: string): ItemChange[] | 'waiting' {
  const first = ctx.slots.changes === undefined;
  const changes = ((ctx.slots.changes as ItemChange[] | undefined) ?? []);
  ctx.slots.changes = changes;
  // The first time, read the whole request (it may have been made before authentication or order lookup).
  const source = first ? ctx.flowTexts().join(' \n ') : ctx.turn.text;
  const fromTurn = itemsFromTurn(ctx, order, source);
  for (const { index, segment } of fromTurn) {
    const item = order.items[index];
    let change = changes.find((c) => c.index === index);
    if (!change) { change = { itemId: item.item_id, index, wanted: {} }; changes.push(change); }
    const request = wantedOptions(ctx, segment || source, item);
    if (asksSomething(request)) mergeRequest(change, request);
  }
  // While confirming, option values without an item name correct the planned variants.
  const corrected = !fromTurn.length && ctx.awaiting === 'confirmation' ? corrections(ctx, order) : [];
  for (const { change, wanted } of corrected) mergeRequest(change, { wanted, limits: [] });
  // Options without an item name: they answer the pending question, or fit the only product they can belong to.
  if (!fromTurn.length && !corrected.length) {
    const pending = changes.find((c) => c.index === ctx.slots.pendingIndex);
    // A correction while confirming ("black, not silver") is about the items already chosen.
    const targets = pending ? [pending.index] : changes.length ? changes.map((c) => c.index) : order.items.map((_, i) => i);
    const fits = targets.map((index) => ({ index, request: wantedOptions(ctx, source, order.items[index]) })).filter((t) => asksSomething(t.request));
    const choice = pickListedVariant(ctx);
    if (pending && choice) {
      pending.newItemId = choice;
    } else if (fits.length === 1 || (pending && fits.length)) {
      const fit = fits[0];
      let change = changes.find((c) => c.index === fit.index);
      if (!change) { change = { itemId: order.items[fit.index].item_id, index: fit.index, wanted: {} }; changes.push(change); }
      mergeRequest(change, fit.request);
    }
  }
  if (!changes.length) {
    if (order.items.length === 1 && ctx.awaiting !== 'item') {
      changes.push({ itemId: order.items[0].item_id, index: 0, wanted: {} });
    } else {
      askItems(ctx, order, askKey);
      return 'waiting';
    }
  }
  for (const change of changes) {
    if (change.newItemId) continue;
    const item = order.items[change.index];
    const product = ctx.data.products[item.product_id];
    if (!asksSomething({ wanted: change.wanted, limits: change.limits ?? [], prefer: change.prefer })) {
      ctx.slots.pendingIndex = change.index;
      askOption(ctx, item, product ? Object.values(product.variants).filter((v) => v.available && v.item_id !== item.item_id) : [], 'items.ask_option');
      return 'waiting';
    }
    const choice = resolveVariant(product, { item_id: item.item_id, options: item.options }, { wanted: change.wanted, limits: change.limits ?? [], prefer: change.prefer });
    if (choice.kind === 'chosen') { change.newItemId = choice.variant.item_id; continue; }
    ctx.slots.pendingIndex = change.index;
    if (choice.kind === 'ambiguous') { askOption(ctx, item, choice.candidates, 'items.ask_which_variant'); return 'waiting'; }
    if (choice.kind === 'unavailable') {
      change.wanted = {}; delete change.limits; delete change.prefer;
      askOption(ctx, item, Object.values(product.variants).filter((v) => v.available && v.item_id !== item.item_id), 'items.unavailable', { wanted: Object.values(choice.wanted).join(' / ') });
      return 'waiting';
    }
    change.wanted = {}; delete change.limits; delete change.prefer;
    askOption(ctx, item, Object.values(product.variants).filter((v) => v.available && v.item_id !== item.item_id), 'items.same_as_current');
    return 'waiting';
  }
  delete ctx.slots.pendingIndex;
  delete ctx.slots.variantChoices;
  return changes;
}

function askOption(ctx: Ctx, item: OrderItem, candidates: Variant[], key: string, vars: Record<string, unknown> = {}): void {
  const shown = candidates.slice(0, 8);
  ctx.slots.variantChoices = shown.map((v) => v.item_id);
  const describe = (v: Variant) => Object.entries(v.options).filter(([k, value]) => item.options[k] !== value).map(([, value]) => value).join(' / ') || Object.values(v.options).join(' / ');
  const list = shown.map((v, i) => `${i + 1}. ${describe(v)} — ${money(ctx, v.price)}`).join('\n');
  ctx.ask('option', key, { item: itemLabel(item), list, ...vars }, { quickReplies: shown.map((v, i) => ({ label: `${i + 1}. ${describe(v)}`, payload: String(i + 1) })) });
}

function pickListedVariant(ctx: Ctx): string | null {
  const choices = (ctx.slots.variantChoices as string[] | undefined) ?? [];
  const match = /^\s*(?:#|no\.?|第)?\s*(\d{1,2})\s*(?:个|号)?\s*$/.exec(ctx.turn.normalized);
  if (match && choices[Number(match[1]) - 1]) return choices[Number(match[1]) - 1];
  const byId = choices.find((id) => ctx.turn.normalized.includes(id));
  return byId ?? null;
}

/** "Keyboard (clicky → linear), +$12.30" lines for the confirmation message. */
export function describeChanges(ctx: Ctx, order: Order, changes: ItemChange[]): { lines: string; difference: number } {
  let difference = 0;
  const lines = changes.map((change) => {
    const item = order.items[change.index];
    const variant = ctx.data.products[item.product_id].variants[change.newItemId!];
    difference += variant.price - item.price;
    const changed = Object.entries(variant.options).filter(([k, v]) => item.options[k] !== v).map(([k, v]) => `${k}: ${item.options[k]} → ${v}`).join(', ');
    return `- ${item.name}: ${changed} (${money(ctx, item.price)} → ${money(ctx, variant.price)})`;
  }).join('\n');
  return { lines, difference: Math.round(difference * 100) / 100 };
}
