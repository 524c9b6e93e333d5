import { cityById, type City } from './cities.ts';

export type Service = 'standard' | 'express';
export type Zone = 1 | 2 | 3 | 4 | 5;

/**
 * Tariff of the demo carrier, CNY. A parcel pays the first-kilogram price of its zone, then every started
 * additional kilogram at the zone's rate; from 20 kg the additional rate drops to the heavy tier.
 * Chargeable weight = max(actual, volumetric) where volumetric = L×W×H (cm) / 6000, rounded up to 0.5 kg.
 */
export const TARIFF: Record<Service, Record<Zone, { first: number; additional: number; heavy: number; days: string; promiseDays: number }>> = {
  standard: {
    1: { first: 8, additional: 2, heavy: 1.5, days: '1', promiseDays: 1 },
    2: { first: 10, additional: 3, heavy: 2, days: '1–2', promiseDays: 2 },
    3: { first: 12, additional: 4, heavy: 3, days: '2–3', promiseDays: 3 },
    4: { first: 15, additional: 6, heavy: 4.5, days: '3–4', promiseDays: 4 },
    5: { first: 22, additional: 12, heavy: 10, days: '5–7', promiseDays: 7 },
  },
  express: {
    1: { first: 13, additional: 3, heavy: 2.5, days: '0–1', promiseDays: 1 },
    2: { first: 18, additional: 5, heavy: 4, days: '1', promiseDays: 1 },
    3: { first: 22, additional: 8, heavy: 6, days: '1–2', promiseDays: 2 },
    4: { first: 26, additional: 12, heavy: 9, days: '2', promiseDays: 2 },
    5: { first: 38, additional: 20, heavy: 16, days: '3–4', promiseDays: 4 },
  },
};

export const HEAVY_FROM_KG = 20;
export const MAX_WEIGHT_KG = 60;

/** Zone of a route: 1 same city, 2 same province, 3 same region, 4 across regions, 5 to or from a remote area. */
export function zoneOf(from: City, to: City): Zone {
  if (from.remote || to.remote) return 5;
  if (from.id === to.id) return 1;
  if (from.province === to.province) return 2;
  if (from.region === to.region) return 3;
  return 4;
}

export interface Quote {
  from: string;
  to: string;
  service: Service;
  zone: Zone;
  chargeable_kg: number;
  first: number;
  additional_kg: number;
  additional_rate: number;
  heavy_kg: number;
  heavy_rate: number;
  total: number;
  days: string;
}

/** Rounds weights up to the next half kilogram, the carrier's billing step. */
export function billableWeight(actualKg: number, dimensionsCm?: [number, number, number]): number {
  const volumetric = dimensionsCm ? (dimensionsCm[0] * dimensionsCm[1] * dimensionsCm[2]) / 6000 : 0;
  return Math.max(0.5, Math.ceil(Math.max(actualKg, volumetric) * 2) / 2);
}

/**
 * Price of sending a parcel, with every part of the sum so it can be explained to the customer.
 * @example quotePrice({ from: 'shanghai', to: 'chengdu', weightKg: 3.2, service: 'standard' }) // zone 4: 15 + 3 × 6 = 33
 */
export function quotePrice(input: { from: string; to: string; weightKg: number; service: Service; dimensionsCm?: [number, number, number] }): Quote {
  const from = cityById(input.from);
  const to = cityById(input.to);
  if (!from || !to) throw new RangeError(`unknown city: ${!from ? input.from : input.to}`);
  if (!(input.weightKg > 0) || input.weightKg > MAX_WEIGHT_KG) throw new RangeError(`weight must be between 0 and ${MAX_WEIGHT_KG} kg`);
  const zone = zoneOf(from, to);
  const rates = TARIFF[input.service][zone];
  const chargeable = billableWeight(input.weightKg, input.dimensionsCm);
  const extra = Math.max(0, Math.ceil(chargeable - 1));
  const heavyKg = Math.max(0, Math.ceil(chargeable) - HEAVY_FROM_KG);
  const additionalKg = extra - heavyKg;
  const total = Math.round((rates.first + additionalKg * rates.additional + heavyKg * rates.heavy) * 100) / 100;
  return { from: from.id, to: to.id, service: input.service, zone, chargeable_kg: chargeable, first: rates.first, additional_kg: additionalKg, additional_rate: rates.additional, heavy_kg: heavyKg, heavy_rate: rates.heavy, total, days: rates.days };
}
