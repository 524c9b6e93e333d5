import type { SkillContext } from '../../../engine/pack.ts';

/** "评分 4.7" / "rated 4.7", or "暂无评分" / "not rated yet" when CrossWOZ has no rating (as text: the renderer would print 4.70). */
export function ratingText(ctx: SkillContext<unknown>, rating: number | null): string {
  return rating === null ? ctx.text('rating.none') : ctx.text('rating.value', { value: String(rating) });
}
