import type { Skill } from '../../../engine/pack.ts';
import type { Localized } from '../../../engine/types.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import type { EcommerceDb } from '../store/types.ts';
import { confirmationReplies } from './confirm.ts';

export interface TroubleshootingGuide {
  id: string;
  products: string[];
  symptoms: Localized<string[]>;
  title: Localized;
  steps: Localized<string[]>;
  unresolved: Localized;
}

function bigrams(text: string): Set<string> {
  const t = normalize(text).replace(/[^\p{L}\p{N}]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / Math.min(a.size, b.size);
}

/**
 * Finds the guide for a described problem: product name mentioned (strong signal) plus similarity of the
 * description to the guide's symptom phrases (character bigrams work for both languages and survive typos).
 */
export function matchGuide(guides: TroubleshootingGuide[], text: string): { guide: TroubleshootingGuide; score: number } | null {
  const t = normalize(text);
  const grams = bigrams(text);
  let best: { guide: TroubleshootingGuide; score: number } | null = null;
  for (const guide of guides) {
    const productHit = guide.products.some((p) => t.includes(normalize(p)));
    const symptom = Math.max(0, ...[...guide.symptoms.zh, ...guide.symptoms.en].map((s) => overlap(bigrams(s), grams)));
    const score = (productHit ? 0.5 : 0) + symptom * 0.6;
    if (!best || score > best.score) best = { guide, score };
  }
  return best && best.score >= 0.45 ? best : null;
}

export function createTroubleshootSkill(guides: TroubleshootingGuide[]): Skill<EcommerceDb> {
  return {
    name: 'troubleshoot',
    intents: ['troubleshoot'],
    async run(ctx) {
      const stored = guides.find((g) => g.id === ctx.slots.guideId);
      if (stored && ctx.awaiting === 'confirmation') {
        if (ctx.isAffirm() || /解决了|好了|可以了|正常了|修好了|\b(fixed|works now|working now|it worked|resolved|solved)\b/.test(ctx.turn.normalized)) { ctx.say('troubleshoot.resolved'); return 'done'; }
        if (ctx.isDeny() || /没用|还是不行|不行|没解决|still|didn'?t work|not work|no luck/.test(ctx.turn.normalized)) {
          ctx.say('troubleshoot.unresolved', { advice: stored.unresolved[ctx.locale] });
          ctx.enqueue('book_repair', `${ctx.turn.text} ${stored.products[0] ?? ''}`);
          ctx.memory.repairProduct = String(ctx.slots.product ?? stored.products.find((p) => /\p{Script=Han}/u.test(p) === (ctx.locale === 'zh')) ?? stored.products[0]);
          return 'done';
        }
        ctx.ask('confirmation', 'troubleshoot.did_it_work', { steps: stored.steps[ctx.locale].map((step, i) => `${i + 1}. ${step}`).join('\n') }, { quickReplies: confirmationReplies(ctx) });
        return 'waiting';
      }
      const text = [ctx.slots.description, ctx.turn.text].filter(Boolean).join(' ');
      const match = matchGuide(guides, text);
      if (!match) {
        if (ctx.awaiting === 'product') { ctx.say('troubleshoot.no_guide'); ctx.enqueue('book_repair', text); return 'done'; }
        ctx.slots.description = text;
        ctx.ask('product', 'troubleshoot.ask_details');
        return 'waiting';
      }
      ctx.slots.guideId = match.guide.id;
      const steps = match.guide.steps[ctx.locale];
      ctx.say('troubleshoot.steps_intro', { title: match.guide.title[ctx.locale] }, { cards: [{ kind: 'steps', title: match.guide.title[ctx.locale], steps }] });
      ctx.ask('confirmation', 'troubleshoot.did_it_work', { steps: steps.map((s, i) => `${i + 1}. ${s}`).join('\n') }, { quickReplies: confirmationReplies(ctx) });
      return 'waiting';
    },
  };
}
