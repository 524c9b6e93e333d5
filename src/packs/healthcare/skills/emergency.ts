import type { Skill, SkillStatus } from '../../../engine/pack.ts';
import { scoreDepartments, type TriageLexicon } from '../triage/score-departments.ts';
import type { HospitalDb } from '../store/types.ts';
import { stopForRedFlag } from './red-flag-guard.ts';

/**
 * Started by the `emergency` intent ("急诊在哪", "this is an emergency", or wording that looks like a red flag).
 * A red flag gets its own emergency message. Without one — "没有胸痛，就是嗓子疼" is negated — symptoms go to
 * triage, and anything else gets the generic advice (call 120 / 911 if life-threatening, where the A&E is).
 */
export function createEmergencySkill(lexicon: TriageLexicon): Skill<HospitalDb> {
  return {
    name: 'emergency',
    intents: ['emergency'],
    async run(ctx): Promise<SkillStatus> {
      if (stopForRedFlag(ctx)) return 'done';
      if (scoreDepartments(lexicon, ctx.turn.text).length) { ctx.enqueue('triage', ctx.turn.text); return 'done'; }
      const call = ctx.text('quick.call_emergency');
      ctx.say('emergency.generic', {}, { quickReplies: [{ label: call, payload: call }] });
      return 'done';
    },
  };
}
