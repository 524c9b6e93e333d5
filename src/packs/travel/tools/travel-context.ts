import { z } from 'zod';
import type { ToolContext } from '../../../engine/tools/define-tool.ts';
import type { TravelDb } from '../store/types.ts';

export type TravelContext = ToolContext<TravelDb>;

export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const DISTRICTS = ['东城', '西城', '朝阳', '海淀', '丰台', '石景山', '通州', '顺义', '昌平', '大兴', '房山', '门头沟', '怀柔', '平谷', '密云', '延庆'] as const;
export const districtSchema = z.enum(DISTRICTS).describe('A Beijing district, Chinese name without 区.');

/** The date `offset` days after an ISO date (UTC calendar arithmetic). */
export function addDays(date: string, offset: number): string {
  const day = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + offset);
  return day.toISOString().slice(0, 10);
}

/** The calendar date in Beijing (UTC+8, no daylight saving) of an ISO instant, whatever offset the clock uses. */
export function beijingDate(now: string): string {
  const instant = Date.parse(now);
  return Number.isNaN(instant) ? now.slice(0, 10) : new Date(instant + 8 * 3600_000).toISOString().slice(0, 10);
}
