import { normalize } from '../../text/normalize.ts';
import type { CatalogTerms } from '../types.ts';
import type { Candidate } from './candidate.ts';
import { candidate } from './candidate.ts';

type CatalogEntry = { kind: 'product'; id: string; name: string } | { kind: 'option'; key: string; value: string };

/** Matches catalogue terms in a message; built once per catalogue. */
export interface CatalogMatcher {
  /** `lower` is the lower-cased working text (see prepare-text.ts). */
  match(lower: string): Candidate[];
  /** Number of indexed term forms (names, synonyms and their plurals). */
  readonly size: number;
}

const SEPARATOR = /[\s\-_/]/;
const SPACE = 32;
const EDGE_STRIDE = 65_536;
const WORD_CHARACTER = /[a-z0-9]/;

function canonical(term: string): string {
  return normalize(term).replace(/[\s\-_/]+/g, ' ').trim();
}

/** Simple English plurals: keyboard → keyboards, box → boxes, battery → batteries. */
function variants(term: string): string[] {
  if (!/[a-z]$/.test(term)) return [term];
  const forms = [term, `${term}s`, `${term}es`];
  if (/[^aeiou]y$/.test(term)) forms.push(`${term.slice(0, -1)}ies`);
  return forms;
}

/**
 * Builds a matcher for product names and option values. Terms go into one character trie (edges in a single
 * numeric map, so 5,000 terms stay compact), and a message is walked once: at each word start (or Chinese
 * character) the trie is followed as far as the text allows, keeping the longest term that ends on a boundary.
 * Matching is case-insensitive on normalized text; English terms match whole words (with simple plurals),
 * Chinese terms as substrings.
 */
export function createCatalogMatcher(catalog: CatalogTerms | undefined): CatalogMatcher {
  const edges = new Map<number, number>();
  const terminals: Array<CatalogEntry | undefined> = [undefined];
  let size = 0;
  const add = (raw: unknown, entry: CatalogEntry) => {
    if (typeof raw !== 'string') return;
    const base = canonical(raw);
    if (base.length === 0 || (base.length === 1 && WORD_CHARACTER.test(base))) return;
    for (const term of variants(base)) {
      let node = 0;
      for (let index = 0; index < term.length; index += 1) {
        const key = node * EDGE_STRIDE + term.charCodeAt(index);
        let next = edges.get(key);
        if (next === undefined) {
          next = terminals.length;
          terminals.push(undefined);
          edges.set(key, next);
        }
        node = next;
      }
      // The first entry to claim a term keeps it (products are added before options).
      if (terminals[node] === undefined) {
        terminals[node] = entry;
        size += 1;
      }
    }
  };
  for (const product of catalog?.products ?? []) {
    const name = product.names?.[0] ?? product.id;
    for (const raw of product.names ?? []) add(raw, { kind: 'product', id: product.id, name });
  }
  for (const option of catalog?.options ?? []) {
    const entry: CatalogEntry = { kind: 'option', key: option.key, value: option.value };
    for (const raw of [option.value, ...(option.synonyms ?? [])]) add(raw, entry);
  }

  /** Longest term starting at `position` that ends on a word boundary. */
  const longestAt = (text: string, position: number): { end: number; entry: CatalogEntry } | undefined => {
    let node = 0;
    let cursor = position;
    let best: { end: number; entry: CatalogEntry } | undefined;
    while (cursor < text.length) {
      let code = text.charCodeAt(cursor);
      if (SEPARATOR.test(text[cursor])) {
        code = SPACE;
        while (cursor < text.length && SEPARATOR.test(text[cursor])) cursor += 1;
      } else {
        cursor += 1;
      }
      const next = edges.get(node * EDGE_STRIDE + code);
      if (next === undefined) break;
      node = next;
      const entry = terminals[node];
      if (entry && code !== SPACE) {
        const lastIsWord = WORD_CHARACTER.test(text[cursor - 1]);
        if (!lastIsWord || !WORD_CHARACTER.test(text[cursor] ?? '')) best = { end: cursor, entry };
      }
    }
    return best;
  };

  return {
    size,
    match(lower) {
      const found: Candidate[] = [];
      if (size === 0) return found;
      for (let position = 0; position < lower.length; position += 1) {
        const first = lower[position];
        if (SEPARATOR.test(first)) continue;
        if (WORD_CHARACTER.test(first) && position > 0 && WORD_CHARACTER.test(lower[position - 1])) continue;
        const best = longestAt(lower, position);
        if (!best) continue;
        const entry = best.entry;
        if (entry.kind === 'product') {
          found.push(candidate('product', entry.id, lower, position, best.end, { name: entry.name }));
        } else {
          found.push(candidate('option', `${entry.key}=${entry.value}`, lower, position, best.end, { key: entry.key, value: entry.value }));
        }
      }
      return found;
    },
  };
}
