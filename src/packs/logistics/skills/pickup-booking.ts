import type { Skill, SkillContext } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import { citiesInText } from '../rules/cities.ts';
import type { LogisticsDb, PickupBooking } from '../store/types.ts';
import { PICKUP_CALENDAR } from '../tools/pickup-calendar.ts';
import { weightFrom } from '../rules/weight.ts';
import { correctionStart } from '../../shared/corrections.ts';

/**
 * The pickup window a message names: "13:00-17:00", or a part of the day (上午 / afternoon / 晚上). When several
 * parts of the day are named, the first one counts ("the evening, nobody is home in the morning" → evening).
 */
export function windowFrom(text: string, times: Array<{ value: string; meta?: Record<string, unknown> }>): string | null {
  const t = normalize(text);
  const direct = PICKUP_CALENDAR.times.find((s) => t.includes(s));
  if (direct) return direct;
  const named = [/上午|早上|morning/, /下午|afternoon/, /晚上|傍晚|evening|tonight/]
    .map((pattern, index) => ({ index, at: t.search(pattern) }))
    .filter((part) => part.at >= 0)
    .sort((a, b) => a.at - b.at)[0];
  if (named) return PICKUP_CALENDAR.times[named.index];
  const part = String(times[0]?.meta?.partOfDay ?? '');
  const hour = times[0] ? Number(times[0].value.slice(0, 2)) : NaN;
  if (part === 'morning' || (hour >= 8 && hour < 12)) return PICKUP_CALENDAR.times[0];
  if (part === 'afternoon' || (hour >= 12 && hour < 18)) return PICKUP_CALENDAR.times[1];
  if (part === 'evening' || (hour >= 18 && hour < 21)) return PICKUP_CALENDAR.times[2];
  return null;
}

type Slot = { date: string; slot: string };

async function slots(ctx: SkillContext<LogisticsDb>, city: string, date?: string): Promise<Slot[]> {
  const outcome = await ctx.call<Slot[]>('list_pickup_slots', date ? { city, date } : { city });
  return outcome.ok ? outcome.result! : [];
}

const DESTINATION = /(?:寄到|寄往|送到|发到|发往|运到|到|去|往|\bto|\bgoing to|\bheading to|\bbound for|\bdeliver(?:ed)? to)\s*$/iu;

/** The first served city in a message that is not named as the destination. */
function originCity(text: string) {
  return citiesInText(text).find((city) => {
    const lower = text.toLowerCase();
    const at = Math.min(...[city.zh, city.en.toLowerCase()].map((name) => lower.indexOf(name.toLowerCase())).filter((index) => index >= 0));
    return Number.isFinite(at) && !DESTINATION.test(lower.slice(Math.max(0, at - 16), at).trimEnd() + ' ');
  });
}

/** Courier pickup: address (its city must be served), date and window from the shared calendar, phone, confirmation. */
export const pickupBookingSkill: Skill<LogisticsDb> = {
  name: 'pickup_booking',
  intents: ['book_pickup'],
  writes: true,
  accepts: ['address', 'date', 'time', 'phone'],
  async run(ctx) {
    const address = ctx.entities('address')[0];
    if (address) ctx.slots.address = address.value;
    else if (!ctx.slots.address && ctx.awaiting === 'address' && ctx.turn.text.trim().length >= 6) ctx.slots.address = ctx.turn.text.trim();
    const weight = weightFrom(ctx.turn.text);
    if (weight) ctx.slots.weight = weight;
    if (!ctx.slots.address) { ctx.ask('address', 'pickup.ask_address'); return 'waiting'; }
    // "100 Century Avenue, Pudong, Shanghai" may be read without its last part: the city said in the same message
    // counts, unless it is where the parcel goes ("寄到杭州", "going to Hangzhou").
    const city = citiesInText(String(ctx.slots.address))[0] ?? (address ? originCity(ctx.turn.text) : undefined);
    if (city && !citiesInText(String(ctx.slots.address)).length) ctx.slots.address = `${String(ctx.slots.address)}, ${ctx.locale === 'zh' ? city.zh : city.en}`;
    if (!city) {
      delete ctx.slots.address;
      ctx.ask('address', 'pickup.city_unsupported');
      return 'waiting';
    }
    const t = normalize(ctx.turn.text);
    const quick = /(\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}-\d{2}:\d{2})/.exec(t);
    if (quick) { ctx.slots.date = quick[1]; ctx.slots.slot = quick[2]; }
    // "明天下午…不对，改成晚上": only what follows the correction word counts.
    const from = correctionStart(ctx.turn.text);
    // Said before the correction word, a value still counts when the correction does not replace it
    // ("tomorrow afternoon… actually, make it the morning" keeps tomorrow).
    const dates = ctx.entities('date');
    const date = (dates.find((e) => e.start >= from) ?? dates[0])?.value;
    if (date && date !== ctx.slots.date) { ctx.slots.date = date; if (!quick) delete ctx.slots.slot; }
    const times = ctx.entities('time');
    const window = windowFrom(ctx.turn.text.slice(from), times.filter((e) => e.start >= from)) ?? (from > 0 ? windowFrom(ctx.turn.text, times) : null);
    if (window && !quick) ctx.slots.slot = window;

    const free = ctx.slots.date ? (await slots(ctx, city.id, String(ctx.slots.date))) : [];
    if (!ctx.slots.date || !free.length) {
      const all = await slots(ctx, city.id);
      const wanted = ctx.slots.date;
      delete ctx.slots.date;
      const labels = all.slice(0, 6).map((s) => `${s.date} ${s.slot}`);
      ctx.ask('date', wanted ? 'pickup.date_full' : 'pickup.ask_date', { date: wanted, list: labels.join('\n') }, {
        cards: [{ kind: 'slots', title: ctx.text('pickup.slots_title'), slots: all.map((s) => `${s.date} ${s.slot}`) }],
        quickReplies: labels.map((label) => ({ label, payload: label })),
      });
      return 'waiting';
    }
    if (!ctx.slots.slot || !free.some((s) => s.slot === ctx.slots.slot)) {
      const wanted = ctx.slots.slot;
      delete ctx.slots.slot;
      ctx.ask('time', wanted ? 'pickup.slot_full' : 'pickup.ask_slot', { date: ctx.slots.date, list: free.map((s) => s.slot).join(', ') }, {
        quickReplies: free.map((s) => ({ label: s.slot, payload: `${s.date} ${s.slot}` })),
      });
      return 'waiting';
    }
    const phone = ctx.entities('phone')[0]?.value;
    if (phone) ctx.slots.phone = phone;
    if (!ctx.slots.phone) { ctx.ask('phone', 'pickup.ask_phone'); return 'waiting'; }
    const booking = { city: city.id, address: String(ctx.slots.address), date: String(ctx.slots.date), slot: String(ctx.slots.slot), phone: String(ctx.slots.phone), ...(ctx.slots.weight ? { weight_kg: Number(ctx.slots.weight) } : {}) };
    return confirmAction(ctx, {
      key: 'pickup.confirm', vars: { ...booking, city: city[ctx.locale] }, fingerprint: booking,
      execute: async () => {
        const result = await ctx.call<PickupBooking>('book_pickup', booking);
        if (result.ok) ctx.say('pickup.done', { pickup: result.result!.pickup_id, date: booking.date, slot: booking.slot });
        else ctx.say('action.failed', { error: result.error });
      },
    });
  },
};
