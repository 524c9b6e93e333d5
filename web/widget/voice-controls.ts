import type { Message } from '../shared/api-types.ts';
import { h, icon, icons } from './dom.ts';
import type { WidgetLocale, WidgetStrings } from './locales/strings.ts';
import { detectSpeech, finalTranscript, speechLanguage, spokenText, type Recognition } from './speech.ts';

export interface VoiceControls {
  /** Mic button for the composer, or null when the browser cannot recognise speech. */
  mic: HTMLElement | null;
  /** Spoken-replies toggle for the header, or null when the browser cannot speak. */
  speaker: HTMLElement | null;
  setLocale(locale: WidgetLocale, strings: WidgetStrings): void;
  /** A message arrived: spoken when replies are on and it came after the customer started talking to us. */
  heard(message: Message): void;
  /** The customer sent a message; replies after `seq` are live ones. */
  sent(seq: number): void;
}

/**
 * Optional voice for the widget (Web Speech API, all in the browser): a mic button that fills and sends the composer
 * from speech, and a toggle that reads bot and agent replies aloud. Both are feature-detected and simply absent where
 * unsupported; starting the mic cancels speech so the customer can interrupt.
 */
export function createVoiceControls(options: { scope: object; storage?: Storage; locale: WidgetLocale; strings: WidgetStrings; onTranscript(text: string, final: boolean): void }): VoiceControls {
  const support = detectSpeech(options.scope);
  let { locale, strings } = options;
  let recognition: Recognition | null = null;
  let speaking = options.storage?.getItem('lingxi:speak') === '1';
  // Replies up to this seq are history (a reload replays them): never read those aloud.
  let speakAfter = Number.POSITIVE_INFINITY;
  let latestSeq = 0;

  const mic = support.recognition ? h('button', { type: 'button', class: 'lx-mic', 'aria-pressed': 'false', onclick: () => (recognition ? recognition.stop() : listen()) }, icon(icons.mic, 20)) : null;
  const speaker = support.synthesis ? h('button', { type: 'button', class: 'lx-head-button lx-speak', onclick: () => toggleSpeaking() }, icon(icons.speaker, 18)) : null;

  function listen() {
    support.synthesis?.cancel();
    const active = new support.recognition!();
    recognition = active;
    active.lang = speechLanguage(locale);
    active.interimResults = true;
    active.continuous = false;
    active.maxAlternatives = 1;
    active.onresult = (event) => {
      const { text, final } = finalTranscript(event);
      if (text) options.onTranscript(text, final);
    };
    active.onerror = (event) => mic?.setAttribute('title', `${strings.voiceError} (${event.error})`);
    active.onend = () => {
      recognition = null;
      render();
    };
    try {
      active.start();
    } catch {
      recognition = null;
    }
    render();
  }
  function toggleSpeaking() {
    speaking = !speaking;
    options.storage?.setItem('lingxi:speak', speaking ? '1' : '0');
    if (speaking) speakAfter = Math.min(speakAfter, latestSeq);
    else support.synthesis?.cancel();
    render();
  }
  function render() {
    mic?.setAttribute('aria-pressed', String(Boolean(recognition)));
    mic?.setAttribute('aria-label', recognition ? strings.voiceStop : strings.voiceInput);
    mic?.classList.toggle('lx-listening', Boolean(recognition));
    speaker?.setAttribute('aria-pressed', String(speaking));
    speaker?.setAttribute('aria-label', speaking ? strings.speakRepliesOff : strings.speakReplies);
    speaker?.setAttribute('title', speaking ? strings.speakRepliesOff : strings.speakReplies);
  }
  render();

  return {
    mic, speaker,
    setLocale(next, nextStrings) {
      locale = next;
      strings = nextStrings;
      render();
    },
    heard(message) {
      latestSeq = Math.max(latestSeq, message.seq);
      if (!speaking || !support.synthesis || message.seq <= speakAfter || (message.author !== 'bot' && message.author !== 'agent')) return;
      const text = spokenText(message.text);
      if (!text) return;
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = speechLanguage(locale);
      support.synthesis.speak(utterance);
    },
    sent(seq) {
      speakAfter = Math.min(speakAfter, seq);
    },
  };
}
