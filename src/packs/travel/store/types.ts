import type { TrafficProvider } from '../providers/traffic-provider.ts';
import type { WeatherProvider } from '../providers/weather-provider.ts';

/** Interest tags of attractions (see data/crosswoz/README.md). */
export type Interest = 'museum' | 'history' | 'nature' | 'show' | 'shopping' | 'family' | 'sightseeing';
export const INTERESTS: Interest[] = ['museum', 'history', 'nature', 'show', 'shopping', 'family', 'sightseeing'];

/** A CrossWOZ attraction, trimmed. `ticket` in yuan per person (0 = free); `rating` null when CrossWOZ has none. */
export interface Attraction {
  name: string;
  district: string;
  metro: string;
  ticket: number;
  duration: string;
  rating: number | null;
  /** How often CrossWOZ's neighbour lists name this sight: a popularity signal (see data/crosswoz/README.md). */
  mentions: number;
  kinds: Interest[];
  nearby_restaurants: string[];
}

/** A CrossWOZ hotel, trimmed. `price` in yuan per room-night; null when CrossWOZ has none. */
export interface Hotel {
  name: string;
  type: string;
  district: string;
  metro: string;
  price: number | null;
  rating: number | null;
  nearby_attractions: string[];
}

/** A CrossWOZ restaurant, trimmed. `price` = average spend per person in yuan. */
export interface Restaurant {
  name: string;
  district: string;
  metro: string;
  hours: string;
  dishes: string[];
  price: number | null;
  rating: number | null;
}

/** The travel pack's backend: the Beijing database plus the weather and traffic providers. */
export interface TravelDb {
  currency: 'CNY';
  attractions: Attraction[];
  hotels: Hotel[];
  restaurants: Restaurant[];
  weather: WeatherProvider;
  traffic: TrafficProvider;
}
