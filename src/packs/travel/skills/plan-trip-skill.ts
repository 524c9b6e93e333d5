import type { Skill, SkillContext } from '../../../engine/pack.ts';
import type { PlannedMeal, PlannedSight, Reason } from '../rules/plan-itinerary.ts';
import { readTripPreferences, readTripPreferencesFrom } from '../rules/trip-preferences.ts';
import { isCorrection } from '../../shared/corrections.ts';
import type { TravelDb } from '../store/types.ts';
import type { TripPlan } from '../tools/plan-trip.ts';
import { districtName, placesIn } from './place-names.ts';
import { ratingText } from './rating-text.ts';

type Context = SkillContext<TravelDb>;

/** One line saying why an item was chosen. */
function why(ctx: Context, reason: Reason, rating: number | null): string {
  return ctx.text(`why.${reason.code}`, { kind: reason.kind ? ctx.text(`kind.${reason.kind}`) : '', sight: reason.sight ?? '', count: reason.count ?? 0, rating: ratingText(ctx, rating) });
}

function sightLine(ctx: Context, slot: 'morning' | 'afternoon', sight: PlannedSight): string {
  const a = sight.attraction;
  return ctx.text(`plan.sight`, {
    slot: ctx.text(`slot.${slot}`), name: a.name, ticket: a.ticket ? ctx.text('plan.ticket', { price: a.ticket }) : ctx.text('plan.free'),
    metro: a.metro, why: why(ctx, sight.reason, a.rating),
  });
}

function mealLine(ctx: Context, slot: 'lunch' | 'evening', meal: PlannedMeal | null): string {
  if (!meal) return ctx.text('plan.no_meal', { slot: ctx.text(`slot.${slot}`) });
  const r = meal.restaurant;
  return ctx.text('plan.meal', { slot: ctx.text(`slot.${slot}`), name: r.name, price: r.price, dishes: r.dishes.join(ctx.locale === 'zh' ? '、' : ', '), why: why(ctx, meal.reason, r.rating) });
}

/** A bare number answering the question just asked ("3", "5000"), or a "no limit" answer (-1). */
function answer(text: string): number | null {
  if (/不限|无所谓|随便|没有预算|都行|no (limit|budget)|any ?budget|doesn'?t matter|flexible/i.test(text)) return -1;
  const bare = /^\s*(\d+)\s*(天|元|块|days?|yuan)?\s*$/i.exec(text);
  return bare ? Number(bare[1]) : null;
}

/** "再加环球影城", "加上颐和园", "add the Summer Palace": a sight the customer wants in the plan. */
const ADD_SIGHT = /(?:再加(?:上|个|一个)?|加上|加个|加一个|还想去|也想去|顺便去|\badd\b|\binclude\b|\balso (?:visit|see|go to)\b)\s*(?:the\s+)?([^，,。；;！!？?、]{2,24}?)(?=$|[，,。；;！!？?、]|\s(?:and|too|as well|please)\b|吧|呢|啊|了|和|与)/giu;

/** Sights asked for by name across the trip's messages: those in the database, and the words naming none. */
function requestedSights(ctx: Context, texts: string[]): { found: string[]; unknown: string[] } {
  const found: string[] = [];
  const unknown: string[] = [];
  for (const text of texts) {
    for (const match of text.matchAll(ADD_SIGHT)) {
      const words = match[1].trim();
      const names = placesIn(ctx.data, words).filter((name) => ctx.data.attractions.some((a) => a.name === name));
      if (names.length) found.push(...names.filter((name) => !found.includes(name)));
      else if (!unknown.includes(words)) unknown.push(words);
    }
  }
  return { found, unknown };
}

/**
 * The messages that describe this trip. After a plan was shown, "不对，是两个人" or "预算改成八千" changes that
 * trip: the earlier request is read first and the new message amends it, so nothing is asked again.
 */
function tripTexts(ctx: Context): string[] {
  const previous = ctx.memory.lastTripTexts as string[] | undefined;
  const amends = ctx.started && previous?.length && (isCorrection(ctx.turn.text) || readTripPreferences(ctx.turn.text).days === null);
  return amends ? [...previous, ...ctx.flowTexts()] : ctx.flowTexts();
}

/**
 * Itinerary planning: gathers days (asked), budget (asked once; "no limit" is fine), travellers, interests and sights
 * asked for by name (read when given, default one traveller and the best-rated sights), then shows the plan day by day with one
 * line of reasons per item, the hotel and the cost against the budget.
 */
export const planTripSkill: Skill<TravelDb> = {
  name: 'plan_trip',
  intents: ['plan_trip'],
  async run(ctx) {
    const prefs = readTripPreferencesFrom(tripTexts(ctx));
    const reply = answer(ctx.turn.text);
    if (ctx.awaiting === 'date' && reply !== null && reply > 0) ctx.slots.days = reply;
    if (ctx.awaiting === 'item' && reply !== null) ctx.slots.budget = reply > 0 ? reply : null;
    const days = prefs.days ?? (ctx.slots.days as number | undefined) ?? null;
    if (days === null) { ctx.ask('date', 'plan.ask_days'); return 'waiting'; }
    if (days > 7) { ctx.say('plan.too_long', { days }); return 'done'; }
    const budget = prefs.budget ?? (ctx.slots.budget as number | null | undefined);
    if (budget === undefined) {
      const none = ctx.text('quick.no_budget');
      ctx.ask('item', 'plan.ask_budget', { days }, { quickReplies: [{ label: none, payload: none }] });
      return 'waiting';
    }
    const travellers = prefs.travellers ?? 1;
    const sights = requestedSights(ctx, tripTexts(ctx));
    // A sight the data does not know is said so plainly rather than silently left out.
    for (const words of sights.unknown) ctx.say('plan.sight_unknown', { sight: words });
    const outcome = await ctx.call<TripPlan>('plan_trip', { days, budget, travellers, interests: prefs.interests, must_see: sights.found.slice(0, days) });
    if (!outcome.ok) { ctx.say('plan.failed', { error: outcome.error }); return 'done'; }
    const plan = outcome.result!;
    ctx.memory.lastTripTexts = tripTexts(ctx).slice(-6);
    const interests = prefs.interests.map((k) => ctx.text(`kind.${k}`)).join(ctx.locale === 'zh' ? '、' : ', ');
    ctx.say(budget === null ? 'plan.header_open' : 'plan.header', { days, travellers, budget, interests: interests || ctx.text('kind.any') });
    for (const day of plan.days) {
      const lines = [
        sightLine(ctx, 'morning', day.morning), mealLine(ctx, 'lunch', day.lunch),
        sightLine(ctx, 'afternoon', day.afternoon), mealLine(ctx, 'evening', day.evening),
      ];
      const rainy = plan.indoor_days.includes(day.day) ? ctx.text('plan.indoor_note') : '';
      ctx.say('plan.day', { day: day.day, district: districtName(day.district, ctx.locale), rainy, lines: lines.join('\n') });
    }
    if (plan.hotel) {
      const h = plan.hotel;
      ctx.say('plan.hotel', { name: h.hotel.name, type: ctx.text(`hotel_type.${h.hotel.type}`), price: h.hotel.price, nights: h.nights, rooms: h.rooms, metro: h.hotel.metro, why: why(ctx, h.reason, h.hotel.rating) });
    } else if (days > 1) {
      ctx.say('plan.no_hotel', { cap: plan.caps?.hotel ?? 0 });
    }
    ctx.say(plan.overBudget ? 'plan.over_budget' : plan.incomplete ? 'plan.cost_incomplete' : 'plan.cost', { tickets: plan.cost.tickets, meals: plan.cost.meals, hotel: plan.cost.hotel, total: plan.cost.total, budget });
    return 'done';
  },
};
