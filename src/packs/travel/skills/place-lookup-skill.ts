import type { Skill, SkillContext } from '../../../engine/pack.ts';
import { readTripPreferences } from '../rules/trip-preferences.ts';
import type { TravelDb } from '../store/types.ts';
import type { Place } from '../tools/find-places.ts';
import { districtIn, districtName, placeIn } from './place-names.ts';
import { ratingText } from './rating-text.ts';

type Context = SkillContext<TravelDb>;

function domainOf(text: string): Place['domain'] {
  if (/酒店|宾馆|旅馆|住宿|住哪|民宿|hotels?|stay|accommodation|room/i.test(text)) return 'hotel';
  if (/餐厅|饭店|餐馆|吃饭|好吃|美食|吃什么|小吃|烤鸭|restaurants?|\beat\b|food|dinner|lunch|duck/i.test(text)) return 'restaurant';
  return 'attraction';
}

function priceText(ctx: Context, per: 'night' | 'person', price: number | null): string {
  return price === null ? ctx.text('price.unknown') : ctx.text(`price.${per}`, { price });
}

function line(ctx: Context, place: Place, index: number): string {
  const base = { index, name: place.name, rating: ratingText(ctx, place.rating), metro: place.metro, district: districtName(place.district, ctx.locale) };
  if (place.domain === 'hotel') return ctx.text('lookup.hotel_line', { ...base, type: ctx.text(`hotel_type.${place.type}`), price: priceText(ctx, 'night', place.price) });
  if (place.domain === 'restaurant') return ctx.text('lookup.restaurant_line', { ...base, price: priceText(ctx, 'person', place.price), hours: place.hours, dishes: place.dishes.join(ctx.locale === 'zh' ? '、' : ', ') });
  return ctx.text('lookup.attraction_line', { ...base, ticket: place.ticket ? ctx.text('plan.ticket', { price: place.ticket }) : ctx.text('plan.free'), duration: place.duration });
}

/**
 * Attraction / hotel / restaurant lookup: a named place answers with its facts ("故宫门票多少钱"); "near X"
 * (landmark, metro station or district) and "under N yuan" list the best-rated matches ("a hotel near Wangfujing under 500").
 */
export const placeLookupSkill: Skill<TravelDb> = {
  name: 'place_lookup',
  intents: ['place_lookup'],
  run(ctx) {
    const text = ctx.turn.text;
    const domain = domainOf(text);
    const place = placeIn(ctx.data, text);
    const maxPrice = readTripPreferences(text).budget ?? undefined;
    // A place of another kind than asked for ("hotel near 故宫") is where to search, not what to describe.
    const named = place ? ctx.call<Place[]>('find_places', { domain, name: place, limit: 1 }) : null;
    if (named?.ok && named.result!.length && named.result![0].name === place && maxPrice === undefined) {
      ctx.say(`lookup.${domain}_detail`, { detail: line(ctx, named.result![0], 1) });
      return 'done';
    }
    const near = place ?? districtIn(text) ?? undefined;
    const outcome = ctx.call<Place[]>('find_places', { domain, near, max_price: maxPrice, limit: 3 });
    if (!outcome.ok) { ctx.say('action.failed', { error: outcome.error }); return 'done'; }
    const found = outcome.result!;
    const vars = { kind: ctx.text(`domain.${domain}`), near: near ?? '', price: maxPrice ?? '' };
    const where = near ? ctx.text('lookup.where_near', vars) : '';
    const under = maxPrice !== undefined ? ctx.text('lookup.where_under', vars) : '';
    if (!found.length) { ctx.say('lookup.none', { ...vars, where, under }); return 'done'; }
    ctx.say('lookup.list', { ...vars, where, under, lines: found.map((p, i) => line(ctx, p, i + 1)).join('\n') });
    return 'done';
  },
};
