import { readFile } from 'node:fs/promises';
import { createSampleTrafficProvider } from '../providers/traffic-provider.ts';
import { createSampleWeatherProvider } from '../providers/weather-provider.ts';
import type { Attraction, Hotel, Restaurant, TravelDb } from './types.ts';

let raw: Promise<{ attractions: Attraction[]; hotels: Hotel[]; restaurants: Restaurant[] }> | undefined;

async function readBundled() {
  const read = async (file: string) => JSON.parse(await readFile(new URL(`../data/crosswoz/${file}.json`, import.meta.url), 'utf8'));
  const [attractions, hotels, restaurants] = await Promise.all([read('attractions'), read('hotels'), read('restaurants')]);
  return { attractions, hotels, restaurants };
}

/** The bundled Beijing database (read once, shared: the travel tools never change it) with the offline sample providers. */
export async function loadTravelData(): Promise<TravelDb> {
  raw ??= readBundled();
  const { attractions, hotels, restaurants } = await raw;
  return { currency: 'CNY', attractions, hotels, restaurants, weather: createSampleWeatherProvider(), traffic: createSampleTrafficProvider() };
}
