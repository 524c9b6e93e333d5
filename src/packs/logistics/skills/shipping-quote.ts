import type { Skill } from '../../../engine/pack.ts';
import { citiesInText } from '../rules/cities.ts';
import type { Quote } from '../rules/pricing.ts';
import type { LogisticsDb } from '../store/types.ts';
import { weightFrom } from '../rules/weight.ts';
import { correctedText, isCorrection } from '../../shared/corrections.ts';

/**
 * The price calculator in conversation: route (two served cities), weight and service, then the price with the
 * zone and the weight tiers that make it up — so the customer sees why, not only how much.
 */
export const shippingQuoteSkill: Skill<LogisticsDb> = {
  name: 'shipping_quote',
  intents: ['price_quote'],
  async run(ctx) {
    const all = ctx.flowTexts().join(' ');
    let cities = [...new Map(citiesInText(all).map((c) => [c.id, c])).values()];
    for (const text of ctx.flowTexts()) {
      const found = citiesInText(text);
      // "同城 / within Shanghai": one city named twice or a same-city cue.
      if (found.length === 1 && /同城|市内|within|same city/i.test(text)) cities.push(found[0]);
      // "寄到北京…不对，是广州": a city after a correction word replaces the destination.
      const corrected = isCorrection(text) ? citiesInText(correctedText(text)) : [];
      if (corrected.length === 1 && cities.length > 2) cities = [cities[0], corrected[0]];
    }
    // The latest weight wins: "5公斤…不对，8公斤".
    const weights = ctx.flowTexts().map((text) => weightFrom(correctedText(text)) ?? weightFrom(text)).filter((w): w is number => w !== null);
    const weight = weights.at(-1) ?? (ctx.awaiting === 'item' ? Number(/(\d+(?:\.\d+)?)/.exec(ctx.turn.text)?.[1] ?? NaN) : NaN);
    const express = /加急|特快|次日达|当日|express|overnight|next[- ]day/i.test(all);
    if (cities.length < 2) { ctx.ask('address', cities.length ? 'quote.ask_other_city' : 'quote.ask_route', { city: cities[0]?.[ctx.locale] }); return 'waiting'; }
    if (!(weight > 0)) { ctx.ask('item', 'quote.ask_weight'); return 'waiting'; }
    const [from, to] = cities;
    const outcome = await ctx.call<Quote>('quote_price', { from: from.id, to: to.id, weight_kg: weight, service: express ? 'express' : 'standard' });
    if (!outcome.ok) { ctx.say('quote.failed', { error: outcome.error }); return 'done'; }
    const q = outcome.result!;
    const parts = [ctx.text('quote.part_first', { first: q.first })];
    if (q.additional_kg) parts.push(ctx.text('quote.part_additional', { kg: q.additional_kg, rate: q.additional_rate }));
    if (q.heavy_kg) parts.push(ctx.text('quote.part_heavy', { kg: q.heavy_kg, rate: q.heavy_rate }));
    ctx.say('quote.result', {
      from: from[ctx.locale], to: to[ctx.locale], weight: String(weight), chargeable: String(q.chargeable_kg), zone: q.zone, zoneName: ctx.text(`zone.${q.zone}`),
      service: ctx.text(`service.${q.service}`), parts: parts.join(' + '), total: q.total, days: q.days,
    });
    return 'done';
  },
};
