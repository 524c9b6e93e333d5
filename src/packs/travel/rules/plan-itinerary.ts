import type { Attraction, Hotel, Interest, Restaurant } from '../store/types.ts';

export interface PlanRequest {
  days: number;
  /** Total budget in yuan for the whole party and trip; null = no limit. */
  budget: number | null;
  travellers: number;
  interests: Interest[];
  /** 1-based days on which the weather advises indoor sights (museums, shows). */
  indoorDays?: number[];
  /** Attractions the customer asked for by name ("再加环球影城"): each opens a day, whatever the ticket cap. */
  mustSee?: string[];
}

/** Why an item was chosen: a code the replies turn into one line per locale, with the facts behind it. */
export interface Reason {
  code: 'requested' | 'interest' | 'popular' | 'indoor' | 'same_metro' | 'same_district' | 'near_sight' | 'district_meal' | 'near_plan' | 'district_hotel' | 'best_value';
  kind?: Interest;
  sight?: string;
  count?: number;
}

export interface PlannedSight { attraction: Attraction; reason: Reason }
export interface PlannedMeal { restaurant: Restaurant; reason: Reason }

export interface PlanDay {
  day: number;
  district: string;
  morning: PlannedSight;
  lunch: PlannedMeal | null;
  afternoon: PlannedSight;
  /** Evening slot: dinner near the afternoon sight. */
  evening: PlannedMeal | null;
}

export interface Itinerary {
  days: PlanDay[];
  hotel: { hotel: Hotel; reason: Reason; nights: number; rooms: number } | null;
  /** The limits the budget implied (null without a budget). */
  caps: { ticket: number; meal: number; hotel: number } | null;
  cost: { tickets: number; meals: number; hotel: number; total: number };
  overBudget: boolean;
  /** A meal or the hotel could not be found within the caps: the cost leaves them out. */
  incomplete: boolean;
}

// Shares of the budget: hotel nights, meals, tickets (the rest is left for transport and extras).
const HOTEL_SHARE = 0.45;
const MEAL_SHARE = 0.25;
const TICKET_SHARE = 0.2;
const INDOOR: Interest[] = ['museum', 'show'];

const byScore = <T extends { name: string }>(score: (item: T) => number) => (a: T, b: T) => score(b) - score(a) || a.name.localeCompare(b.name);

/**
 * Plans a Beijing trip from the CrossWOZ database — pure and deterministic. Each day stays in one district: a
 * morning sight (best match for the interests, or best rated), an afternoon sight near it (same metro station first,
 * then the same district), lunch and dinner at restaurants CrossWOZ lists near those sights (or in the district)
 * within the meal cap, and one hotel within the nightly cap near the planned sights. Every item carries its reason.
 */
export function planItinerary(db: { attractions: Attraction[]; hotels: Hotel[]; restaurants: Restaurant[] }, request: PlanRequest): Itinerary {
  const { days, budget, interests } = request;
  const travellers = Math.max(1, request.travellers);
  const nights = Math.max(0, days - 1);
  const rooms = Math.ceil(travellers / 2);
  const caps = budget === null ? null : {
    ticket: Math.floor((budget * TICKET_SHARE) / (2 * days * travellers)),
    meal: Math.floor((budget * MEAL_SHARE) / (2 * days * travellers)),
    hotel: nights ? Math.floor((budget * HOTEL_SHARE) / (nights * rooms)) : 0,
  };
  const restaurantsByName = new Map(db.restaurants.map((r) => [r.name, r]));
  const used = new Set<string>();
  const usedMeals = new Set<string>();
  const indoorDays = new Set(request.indoorDays ?? []);

  const sightReason = (attraction: Attraction, indoor: boolean): Reason => {
    if (indoor && attraction.kinds.some((k) => INDOOR.includes(k))) return { code: 'indoor', kind: attraction.kinds.find((k) => INDOOR.includes(k)) };
    const kind = attraction.kinds.find((k) => interests.includes(k));
    return kind ? { code: 'interest', kind } : { code: 'popular' };
  };
  // Popularity (log of CrossWOZ mentions, 0–3) outweighs a 5.0 rating from a handful of reviews; a district already
  // visited on an earlier day counts a little less, so a longer trip sees more of the city.
  const maxMentions = Math.log1p(Math.max(1, ...db.attractions.map((a) => a.mentions)));
  const visited = new Set<string>();
  const sightScore = (indoor: boolean) => (a: Attraction) =>
    0.6 * (a.rating ?? 4) + (3 * Math.log1p(a.mentions)) / maxMentions + (a.kinds.some((k) => interests.includes(k)) ? 1 : 0)
    + (indoor && a.kinds.some((k) => INDOOR.includes(k)) ? 1.5 : 0) - (visited.has(a.district) ? 0.4 : 0);
  const affordable = (a: Attraction) => a.district !== '其他' && (caps === null || a.ticket <= caps.ticket);

  const meal = (sight: Attraction): PlannedMeal | null => {
    const fits = (r: Restaurant | undefined): r is Restaurant => !!r && r.price !== null && !usedMeals.has(r.name) && (caps === null || r.price <= caps.meal);
    const near = sight.nearby_restaurants.map((name) => restaurantsByName.get(name)).filter(fits).sort(byScore((r) => r.rating ?? 3.5))[0];
    const pick = near ?? db.restaurants.filter((r) => fits(r) && r.district === sight.district).sort(byScore((r) => r.rating ?? 3.5))[0];
    if (!pick) return null;
    usedMeals.add(pick.name);
    return { restaurant: pick, reason: near ? { code: 'near_sight', sight: sight.name } : { code: 'district_meal', sight: sight.name } };
  };

  const planned: PlanDay[] = [];
  for (let day = 1; day <= days; day++) {
    const indoor = indoorDays.has(day);
    const requested = db.attractions.find((a) => (request.mustSee ?? []).includes(a.name) && !used.has(a.name));
    const candidates = db.attractions.filter((a) => (affordable(a) || a === requested) && !used.has(a.name));
    const morning = requested ?? [...candidates].sort(byScore(sightScore(indoor)))
      .find((a) => candidates.some((b) => b !== a && b.district === a.district));
    if (!morning) break;
    used.add(morning.name);
    const partners = candidates.filter((b) => b !== morning && b.district === morning.district);
    const afternoon = [...partners].sort(byScore((b) => sightScore(indoor)(b) + (b.metro && b.metro === morning.metro ? 0.5 : 0)))[0]
      ?? [...candidates].filter((b) => b !== morning).sort(byScore(sightScore(indoor)))[0];
    if (!afternoon) break;
    used.add(afternoon.name);
    visited.add(morning.district);
    planned.push({
      day, district: morning.district,
      morning: { attraction: morning, reason: morning === requested ? { code: 'requested' } : sightReason(morning, indoor) },
      lunch: meal(morning),
      afternoon: { attraction: afternoon, reason: afternoon.metro && afternoon.metro === morning.metro ? { code: 'same_metro', sight: morning.name } : { code: 'same_district', sight: morning.name } },
      evening: meal(afternoon),
    });
  }

  let hotel: Itinerary['hotel'] = null;
  if (nights > 0) {
    const sights = new Set(planned.flatMap((d) => [d.morning.attraction.name, d.afternoon.attraction.name]));
    const districts = planned.map((d) => d.district);
    const main = districts.sort((a, b) => districts.filter((d) => d === b).length - districts.filter((d) => d === a).length)[0];
    const overlap = (h: Hotel) => h.nearby_attractions.filter((name) => sights.has(name)).length;
    const options = db.hotels.filter((h) => h.price !== null && (caps === null || h.price <= caps.hotel));
    const best = [...options].sort(byScore((h) => (h.rating ?? 3.5) + overlap(h) * 0.5 + (h.district === main ? 0.5 : 0)))[0];
    if (best) {
      const count = overlap(best);
      hotel = { hotel: best, nights, rooms, reason: count ? { code: 'near_plan', count } : best.district === main ? { code: 'district_hotel' } : { code: 'best_value' } };
    }
  }

  const tickets = planned.reduce((sum, d) => sum + d.morning.attraction.ticket + d.afternoon.attraction.ticket, 0) * travellers;
  const meals = planned.reduce((sum, d) => sum + (d.lunch?.restaurant.price ?? 0) + (d.evening?.restaurant.price ?? 0), 0) * travellers;
  const hotelCost = hotel ? (hotel.hotel.price ?? 0) * nights * rooms : 0;
  const total = tickets + meals + hotelCost;
  const incomplete = (nights > 0 && hotel === null) || planned.some((d) => d.lunch === null || d.evening === null);
  return { days: planned, hotel, caps, cost: { tickets, meals, hotel: hotelCost, total }, overBudget: budget !== null && total > budget, incomplete };
}
