import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { stemmer } from 'stemmer';
import { normalize } from './normalize.ts';

/**
 * Tokens for retrieval and classification. Chinese runs are cut by jieba (words) and also split into
 * character bigrams, which survive jieba's mistakes on product names and typos; Latin runs become
 * Porter-stemmed words; digit runs stay whole.
 */
export interface Tokenizer {
  /** Words only (jieba words, stemmed English words, numbers), for display and BM25. */
  words(text: string): string[];
  /** Words plus Chinese character bigrams and unigrams: the sparse features used by the classifier and matcher. */
  features(text: string): string[];
  /** Words plus the dictionary words inside long words (专用发票 → 专用, 发票, 专用发票): jieba's search mode, for topics. */
  searchWords?(text: string): string[];
}

export interface TokenizerConfig {
  /** Extra dictionary words for jieba (product names, brand names), one per entry. */
  userWords?: string[];
  /** Drop very common function words from `words`. */
  dropStopwords?: boolean;
}

const SEGMENT = /(\p{Script=Han}+)|([a-z]+(?:'[a-z]+)?)|(\d+(?:\.\d+)?)/gu;

const ZH_STOP = new Set(['的', '了', '吗', '呢', '吧', '啊', '呀', '嘛', '么', '是', '我', '你', '在', '也', '就', '都', '和', '请', '一下', '这个', '那个', '请问', '您好', '你好', '哦', '嗯']);
const EN_STOP = new Set(['the', 'a', 'an', 'is', 'are', 'am', 'to', 'of', 'and', 'or', 'i', 'me', 'my', 'you', 'your', 'it', 'in', 'on', 'for', 'be', 'do', 'does', 'did', 'can', 'could', 'would', 'please', 'hi', 'hello', 'there', 'this', 'that', 'with', 'at', 'so', 'just', 'want', 'like', 'have', 'has', 'was', 'were', 'will', 'what', 'how']);

/** Texts whose tokens a tokenizer remembers (per kind of output): enough for one turn's repeats, never a corpus. */
const REMEMBERED_TEXTS = 32;
/** Longer texts are tokenised afresh each time (rare, and not worth keeping in memory). */
const REMEMBERED_LENGTH = 2_000;

let sharedJieba: Jieba | undefined;
function defaultJieba(): Jieba {
  sharedJieba ??= Jieba.withDict(dict);
  return sharedJieba;
}

/** Creates a tokenizer; all instances share jieba's dictionary (loading it takes ~300 ms). */
export function createTokenizer(config: TokenizerConfig = {}): Tokenizer {
  const jieba = config.userWords?.length ? Jieba.withDict(dict) : defaultJieba();
  if (config.userWords?.length) {
    const lines = config.userWords.filter((w) => w.trim() && !/\s/.test(w)).map((w) => `${w} 50000 n`);
    if (lines.length) jieba.loadDict(Buffer.from(lines.join('\n')));
  }
  const dropStop = config.dropStopwords ?? false;

  function scan(text: string, withCharGrams: boolean, search = false): string[] {
    const out: string[] = [];
    const norm = normalize(text);
    for (const match of norm.matchAll(SEGMENT)) {
      const [, han, latin, digits] = match;
      if (han) {
        for (const word of search ? jieba.cutForSearch(han, true) : jieba.cut(han, true)) {
          if (!word.trim()) continue;
          if (dropStop && ZH_STOP.has(word)) continue;
          out.push(word);
        }
        if (withCharGrams) {
          const chars = Array.from(han);
          for (let i = 0; i < chars.length; i++) {
            out.push(`c:${chars[i]}`);
            if (i + 1 < chars.length) out.push(`b:${chars[i]}${chars[i + 1]}`);
          }
        }
      } else if (latin) {
        if (dropStop && EN_STOP.has(latin)) continue;
        out.push(stemmer(latin));
      } else if (digits) {
        out.push(digits);
      }
    }
    return out;
  }

  // Within one turn the same text is tokenised several times (intent features, FAQ terms, FAQ matcher profile,
  // coverage): remember the last few results. Callers get a copy, so nothing they do to it can leak into the cache.
  const remembered = new Map<string, string[]>();
  function cached(kind: string, text: string, withCharGrams: boolean, search = false): string[] {
    if (text.length > REMEMBERED_LENGTH) return scan(text, withCharGrams, search);
    const key = `${kind}${text}`;
    let tokens = remembered.get(key);
    if (tokens === undefined) {
      tokens = scan(text, withCharGrams, search);
      if (remembered.size >= REMEMBERED_TEXTS) remembered.delete(remembered.keys().next().value!);
      remembered.set(key, tokens);
    }
    return tokens.slice();
  }

  return {
    words: (text) => cached('w', text, false),
    features: (text) => cached('f', text, true),
    searchWords: (text) => cached('s', text, false, true),
  };
}
