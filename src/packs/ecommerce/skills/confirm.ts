import type { SkillContext } from '../../../engine/pack.ts';

export function confirmationReplies(ctx: SkillContext<unknown>): Array<{ label: string; payload: string }> {
  const yes = ctx.text('quick.yes');
  const no = ctx.text('quick.no');
  return [{ label: yes, payload: yes }, { label: no, payload: no }];
}
