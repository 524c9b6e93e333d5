import type { SkillContext } from '../../../engine/pack.ts';
import type { Place } from '../tools/find-places.ts';

/** What the last answer showed, kept so "富驿那家…", "the second one", "那家几点关门" can point back at it. */
export interface ShownPlace {
  name: string;
  domain: Place['domain'];
}

const MEMORY_KEY = 'shownPlaces';

const ORDINALS: Array<[RegExp, (count: number) => number]> = [
  [/第\s*(一|1)\s*(个|家|间|处|条)?|\b(first|1st)\b/i, () => 0],
  [/第\s*(二|2)\s*(个|家|间|处|条)?|\b(second|2nd)\b/i, () => 1],
  [/第\s*(三|3)\s*(个|家|间|处|条)?|\b(third|3rd)\b/i, () => 2],
  [/最后(一)?(个|家|间|处)|\blast one\b|\bthe last\b/i, (count) => count - 1],
];

/** Words every name shares; a reference needs more than these ("那家酒店" names no hotel in particular). */
const GENERIC = /北京|酒店|饭店|宾馆|餐厅|餐馆|及服务公寓|公寓|国际|大厦|店|[（）()·\s]/g;
// "怎么去" / "how do I get there" with no place named points at the place in focus too.
const POINTING = /那家|这家|那个|这个|那里|那儿|这里|它|该店|(怎么|如何|咋)(去|走|过去)|\b(this|that) (one|place|hotel|restaurant|sight)\b|\bit\b|\bthere\b/i;

/** True when the message points at "that one" while several items were shown (the customer must say which). */
export function pointsAtOneOfSeveral(ctx: SkillContext<unknown>, text: string): ShownPlace[] | null {
  const shown = (ctx.memory[MEMORY_KEY] as ShownPlace[] | undefined) ?? [];
  return shown.length > 1 && POINTING.test(text) ? shown : null;
}

export function rememberShown(ctx: SkillContext<unknown>, places: Place[]): void {
  ctx.memory[MEMORY_KEY] = places.map((p) => ({ name: p.name, domain: p.domain }));
}

function longestSharedRun(text: string, core: string): number {
  let best = 0;
  for (let start = 0; start < core.length; start++) {
    for (let end = core.length; end - start > best; end--) {
      if (text.includes(core.slice(start, end))) { best = end - start; break; }
    }
  }
  return best;
}

/**
 * The item of the last shown list a follow-up is about: by ordinal ("第二家", "the second one"), by part of its
 * name ("富驿那家" → 富驿时尚酒店(北京中关村店)), or — when only one item was shown — by "那家 / it / there".
 * Null when the message points at nothing shown (or at two items equally).
 */
export function shownPlaceIn(ctx: SkillContext<unknown>, text: string): ShownPlace | null {
  const shown = (ctx.memory[MEMORY_KEY] as ShownPlace[] | undefined) ?? [];
  if (!shown.length) return null;
  for (const [pattern, index] of ORDINALS) if (pattern.test(text)) return shown[index(shown.length)] ?? null;
  const scored = shown.map((place) => ({ place, score: longestSharedRun(text, place.name.replace(GENERIC, '')) }))
    .sort((a, b) => b.score - a.score);
  if (scored[0].score >= 2 && (scored.length === 1 || scored[1].score < scored[0].score)) return scored[0].place;
  return shown.length === 1 && POINTING.test(text) ? shown[0] : null;
}
