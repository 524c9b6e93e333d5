import { useMemo, useState, type KeyboardEvent } from 'react';
import { Button } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { cannedResponses } from './canned-responses.ts';

/**
 * Reply and internal-note composer. Typing `/` at the start opens the canned responses (filter by typing, arrows to
 * move, Enter or Tab to insert); suggested replies are shown as chips above the box.
 */
export function ReplyBox({ onReply, onNote, suggestions, disabled }: { onReply(text: string): Promise<void>; onNote(text: string): Promise<void>; suggestions: string[]; disabled?: boolean }) {
  const { t, locale } = useI18n();
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [active, setActive] = useState(0);
  const slash = mode === 'reply' && text.startsWith('/') ? text.slice(1).toLowerCase() : null;
  const matches = useMemo(() => slash === null ? [] : cannedResponses.filter((item) => item.shortcut.includes(slash) || item[locale].toLowerCase().includes(slash)), [slash, locale]);
  const submit = async () => {
    const value = text.trim();
    if (!value || busy) return;
    setBusy(true);
    try {
      await (mode === 'reply' ? onReply(value) : onNote(value));
      setText('');
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (matches.length && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      setActive((index) => (index + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if (matches.length && (event.key === 'Enter' || event.key === 'Tab')) {
      event.preventDefault();
      setText(matches[Math.min(active, matches.length - 1)][locale]);
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };
  return (
    <div className={`reply-box ${mode}`}>
      {suggestions.length && mode === 'reply' ? (
        <div className="suggestions" aria-label={t.suggested}><span className="muted small">{t.suggested}:</span>
          {suggestions.map((suggestion) => <button key={suggestion} className="chip" onClick={() => setText(suggestion)}>{suggestion}</button>)}
        </div>
      ) : null}
      {matches.length ? (
        <ul className="canned" role="listbox" aria-label={t.canned}>
          {matches.map((item, index) => <li key={item.shortcut} role="option" aria-selected={index === active} className={index === active ? 'active' : ''} onMouseDown={(event) => (event.preventDefault(), setText(item[locale]))}><code>/{item.shortcut}</code> {item[locale]}</li>)}
        </ul>
      ) : null}
      <div className="reply-tabs" role="tablist">
        <button role="tab" aria-selected={mode === 'reply'} className={mode === 'reply' ? 'active' : ''} onClick={() => setMode('reply')}>{t.reply}</button>
        <button role="tab" aria-selected={mode === 'note'} className={mode === 'note' ? 'active' : ''} onClick={() => setMode('note')}>{t.note}</button>
      </div>
      <div className="reply-row">
        <textarea aria-label={mode === 'reply' ? t.reply : t.note} placeholder={mode === 'reply' ? t.replyPlaceholder : t.notePlaceholder} value={text} rows={3} disabled={disabled}
          onChange={(event) => ((setText(event.target.value)), setActive(0))} onKeyDown={onKeyDown} />
        <Button variant="primary" disabled={busy || !text.trim() || disabled} onClick={() => void submit()}>{mode === 'reply' ? t.send : t.addNote}</Button>
      </div>
    </div>
  );
}
