import { parseWaybill, PREFIXED_WAYBILL } from '../rules/waybill.ts';
import type { Skill, SkillContext } from '../../../engine/pack.ts';
import { normalizeKeepCase } from '../../../engine/text/normalize.ts';
import { CHINESE_NUMERAL_CHARACTERS, parseNumeral } from '../../../engine/nlu/entities/chinese-numerals.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import { claimEligibility, compensationFor, missingEvidence, REQUIRED_EVIDENCE } from '../rules/compensation.ts';
import type { Claim, ClaimKind, Evidence, LogisticsDb, Shipment } from '../store/types.ts';
import { resolveWaybill } from './resolve-waybill.ts';
import { verifyParty } from './verify-party.ts';

const KIND_WORDS: Array<[ClaimKind, RegExp]> = [
  ['damaged', /破损|损坏|坏了|坏掉|摔坏|压坏|压扁|碎了|破了|划破|撕破|裂了|裂开|漏了|变形|damaged|broken|smashed|crushed|cracked|torn|dented|leak/i],
  ['lost', /丢失|丢了|遗失|丢件|找不到|不见了|\blost\b|missing|never arrived|never (came|turned up)/i],
  ['delayed', /延误|延迟|太慢|超时|迟到|晚了|晚到|迟了|比承诺|过了承诺|\blate\b|delay|overdue|after the (date|day|time)|promised/i],
];

const EVIDENCE_WORDS: Array<[Evidence, RegExp]> = [
  ['packaging_photos', /包装|外箱|箱子|packag|box/i],
  ['contents_photos', /内件|物品照片|商品照片|里面|实物|contents|item photo|photos? of the (item|goods)/i],
  ['receipt', /小票|发票|收据|购买记录|订单截图|付款记录|凭证|receipt|invoice|proof of (purchase|value)/i],
  ['chat_records', /聊天记录|聊天截图|沟通记录|chat|messages|conversation/i],
  ['waybill_photo', /面单|运单照片|label/i],
];

/** What went wrong, from the customer's words (traditional characters read like simplified ones). */
export function claimKindFrom(text: string): ClaimKind | null {
  const folded = normalizeKeepCase(text);
  return KIND_WORDS.find(([, pattern]) => pattern.test(folded))?.[0] ?? null;
}

/** Evidence the customer says they have; "都有 / all of them" means everything the claim needs. */
export function evidenceFrom(raw: string, kind: ClaimKind): Evidence[] {
  const text = normalizeKeepCase(raw);
  if (/都有|全都有|齐全|all of (them|it)|everything|i have all/i.test(text)) return [...REQUIRED_EVIDENCE[kind]];
  const found = new Set(EVIDENCE_WORDS.filter(([, pattern]) => pattern.test(text)).map(([item]) => item));
  // "外箱和衣服都拍了照片", "photos of the vase": a photo of something besides the box is a photo of the contents.
  for (const clause of text.split(/[，,。.;；!！?？]/)) {
    if (!/拍|照|photo|picture|pic\b/i.test(clause)) continue;
    const packaging = EVIDENCE_WORDS[0][1].test(clause);
    const other = EVIDENCE_WORDS.slice(2).some(([, pattern]) => pattern.test(clause));
    if (!other && (!packaging || /和|跟|与|及|还有|\band\b|both/i.test(clause))) found.add('contents_photos');
  }
  return EVIDENCE_WORDS.map(([item]) => item).filter((item) => found.has(item));
}

function valueFrom(ctx: SkillContext<LogisticsDb>): number | null {
  const amount = ctx.entities('amount')[0] ?? ctx.entities('number')[0];
  if (amount) return Number(amount.value);
  const digits = /(\d+(?:\.\d+)?)/.exec(ctx.turn.text.replace(/SF\d{12}|YT\d{13}|\d{12,15}/gi, ' '));
  return digits ? Number(digits[1]) : null;
}

const DECLARED_VALUE = /申报|保价|报的价|填的价|声明价值|\bdeclared\b|\binsured (value|amount)\b/iu;

/** Every prefixed waybill number a message names, in order, once each. */
function prefixedWaybills(text: string): string[] {
  return [...new Set([...text.matchAll(new RegExp(PREFIXED_WAYBILL.source, 'gi'))].map((match) => match[1].toUpperCase()))];
}

/**
 * A claim request naming several waybills becomes one claim per waybill: this flow keeps the first (the message without
 * the other numbers), and the same request is queued for each other waybill (without the rest), so details said once
 * ("都保了价，各两千，有发票") count for every claim.
 */
function splitByWaybill(ctx: SkillContext<LogisticsDb>): void {
  const text = ctx.turn.text;
  const waybills = prefixedWaybills(text);
  if (waybills.length < 2) return;
  const without = (keep: string) => waybills.filter((waybill) => waybill !== keep).reduce((rest, waybill) => rest.replace(new RegExp(waybill, 'gi'), ''), text);
  for (const waybill of waybills.slice(1)) ctx.enqueue('parcel_claim', without(waybill));
  ctx.focus(without(waybills[0]));
}

/** What is left of a message once the waybill, the phone digits and the request words are gone: its story. */
function storyOf(text: string): string {
  return text
    .replace(/SF\d{12}|YT\d{13}|\d{11,15}/gi, ' ')
    .replace(/(手机|电话)?(尾号|尾数|后四位|后4位)[是:：为]?\s*\d{4}|(phone|number)?\s*(ending|ends? (in|with)|last (4|four)( digits)?)( are| is)?:?\s*\d{4}/gi, ' ')
    .replace(/我要|申请|理赔|索赔|赔偿|帮我|please|i'?d like|i want|to (file|make) a claim|compensation/gi, ' ')
    .replace(/[\s,，。.!！?？、;；:：]+/g, ' ')
    .trim();
}

const HOLDING = /有|拍|照片|截图|留着|保留|保存|存着|都在|还在|齐|准备好|\b(have|got|took|kept|saved|photos?|pictures?|screenshots?)\b/i;
const NOT_HOLDING = /没有|没拍|没留|不在|丢了|\b(no|not|don'?t|haven'?t|lost)\b/i;

const VALUE_CUE = /值|价值|价格|买的|花了|买成|worth|value|paid|cost/i;

/** Stated value of the goods in a message: an amount next to a value word ("东西值三百块", "worth 300 yuan"). */
function statedValue(ctx: SkillContext<LogisticsDb>): number | null {
  const text = normalizeKeepCase(ctx.turn.text);
  if (!VALUE_CUE.test(text)) return null;
  const amount = ctx.entities('amount')[0];
  if (amount) return Number(amount.value);
  // "声明价值500", "worth 1200": a bare number right after the value word.
  const after = new RegExp(`(?:${VALUE_CUE.source})[^\\d${CHINESE_NUMERAL_CHARACTERS}]{0,6}(\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARACTERS}]+)`, 'i').exec(text);
  const value = after ? parseNumeral(after[1]) ?? Number(after[1]) : undefined;
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/**
 * "我的快递SF…丢了…东西值三百块，有购物小票和聊天记录": customers tell the whole story at once. What happened (a
 * message with more than the bare request), the value of the goods and the evidence they hold are taken from
 * the messages of this claim, so only what is still missing is asked. A damage claim without a stated value
 * uses the waybill's declared value as its ceiling: an assessor sets the amount anyway.
 */
const SAID_INSURED = /保了价|保过价|保价了|买了保价|有保价|\b(was|is|it's|i) insured\b|\binsured (it|the parcel|for)\b/iu;
const SAID_UNINSURED = /没保价|没有保价|未保价|不保价|\b(not|wasn'?t|isn'?t|never) insured\b|\buninsured\b/iu;

function takeVolunteeredDetails(ctx: SkillContext<LogisticsDb>, kind: ClaimKind, shipment: Shipment): void {
  const texts = ctx.flowTexts();
  if (!ctx.slots.description) {
    const story = texts.map(storyOf).join(' / ');
    if (story.replace(/[^\p{L}\p{N}]/gu, '').length >= (ctx.locale === 'zh' ? 12 : 40)) ctx.slots.description = texts.join(' / ').slice(0, 1_500);
  }
  if (kind !== 'delayed' && ctx.slots.value === undefined) {
    const value = statedValue(ctx);
    if (value !== null && value > 0) ctx.slots.value = value;
    else if (kind === 'damaged' && shipment.declared_value > 0 && ctx.slots.description && ctx.started) ctx.slots.value = shipment.declared_value;
    // "我保了价的" / "it was insured": the insured (declared) value is the value claimed.
    else if (shipment.insured && shipment.declared_value > 0 && texts.some((text) => SAID_INSURED.test(text) && !SAID_UNINSURED.test(text))) ctx.slots.value = shipment.declared_value;
  }
  if (kind !== 'delayed' && !ctx.slots.evidence) {
    // Only clauses that say they hold something count: "外箱压扁了" describes the damage, "外箱拍了照" is evidence.
    const held = texts.flatMap((text) => normalizeKeepCase(text).split(/[，,。.;；!！?？]/))
      .filter((clause) => HOLDING.test(clause) && !NOT_HOLDING.test(clause));
    const evidence = held.length ? evidenceFrom(held.join('，'), kind) : [];
    if (evidence.length) ctx.slots.evidence = evidence;
  }
}

const list = (ctx: SkillContext<unknown>, items: Evidence[]) => items.map((item) => ctx.text(`evidence.${item}`)).join(ctx.locale === 'zh' ? '、' : ', ');

/** "Rule applied" sentence for a decision (shown before confirming and on the receipt). */
function ruleText(ctx: SkillContext<LogisticsDb>, shipment: Shipment, kind: ClaimKind, value: number): string {
  const decision = compensationFor(shipment, kind, value, ctx.now());
  return ctx.text(`rule.${decision.rule}`, { value: decision.value, freight: decision.freight, amount: decision.amount, cap: decision.cap, hours: decision.hoursLate });
}

/**
 * Claims intake for a lost, damaged or late parcel: waybill, sender/recipient verification, eligibility by rule,
 * a description, the value of the goods, the evidence the customer has; then the compensation rule that applies,
 * confirmation, and the claim. Missing evidence is listed so the customer knows what to upload.
 */
export const parcelClaimSkill: Skill<LogisticsDb> = {
  name: 'parcel_claim',
  intents: ['file_claim'],
  writes: true,
  accepts: ['amount'],
  references: (text) => parseWaybill(text) !== null,
  // "yes, the declared value" / "按保价的来" answers "what is the goods' value?" — not a question about the waybill.
  answers: (understanding, step) => step === 'item' && DECLARED_VALUE.test(understanding.normalized),
  async run(ctx) {
    // "YT…和YT…都丢了…两个都帮我申请理赔": one claim per waybill, one after the other, each with what was said for both.
    if (ctx.started) splitByWaybill(ctx);
    ctx.slots.kind ??= claimKindFrom(ctx.flowTexts().join(' ')) ?? undefined;
    const shipment = resolveWaybill(ctx);
    if (shipment === 'waiting') return 'waiting';
    if (shipment === 'stop') return 'done';
    const verified = await verifyParty(ctx, shipment);
    if (verified === 'waiting') return 'waiting';
    if (verified === 'stop') return 'done';
    if (!ctx.slots.kind) {
      const kind = ctx.awaiting === 'option' ? claimKindFrom(ctx.turn.text) : null;
      if (!kind) {
        const options = (['lost', 'damaged', 'delayed'] as const).map((k) => ctx.text(`claim.kind_${k}`));
        ctx.ask('option', 'claim.ask_kind', {}, { quickReplies: options.map((label) => ({ label, payload: label })) });
        return 'waiting';
      }
      ctx.slots.kind = kind;
    }
    const kind = ctx.slots.kind as ClaimKind;
    const eligible = claimEligibility(shipment, kind, ctx.now());
    if (!eligible.ok) {
      ctx.say(`claim.refused_${eligible.reason}`, { waybill: shipment.waybill, kind: ctx.text(`claim.kind_${kind}`) });
      return 'done';
    }
    if (kind === 'delayed') ctx.slots.description ??= ctx.flowTexts().join(' / ').slice(0, 500);
    takeVolunteeredDetails(ctx, kind, shipment);
    if (!ctx.slots.description) {
      if (ctx.awaiting === 'reason' && ctx.turn.text.trim().length >= 2) {
        ctx.slots.description = ctx.turn.text.trim().slice(0, 1_500);
        // "一盒茶叶，价值 300 元": the value may come with the description.
        const stated = ctx.entities('amount')[0];
        if (stated && kind !== 'delayed') ctx.slots.value = Number(stated.value);
      } else { ctx.ask('reason', `claim.ask_description_${kind}`); return 'waiting'; }
    }
    if (kind !== 'delayed' && ctx.slots.value === undefined) {
      // A yes to "value? (declared ¥2000)" accepts the declared value offered.
      const value = ctx.awaiting === 'item' ? valueFrom(ctx) ?? (shipment.declared_value > 0 && (ctx.isAffirm() || DECLARED_VALUE.test(ctx.turn.normalized)) ? shipment.declared_value : null) : null;
      if (value === null) {
        ctx.ask('item', 'claim.ask_value', { declared: shipment.declared_value > 0 ? ctx.text('claim.declared_hint', { value: shipment.declared_value }) : '' });
        return 'waiting';
      }
      ctx.slots.value = value;
    }
    if (kind !== 'delayed' && !ctx.slots.evidence) {
      if (ctx.awaiting !== 'option' || !ctx.slots.evidenceAsked) {
        ctx.slots.evidenceAsked = true;
        ctx.ask('option', 'claim.ask_evidence', { needed: list(ctx, REQUIRED_EVIDENCE[kind]) });
        return 'waiting';
      }
      ctx.slots.evidence = evidenceFrom(ctx.turn.text, kind);
    }
    const value = Number(ctx.slots.value ?? 0);
    const evidence = (ctx.slots.evidence as Evidence[] | undefined) ?? [];
    const rule = ruleText(ctx, shipment, kind, value);
    return confirmAction(ctx, {
      key: 'claim.confirm', fingerprint: [shipment.waybill, kind, value, evidence],
      vars: { waybill: shipment.waybill, kind: ctx.text(`claim.kind_${kind}`), value, evidence: evidence.length ? list(ctx, evidence) : ctx.text('claim.no_evidence'), rule },
      execute: async () => {
        const result = await ctx.call<Claim>('file_claim', { waybill: shipment.waybill, kind, description: String(ctx.slots.description), claimed_value: value, evidence });
        if (!result.ok) { ctx.say('action.failed', { error: result.error }); return; }
        const claim = result.result!;
        const missing = missingEvidence(kind, evidence);
        ctx.say(claim.amount === null ? 'claim.done_assessment' : 'claim.done', { claim: claim.claim_id, amount: claim.amount, rule });
        if (missing.length) ctx.say('claim.missing_evidence', { missing: list(ctx, missing) });
      },
    });
  },
};
