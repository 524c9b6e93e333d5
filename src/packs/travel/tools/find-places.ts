import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import type { Attraction, Hotel, Restaurant } from '../store/types.ts';
import type { TravelContext } from './travel-context.ts';

export type Place = ({ domain: 'attraction' } & Attraction) | ({ domain: 'hotel' } & Hotel) | ({ domain: 'restaurant' } & Restaurant);

/** Price of a place for filtering: ticket, room-night or average spend. */
export function priceOf(place: Place): number | null {
  return place.domain === 'attraction' ? place.ticket : place.price;
}

/**
 * Looks places up in the Beijing database: by (part of) the name, or near a landmark / metro station / district,
 * under a price. Exact name first, then best rated. "Near X": same metro station as X, X in the place's neighbour
 * lists, or the station / district named X.
 */
export const findPlaces = defineTool({
  name: 'find_places',
  description: 'Attractions, hotels or restaurants in Beijing by name, near a landmark or metro station, under a price.',
  input: z.object({
    domain: z.enum(['attraction', 'hotel', 'restaurant']),
    name: z.string().min(1).optional(),
    near: z.string().min(1).optional(),
    max_price: z.number().positive().optional(),
    limit: z.number().int().min(1).max(10).default(3),
  }),
  write: false,
  execute({ domain, name, near, max_price: maxPrice, limit }, context: TravelContext): Place[] {
    const { attractions, hotels, restaurants } = context.data;
    const all: Place[] = domain === 'attraction' ? attractions.map((a) => ({ domain, ...a }))
      : domain === 'hotel' ? hotels.map((h) => ({ domain, ...h })) : restaurants.map((r) => ({ domain, ...r }));
    let found = all;
    if (name) {
      const exact = all.filter((p) => p.name === name);
      found = exact.length ? exact : all.filter((p) => p.name.includes(name) || name.includes(p.name.replace(/[（(].*$/, '')));
    }
    if (near) {
      const landmark = attractions.find((a) => a.name === near);
      const stations = new Set([near, ...(landmark ? [landmark.metro] : [])]);
      found = found.filter((p) => stations.has(p.metro) || p.district === near || p.metro.includes(near)
        || (p.domain === 'hotel' && p.nearby_attractions.some((a) => a.includes(near)))
        || (landmark?.nearby_restaurants.includes(p.name) ?? false));
    }
    if (maxPrice !== undefined) found = found.filter((p) => { const price = priceOf(p); return price !== null && price <= maxPrice; });
    return [...found].sort((a, b) => Number(b.name === name) - Number(a.name === name) || (b.rating ?? 0) - (a.rating ?? 0) || a.name.localeCompare(b.name)).slice(0, limit);
  },
});
