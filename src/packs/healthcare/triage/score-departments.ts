import type { Locale, Localized } from '../../../engine/types.ts';
import { normalize } from '../../../engine/text/normalize.ts';

/** One department's entry in triage/lexicon.yaml. */
export interface TriageEntry {
  reason: Localized;
  /** Words worth 2 points. */
  strong: Localized<string[]>;
  /** Words worth 1 point. */
  words: Localized<string[]>;
  /** A matched priority department wins over symptom departments (children go to pediatrics). */
  priority?: boolean;
  /** Names patients use for the department itself ("心内科", "eye doctor"); not symptoms, not scored. */
  aliases?: string[];
}

export type TriageLexicon = Record<string, TriageEntry>;

export interface DepartmentScore {
  department: string;
  score: number;
  /** The words that earned the points, in the order of the text — shown to the patient as the reason. */
  matched: string[];
}

const LATIN = /^[a-z]/;

function find(text: string, word: string): number {
  const lower = word.toLowerCase();
  if (!LATIN.test(lower)) return text.indexOf(lower);
  // Latin words match from a word start ("ear" must not match "heart"); stems like "wheez" may run on.
  const match = new RegExp(`(^|[^a-z])${lower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(text);
  return match ? match.index + match[1].length : -1;
}

/**
 * Transparent symptom scoring for triage (分诊): every department scores the words of its lexicon found in the
 * text (strong words 2 points, others 1; a word inside a longer matched word does not count twice), best first.
 * Both languages' words are tried, so mixed messages work. Departments with no match are left out.
 *
 * @example scoreDepartments(lexicon, '咳嗽三天了，还有点发烧')[0] // { department: 'respiratory', score: 3, matched: ['咳嗽', '发烧'] }
 */
export function scoreDepartments(lexicon: TriageLexicon, text: string): DepartmentScore[] {
  const normalized = normalize(text);
  const scores: DepartmentScore[] = [];
  for (const [department, entry] of Object.entries(lexicon)) {
    const hits: Array<{ word: string; at: number; points: number }> = [];
    const candidates = [
      ...(['zh', 'en'] as Locale[]).flatMap((l) => entry.strong[l].map((word) => ({ word, points: 2 }))),
      ...(['zh', 'en'] as Locale[]).flatMap((l) => entry.words[l].map((word) => ({ word, points: 1 }))),
    ].sort((a, b) => b.word.length - a.word.length);
    for (const candidate of candidates) {
      const at = find(normalized, candidate.word);
      if (at < 0) continue;
      const end = at + candidate.word.length;
      if (hits.some((h) => at >= h.at && end <= h.at + h.word.length)) continue;
      hits.push({ ...candidate, at });
    }
    if (!hits.length) continue;
    scores.push({ department, score: hits.reduce((sum, h) => sum + h.points, 0), matched: hits.sort((a, b) => a.at - b.at).map((h) => h.word) });
  }
  const order = Object.keys(lexicon);
  const priority = (s: DepartmentScore) => (lexicon[s.department].priority ? 1 : 0);
  return scores.sort((a, b) => priority(b) - priority(a) || b.score - a.score || order.indexOf(a.department) - order.indexOf(b.department));
}
