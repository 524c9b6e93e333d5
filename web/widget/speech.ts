import type { WidgetLocale } from './locales/strings.ts';

/** The part of the Web Speech API recognition object the widget uses (not in TypeScript's DOM library yet). */
export interface Recognition {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  maxAlternatives: number;
  onresult: ((event: { resultIndex: number; results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }> }) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}
export type RecognitionConstructor = new () => Recognition;

/** The part of `speechSynthesis` the widget uses (declared here so that code without the DOM library can import this file). */
export interface Synthesis {
  speak(utterance: object): void;
  cancel(): void;
}

/** What the browser offers: speech-to-text (Chrome/Edge/Safari, prefixed in WebKit) and text-to-speech. */
export interface SpeechSupport {
  recognition: RecognitionConstructor | null;
  synthesis: Synthesis | null;
}

/**
 * Feature detection: `SpeechRecognition` or `webkitSpeechRecognition`, and `speechSynthesis` with
 * `SpeechSynthesisUtterance`. Anything missing is null, and the widget hides the matching control.
 */
export function detectSpeech(scope: object): SpeechSupport {
  const host = scope as Record<string, unknown>;
  const recognition = (host.SpeechRecognition ?? host.webkitSpeechRecognition) as RecognitionConstructor | undefined;
  const synthesis = host.speechSynthesis as Synthesis | undefined;
  return {
    recognition: typeof recognition === 'function' ? recognition : null,
    synthesis: synthesis && typeof synthesis.speak === 'function' && typeof host.SpeechSynthesisUtterance === 'function' ? synthesis : null,
  };
}

/** BCP 47 tag of the widget locale for recognition and synthesis. */
export const speechLanguage = (locale: WidgetLocale): 'zh-CN' | 'en-US' => (locale === 'zh' ? 'zh-CN' : 'en-US');

/** A reply as words to speak: link labels kept, URLs, Markdown marks and emoji dropped, lines joined with pauses. */
export function spokenText(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<?https?:\/\/[^\s>)]+>?/g, '')
    .replace(/[*_`~#>]+/g, '')
    .replace(/\p{Extended_Pictographic}\uFE0F?/gu, '')
    .split(/\n+/)
    .map((line) => line.replace(/^\s*[-+•]\s+/, '').trim())
    .filter(Boolean)
    .join('\n')
    .slice(0, 800);
}

/** Final transcript of a recognition result event (interim parts ignored), trimmed. */
export function finalTranscript(event: Parameters<NonNullable<Recognition['onresult']>>[0]): { text: string; final: boolean } {
  let text = '';
  let final = false;
  for (let index = event.resultIndex; index < event.results.length; index++) {
    const result = event.results[index];
    text += result[0]?.transcript ?? '';
    final ||= result.isFinal;
  }
  return { text: text.trim(), final };
}
