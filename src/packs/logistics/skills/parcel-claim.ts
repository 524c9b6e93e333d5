import type { Skill, SkillContext } from '../../../engine/pack.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import { claimEligibility, compensationFor, missingEvidence, REQUIRED_EVIDENCE } from '../rules/compensation.ts';
import type { Claim, ClaimKind, Evidence, LogisticsDb, Shipment } from '../store/types.ts';
import { resolveWaybill } from './resolve-waybill.ts';
import { verifyParty } from './verify-party.ts';

const KIND_WORDS: Array<[ClaimKind, RegExp]> = [
  ['damaged', /破损|损坏|坏了|摔坏|压坏|碎了|破了|漏了|变形|damaged|broken|smashed|crushed|cracked|leak/i],
  ['lost', /丢失|丢了|遗失|丢件|找不到|不见了|\blost\b|missing|never arrived/i],
  ['delayed', /延误|延迟|太慢|超时|迟到|\blate\b|delay/i],
];

const EVIDENCE_WORDS: Array<[Evidence, RegExp]> = [
  ['packaging_photos', /包装|外箱|箱子|packag|box/i],
  ['contents_photos', /内件|物品照片|商品照片|里面|实物|contents|item photo|photos? of the (item|goods)/i],
  ['receipt', /小票|发票|收据|购买记录|订单截图|付款记录|凭证|receipt|invoice|proof of (purchase|value)/i],
  ['chat_records', /聊天记录|聊天截图|沟通记录|chat|messages|conversation/i],
  ['waybill_photo', /面单|运单照片|label/i],
];

export function claimKindFrom(text: string): ClaimKind | null {
  return KIND_WORDS.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}

/** Evidence the customer says they have; "都有 / all of them" means everything the claim needs. */
export function evidenceFrom(text: string, kind: ClaimKind): Evidence[] {
  if (/都有|全都有|齐全|all of (them|it)|everything|i have all/i.test(text)) return [...REQUIRED_EVIDENCE[kind]];
  return EVIDENCE_WORDS.filter(([, pattern]) => pattern.test(text)).map(([item]) => item);
}

function valueFrom(ctx: SkillContext<LogisticsDb>): number | null {
  const amount = ctx.entities('amount')[0] ?? ctx.entities('number')[0];
  if (amount) return Number(amount.value);
  const digits = /(\d+(?:\.\d+)?)/.exec(ctx.turn.text.replace(/SF\d{12}|YT\d{13}|\d{12,15}/gi, ' '));
  return digits ? Number(digits[1]) : null;
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
  run(ctx) {
    ctx.slots.kind ??= claimKindFrom(ctx.flowTexts().join(' ')) ?? undefined;
    const shipment = resolveWaybill(ctx);
    if (shipment === 'waiting') return 'waiting';
    if (shipment === 'stop') return 'done';
    const verified = verifyParty(ctx, shipment);
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
    if (!ctx.slots.description) {
      if (ctx.awaiting === 'reason' && ctx.turn.text.trim().length >= 2) {
        ctx.slots.description = ctx.turn.text.trim().slice(0, 1_500);
        // "一盒茶叶，价值 300 元": the value may come with the description.
        const stated = ctx.entities('amount')[0];
        if (stated && kind !== 'delayed') ctx.slots.value = Number(stated.value);
      } else { ctx.ask('reason', `claim.ask_description_${kind}`); return 'waiting'; }
    }
    if (kind !== 'delayed' && ctx.slots.value === undefined) {
      const value = ctx.awaiting === 'item' ? valueFrom(ctx) : null;
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
      execute: () => {
        const result = ctx.call<Claim>('file_claim', { waybill: shipment.waybill, kind, description: String(ctx.slots.description), claimed_value: value, evidence });
        if (!result.ok) { ctx.say('action.failed', { error: result.error }); return; }
        const claim = result.result!;
        const missing = missingEvidence(kind, evidence);
        ctx.say(claim.amount === null ? 'claim.done_assessment' : 'claim.done', { claim: claim.claim_id, amount: claim.amount, rule });
        if (missing.length) ctx.say('claim.missing_evidence', { missing: list(ctx, missing) });
      },
    });
  },
};
