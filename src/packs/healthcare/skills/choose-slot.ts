import type { SkillContext } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import { correctedChoice } from '../../shared/corrections.ts';
import type { Doctor, HospitalDb } from '../store/types.ts';

type Free = Array<{ date: string; slot: string }>;

/** Slot key of the "date slot" labels last offered, for "第一个" / "the second one". */
const OFFERED = '__offeredSlots';
const ORDINAL = /第\s*([一二两三四五六1-6])\s*(个|项|条|种)?|^\s*([1-6])\s*[.。!！]?\s*$|\bthe (first|second|third|fourth|fifth|sixth)\b|\b(first|second|third) one\b|(最早|earliest|随便|都行|都可以|哪个都行|无所谓|看着(排|安排)|\bwhichever\b|\bany(?: one| of them| time| slot)? (?:is |will be )?(?:fine|ok|okay|good)\b|\b(?:doesn'?t|does not) matter\b)/u;
const ORDINALS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6 };

/**
 * The offered option a reply points at by position: "第一个", "2", "选第三个", "the first one", "最早的那个"; "都行" /
 * "whichever is fine" leaves the choice to us: the earliest.
 * Null when the message does not pick by position.
 */
export function pickOrdinal(normalized: string, offered: string[]): string | null {
  if (!offered.length) return null;
  const match = ORDINAL.exec(normalized);
  if (!match) return null;
  if (match[6]) return offered[0];
  const raw = match[1] ?? match[3] ?? match[4] ?? match[5];
  const position = /\d/.test(raw) ? Number(raw) : ORDINALS[raw];
  return offered[position - 1] ?? null;
}

/** Whether a message answers the slot question by position ("第一个"), for `Skill.answers`. */
export function picksOfferedSlot(normalized: string, step: string | null): boolean {
  return step === 'date' && ORDINAL.test(normalized);
}

/** The slot label the text points at: written out, or the slot containing a stated time, or morning/afternoon. */
function slotFromText(ctx: SkillContext<HospitalDb>, options: string[]): string | null {
  const t = normalize(ctx.turn.text);
  const direct = ctx.data.slots.find((s) => t.includes(s));
  if (direct) return direct;
  const time = ctx.entities('time')[0];
  const part = String(time?.meta?.partOfDay ?? '');
  const morning = part === 'morning' || /上午|早上|morning/.test(t);
  const afternoon = part === 'afternoon' || /下午|afternoon/.test(t);
  if (time && !morning && !afternoon) {
    const minutes = Number(time.value.slice(0, 2)) * 60 + Number(time.value.slice(3, 5));
    const within = ctx.data.slots.find((s) => {
      const [from, to] = s.split('-').map((x) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3, 5)));
      return minutes >= from && minutes < to;
    });
    if (within) return within;
  }
  const half = (s: string) => (Number(s.slice(0, 2)) < 12 ? 'morning' : 'afternoon');
  if (morning) return options.find((s) => half(s) === 'morning') ?? ctx.data.slots.find((s) => half(s) === 'morning') ?? null;
  if (afternoon) return options.find((s) => half(s) === 'afternoon') ?? ctx.data.slots.find((s) => half(s) === 'afternoon') ?? null;
  return null;
}

/**
 * The slot step shared by booking and rescheduling: reads a date and time from this message (a quick reply
 * "2026-11-23 08:30-10:00", "下周一上午", "Monday 3pm"), checks it against the doctor's free slots and asks
 * with the free slots listed until one fits. Returns the chosen slot, 'waiting' after asking, or 'done' when the
 * doctor has no free slot at all (said so).
 */
export async function chooseSlot(ctx: SkillContext<HospitalDb>, doctor: Doctor, ignoreAppointment?: string): Promise<{ date: string; slot: string } | 'waiting' | 'done'> {
  const list = async (date?: string): Promise<Free> => (await ctx.call<Free>('list_doctor_slots', { doctor_id: doctor.id, ...(date ? { date } : {}), ...(ignoreAppointment ? { ignore_appointment_id: ignoreAppointment } : {}) })).result ?? [];
  const offered = (ctx.slots[OFFERED] as string[] | undefined) ?? [];
  const picked = ctx.awaiting === 'date' ? pickOrdinal(ctx.turn.normalized, offered) : null;
  const quick = /(\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}-\d{2}:\d{2})/.exec(picked ?? ctx.turn.text);
  // "明天上午，哦不对，改成下周一" → the corrected date.
  const dates = ctx.entities('date').map((e) => ({ value: e.value, index: e.start }));
  const date = quick?.[1] ?? correctedChoice(ctx.turn.normalized, dates);
  if (date && date !== ctx.slots.date) { ctx.slots.date = date; delete ctx.slots.slot; }
  const onDate = ctx.slots.date ? await list(String(ctx.slots.date)) : [];
  const slot = quick?.[2] ?? slotFromText(ctx, onDate.map((o) => o.slot));
  if (slot) ctx.slots.slot = slot;
  const all = await list();
  const offer = (key: string, options: Free, vars: Record<string, unknown> = {}) => {
    const labels = options.slice(0, 6).map((o) => `${o.date} ${o.slot}`);
    ctx.slots[OFFERED] = labels;
    ctx.ask('date', key, { doctor: doctor.name[ctx.locale], list: labels.join('\n'), ...vars }, {
      quickReplies: labels.map((label) => ({ label, payload: label })),
      cards: [{ kind: 'slots', title: ctx.text('book.slots_title', { doctor: doctor.name[ctx.locale] }), slots: options.map((o) => `${o.date} ${o.slot}`) }],
    });
  };
  if (!all.length) { ctx.say('book.no_slots', { doctor: doctor.name[ctx.locale] }); return 'done'; }
  if (!ctx.slots.date) { offer('book.ask_slot', all); return 'waiting'; }
  if (!onDate.length) {
    const wanted = ctx.slots.date;
    delete ctx.slots.date; delete ctx.slots.slot;
    offer('book.date_unavailable', all, { date: wanted });
    return 'waiting';
  }
  if (!ctx.slots.slot || !onDate.some((o) => o.slot === ctx.slots.slot)) {
    const wanted = ctx.slots.slot;
    delete ctx.slots.slot;
    offer(wanted ? 'book.slot_unavailable' : 'book.ask_time', onDate, { date: ctx.slots.date, slot: wanted });
    return 'waiting';
  }
  return { date: String(ctx.slots.date), slot: String(ctx.slots.slot) };
}
