import type { Skill, SkillContext } from '../../../engine/pack.ts';
import { normalizeKeepCase } from '../../../engine/text/normalize.ts';
import { readTripPreferences } from '../rules/trip-preferences.ts';
import type { TravelDb } from '../store/types.ts';
import type { Place } from '../tools/find-places.ts';
import { districtIn, districtName, placesIn } from './place-names.ts';
import { ratingText } from './rating-text.ts';
import { enqueueOtherQuestions } from './also-asked.ts';
import { pointsAtOneOfSeveral, rememberShown, shownPlaceIn } from './shown-places.ts';

type Context = SkillContext<TravelDb>;

/** The kind of place the words ask for, or null when they name none. */
function domainWord(text: string): Place['domain'] | null {
  if (/酒店|宾馆|旅馆|住宿|住哪|民宿|hotels?|stay|accommodation|room/i.test(text)) return 'hotel';
  if (/餐厅|饭店|餐馆|吃饭|好吃|美食|吃什么|小吃|烤鸭|restaurants?|\beat\b|food|dinner|lunch|duck/i.test(text)) return 'restaurant';
  if (/景点|好玩|玩的|逛|sights?|attractions?|things to (do|see)/i.test(text)) return 'attraction';
  return null;
}

/** Hotel grades a message asks for ("五星级", "豪华", "budget", "luxury"), as the database's types. */
function gradeIn(text: string): string[] | null {
  if (/五星|豪华|奢华|顶级|\b(luxury|five[- ]star|5[- ]star)\b/i.test(text)) return ['豪华型'];
  if (/四星|高档|\b(upscale|four[- ]star|4[- ]star)\b/i.test(text)) return ['高档型', '豪华型'];
  if (/经济型|快捷|青旅|\b(budget|cheap|economy)\b/i.test(text)) return ['经济型'];
  return null;
}

const NEAR = /附近|周边|周围|旁边|边上|一带|\b(near|nearby|around|close to|next to)\b/i;

function priceText(ctx: Context, per: 'night' | 'person', price: number | null): string {
  return price === null ? ctx.text('price.unknown') : ctx.text(`price.${per}`, { price });
}

function line(ctx: Context, place: Place, index: number): string {
  const base = { index, name: place.name, rating: ratingText(ctx, place.rating), metro: place.metro, district: districtName(place.district, ctx.locale) };
  if (place.domain === 'hotel') return ctx.text('lookup.hotel_line', { ...base, type: ctx.text(`hotel_type.${place.type}`), price: priceText(ctx, 'night', place.price) });
  if (place.domain === 'restaurant') return ctx.text('lookup.restaurant_line', { ...base, price: priceText(ctx, 'person', place.price), hours: place.hours, dishes: place.dishes.join(ctx.locale === 'zh' ? '、' : ', ') });
  return ctx.text('lookup.attraction_line', { ...base, ticket: place.ticket ? ctx.text('plan.ticket', { price: place.ticket }) : ctx.text('plan.free'), duration: place.duration });
}

/** The record of a place by its exact name, in whichever table holds it. */
async function recordOf(ctx: Context, name: string): Promise<Place | null> {
  const domain = ctx.data.attractions.some((p) => p.name === name) ? 'attraction'
    : ctx.data.hotels.some((p) => p.name === name) ? 'hotel'
      : ctx.data.restaurants.some((p) => p.name === name) ? 'restaurant' : null;
  if (!domain) return null;
  const outcome = await ctx.call<Place[]>('find_places', { domain, name, limit: 1 });
  return outcome.ok && outcome.result![0]?.name === name ? outcome.result![0] : null;
}

const ASKS_WAY = /(怎么|如何|咋)(去|走|过去|到)|坐(什么|几号线|哪条线)|\bget (there|to)\b|\bhow to get\b|\bwhich (metro|subway) (station|line)\b/i;

/**
 * Attraction / hotel / restaurant lookup. Named places answer with their facts — several in one message
 * ("海洋馆门票多少钱？欢乐谷呢？") each get theirs. "Near X" (landmark, metro station or district) and a price
 * ceiling ("一晚五百以内", "under 300") list the best-rated matches, the ceiling filtering, not only ranking.
 * What was shown is remembered, so a follow-up ("富驿那家离哪个地铁站近", "第二家几点关门", "多少钱") is answered about
 * that item. Traditional characters are read like simplified ones.
 */
export const placeLookupSkill: Skill<TravelDb> = {
  name: 'place_lookup',
  intents: ['place_lookup'],
  async run(ctx) {
    const text = normalizeKeepCase(ctx.turn.text);
    enqueueOtherQuestions(ctx, 'place_lookup');
    const wanted = domainWord(text);
    const maxPrice = readTripPreferences(text).budget ?? undefined;
    const named = placesIn(ctx.data, text);
    // "X 离哪个地铁站近" / "which metro station is X close to" asks about X, not for places near X.
    const asksStation = named.length > 0 && /地铁|哪个站|哪站|\b(metro|subway|station)\b/i.test(text);
    const near = NEAR.test(text) && !asksStation || maxPrice !== undefined;
    // Places to describe: named ones ("故宫门票多少钱"), else the shown item the follow-up points at.
    const described = !near ? (await Promise.all(named.map((name) => recordOf(ctx, name)))).filter((p): p is Place => p !== null && (!wanted || wanted === p.domain)) : [];
    if (!described.length && !near && !named.length) {
      const shown = shownPlaceIn(ctx, text);
      const record = shown ? (await recordOf(ctx, shown.name)) : null;
      if (record) described.push(record);
      const several = record ? null : pointsAtOneOfSeveral(ctx, text);
      if (several && ctx.awaiting !== 'option') {
        const lines = several.map((place, index) => `${index + 1}. ${place.name}`).join('\n');
        ctx.ask('option', 'lookup.which', { lines }, { quickReplies: several.map((place) => ({ label: place.name, payload: place.name })) });
        return 'waiting';
      }
    }
    if (described.length) {
      // "怎么去" / "how do I get there": the way there from the data (its metro station), or say the data has none.
      if (ASKS_WAY.test(text)) {
        for (const place of described) {
          const district = districtName(place.district, ctx.locale);
          ctx.say(place.metro ? 'lookup.directions' : 'lookup.directions_unknown', { name: place.name, metro: place.metro, district });
        }
        rememberShown(ctx, described);
        return 'done';
      }
      for (const place of described) ctx.say(`lookup.${place.domain}_detail`, { detail: line(ctx, place, 1).replace(/^1\.\s*/, '') });
      rememberShown(ctx, described);
      return 'done';
    }
    const anchor = named[0] ?? districtIn(text) ?? undefined;
    const domain = wanted ?? 'attraction';
    const grade = domain === 'hotel' ? gradeIn(text) : null;
    const outcome = await ctx.call<Place[]>('find_places', { domain, near: anchor, max_price: maxPrice, limit: grade ? 10 : 3 });
    if (!outcome.ok) { ctx.say('action.failed', { error: outcome.error }); return 'done'; }
    const found = outcome.result!.filter((p) => !grade || (p.domain === 'hotel' && grade.includes(p.type))).slice(0, 3);
    const vars = { kind: ctx.text(`domain.${domain}`), near: anchor ?? '', price: maxPrice ?? '' };
    const where = anchor ? ctx.text('lookup.where_near', vars) : '';
    const under = maxPrice !== undefined ? ctx.text('lookup.where_under', vars) : '';
    if (!found.length) { ctx.say('lookup.none', { ...vars, where, under }); return 'done'; }
    ctx.say('lookup.list', { ...vars, where, under, lines: found.map((p, i) => line(ctx, p, i + 1)).join('\n') });
    rememberShown(ctx, found);
    return 'done';
  },
};
