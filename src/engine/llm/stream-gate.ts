import { completeSentences } from './grounding.ts';

/** What a channel receives while the model writes: text to append, or "discard what you showed". */
export type StreamEvent = { type: 'delta'; text: string } | { type: 'reset' };

export interface StreamGate {
  /** Called with the accumulated text after every delta. */
  push(textSoFar: string): void;
  /** The final text passed the checks: release the rest. */
  finish(text: string): void;
  /** The text will not be the reply (tool call, guardrail, error): tell the channel to drop the preview. */
  reset(): void;
}

/**
 * Streams the model's text to the customer sentence by sentence, each sentence released only after the reply's
 * checks have passed on it (`blocks` returns true for a piece that must not be shown: an invented figure, a claim that
 * an action was done; it also sees the whole text so far, for checks over several sentences such as a system-prompt
 * echo) — so such text is never shown, even briefly.
 */
export function createStreamGate(blocks: (piece: string, textSoFar: string) => boolean, onStream?: (event: StreamEvent) => void): StreamGate {
  let released = 0;
  let blocked = false;
  const emit = (event: StreamEvent) => {
    try {
      onStream?.(event);
    } catch {
      // A failing listener (closed socket) must not break the turn; the final reply is still returned.
    }
  };
  return {
    push(textSoFar) {
      if (!onStream || blocked) return;
      const complete = completeSentences(textSoFar);
      if (complete.length <= released) return;
      const piece = complete.slice(released);
      if (blocks(piece, complete)) {
        blocked = true;
        return;
      }
      released = complete.length;
      emit({ type: 'delta', text: piece });
    },
    finish(text) {
      if (!onStream) return;
      if (text.length > released) emit({ type: 'delta', text: text.slice(released) });
      released = text.length;
    },
    reset() {
      if (onStream && released > 0) emit({ type: 'reset' });
      released = 0;
      blocked = false;
    },
  };
}
