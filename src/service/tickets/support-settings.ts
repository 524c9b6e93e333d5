import { z } from 'zod';
import type { BusinessHours, TenantSettings } from '../storage/store.ts';
import { createBusinessCalendar, type BusinessCalendar } from './business-hours.ts';
import { routingSettingsSchema } from './routing.ts';

export const TICKET_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:MM (24 h)');
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
const policySchema = z.object({
  /** Working minutes until someone must have answered. */
  firstResponseMinutes: z.number().int().min(1).max(100_000),
  /** Working minutes until the ticket must be solved. */
  resolutionMinutes: z.number().int().min(1).max(1_000_000),
});
export const ticketTypeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a ticket type is lower-case letters, digits and _ (e.g. complaint)');

/** SLA targets per priority, in working minutes of the tenant's calendar. */
export const DEFAULT_SLA: Record<TicketPriority, z.infer<typeof policySchema>> = {
  urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  high: { firstResponseMinutes: 120, resolutionMinutes: 1080 },
  normal: { firstResponseMinutes: 480, resolutionMinutes: 2700 },
  low: { firstResponseMinutes: 1440, resolutionMinutes: 5400 },
};

/** The ticket types a tenant starts with: what the bot files (complaint, callback, message, backend_failure) and what agents do. */
export const DEFAULT_TICKET_TYPES = ['complaint', 'repair', 'callback', 'message', 'claim', 'backend_failure', 'question'];

/**
 * Agent operations settings of a tenant (issue 21), `settings.support`: holidays and 调休 workdays beside the weekly
 * `businessHours`, SLA policies per priority, the ticket types, what a handoff does when the shop is closed or nobody is
 * online, and how long a queued conversation waits for a customer who left. Every field has a default.
 */
export const supportSettingsSchema = z.object({
  /** 'cn' = the published Chinese public holidays and 调休 workdays (china-holidays.ts). */
  holidayCalendar: z.enum(['cn', 'none']).default('cn'),
  holidays: z.array(dateSchema).max(400).default([]),
  workdays: z.array(dateSchema).max(100).default([]),
  /** Hours of a 调休 workday whose weekday is normally closed (default: the Monday hours). */
  workdayHours: z.tuple([hhmm, hhmm]).nullable().default(null),
  /** A handoff outside business hours: 'queue' = wait in the queue (the old behaviour), 'leave_message' = say so and open a ticket. */
  whenClosed: z.enum(['queue', 'leave_message']).default('queue'),
  /** A handoff in business hours with no agent online. */
  whenNobodyOnline: z.enum(['queue', 'leave_message']).default('queue'),
  sla: z.object({ urgent: policySchema, high: policySchema, normal: policySchema, low: policySchema }).default(DEFAULT_SLA),
  ticketTypes: z.array(ticketTypeSchema).min(1).max(50).default(DEFAULT_TICKET_TYPES),
  /** A queued conversation with no customer message for this long is closed and kept as a ticket; null = never. */
  queueTimeoutMinutes: z.number().int().min(5).max(10_080).nullable().default(null),
  /** Teams, rules and automatic assignment (routing.ts). */
  routing: routingSettingsSchema.default({ assign: 'manual', rules: [], requeueOfflineAfterSeconds: null }),
});

export type SupportSettings = z.infer<typeof supportSettingsSchema>;
export type SupportSettingsInput = z.input<typeof supportSettingsSchema>;

/** The tenant's support settings with defaults filled in (tenants created before issue 21 have none). */
export function supportSettings(settings: Pick<TenantSettings, 'support'>): SupportSettings {
  const parsed = supportSettingsSchema.safeParse(settings.support ?? {});
  return parsed.success ? parsed.data : supportSettingsSchema.parse({});
}

/** The tenant's working calendar: weekly business hours (none = always open) plus its holidays and 调休 days. */
export function tenantCalendar(settings: { businessHours: BusinessHours | null; support?: SupportSettingsInput }): BusinessCalendar {
  const support = supportSettings(settings);
  return createBusinessCalendar({
    timeZone: settings.businessHours?.timeZone ?? 'UTC', days: settings.businessHours?.days ?? null,
    holidays: support.holidays, workdays: support.workdays, workdayHours: support.workdayHours, holidayCalendar: support.holidayCalendar,
  });
}
