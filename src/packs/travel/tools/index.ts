import { findPlaces } from './find-places.ts';
import { getTraffic } from './get-traffic.ts';
import { getWeather } from './get-weather.ts';
import { planTrip } from './plan-trip.ts';

/** Every tool of the travel pack, by name. All read-only: bookings are made by people (see the FAQ). */
export const travelTools = {
  plan_trip: planTrip,
  find_places: findPlaces,
  get_weather: getWeather,
  get_traffic: getTraffic,
} as const;
