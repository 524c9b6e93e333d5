/**
 * Longest-match lookup of short phrases at a position of a text, indexed by first character so that scanning a
 * message costs one map lookup per character instead of one comparison per phrase.
 */
export interface PhraseIndex {
  /** The longest phrase that starts at `index` in `text`, if any. */
  longestAt(text: string, index: number): string | undefined;
}

export function createPhraseIndex(phrases: Iterable<string>): PhraseIndex {
  const byFirst = new Map<string, string[]>();
  for (const phrase of phrases) {
    if (!phrase) continue;
    const list = byFirst.get(phrase[0]) ?? [];
    list.push(phrase);
    byFirst.set(phrase[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return {
    longestAt(text, index) {
      const candidates = byFirst.get(text[index]);
      if (!candidates) return undefined;
      for (const phrase of candidates) if (text.startsWith(phrase, index)) return phrase;
      return undefined;
    },
  };
}
