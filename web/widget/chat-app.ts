import type { Message, Owner } from '../shared/api-types.ts';
import { botPayload } from '../shared/api-types.ts';
import { h, icon, icons } from './dom.ts';
import { browserLocale, widgetStrings, type WidgetLocale, type WidgetStrings } from './locales/strings.ts';
import { renderCard, renderSources, renderText } from './render-rich.ts';
import { styles } from './styles.ts';
import { renderSurvey } from './survey.ts';
import { createTransport, type Hello, type Transport, type TransportEvent } from './transport.ts';
import { createVoiceControls } from './voice-controls.ts';

export interface WidgetOptions {
  server: string;
  tenantKey: string;
  customerId?: string;
  hmac?: string;
  locale?: WidgetLocale;
  transport?: 'websocket' | 'http';
  storage?: Storage;
}

export interface WidgetHandle {
  open(): void;
  close(): void;
  setLocale(locale: WidgetLocale): void;
  readonly transport: Transport | null;
}

const randomId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
const initial = (name: string) => [...name.trim()][0]?.toUpperCase() ?? '?';

/**
 * Mounts the chat widget into a shadow root: launcher, panel, message log, composer. Messages are keyed by seq, so a
 * message that arrives twice (resume after a reconnect, HTTP and socket both) is shown exactly once.
 */
export function mountWidget(shadow: ShadowRoot, options: WidgetOptions): WidgetHandle {
  const storage = options.storage ?? safeStorage();
  const storeKey = `lingxi:${options.tenantKey}`;
  let locale: WidgetLocale = options.locale ?? (storage?.getItem('lingxi:locale') as WidgetLocale | null) ?? browserLocale(navigator.languages ?? [navigator.language]);
  let strings: WidgetStrings = widgetStrings[locale];
  let customerId = options.customerId ?? storage?.getItem(`${storeKey}:customer`) ?? undefined;
  let resumeToken = storage?.getItem(`${storeKey}:resume`) ?? undefined;
  let conversationId: string | undefined;
  let owner: Owner = 'bot';
  let connection: 'connecting' | 'online' | 'offline' = 'connecting';
  let lastSeq = 0;
  let persona = '';
  let unread = 0;
  let open = false;
  let transport: Transport | null = null;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let customerTyping: ReturnType<typeof setTimeout> | undefined;
  let surveyShownFor = '';
  /** Highest seq reported read in this conversation, and the pending (debounced) report. */
  let readSeq = 0;
  let readTimer: ReturnType<typeof setTimeout> | undefined;
  /** The bot's reply while the model writes it: a provisional bubble, replaced by the stored message. */
  let draft: { row: HTMLElement; bubble: HTMLElement; text: string } | null = null;
  const rows = new Map<number, HTMLElement>();
  const messages = new Map<number, Message>();
  const pending = new Map<string, HTMLElement>();

  const style = document.createElement('style');
  style.textContent = styles;
  const badge = h('span', { class: 'lx-badge', hidden: true });
  const launcher = h('button', { type: 'button', class: 'lx-launcher', 'aria-expanded': 'false', 'aria-controls': 'lx-panel', onclick: () => (open ? hide() : show()) }, icon(icons.chat, 28), badge);
  const avatar = h('div', { class: 'lx-avatar', 'aria-hidden': 'true' });
  const title = h('div', { class: 'lx-head-title' });
  const status = h('div', { class: 'lx-status', role: 'status' });
  const languageButton = h('button', { type: 'button', class: 'lx-head-button', onclick: () => setLocale(locale === 'zh' ? 'en' : 'zh') });
  const closeButton = h('button', { type: 'button', class: 'lx-head-button', onclick: () => hide() }, icon(icons.close, 18));
  const banner = h('div', { class: 'lx-banner', role: 'status', hidden: true });
  const log = h('ol', { class: 'lx-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  const typing = h('div', { class: 'lx-typing', hidden: true, 'aria-live': 'polite' });
  const quick = h('div', { class: 'lx-quick', role: 'group' });
  const input = h('textarea', { class: 'lx-input', rows: 1, dir: 'auto', maxlength: 4000 }) as HTMLTextAreaElement;
  const sendButton = h('button', { type: 'submit', class: 'lx-send', disabled: true }, icon(icons.send, 20)) as HTMLButtonElement;
  const voice = createVoiceControls({ scope: window, storage, locale, strings, onTranscript: (text, final) => {
    input.value = text;
    input.dispatchEvent(new Event('input'));
    if (final) submit();
  } });
  const composer = h('form', { class: 'lx-composer', onsubmit: (event) => (event.preventDefault(), submit()) }, input, voice.mic, sendButton);
  const humanButton = h('button', { type: 'button', class: 'lx-human-button', onclick: () => say(strings.talkToPersonText) }, icon(icons.person, 14), h('span'));
  const powered = h('span');
  const panel = h('section', { class: 'lx-panel', id: 'lx-panel', role: 'dialog', hidden: true, onkeydown: (event) => (event as KeyboardEvent).key === 'Escape' && hide(true) },
    h('header', { class: 'lx-header' }, avatar, h('div', { class: 'lx-head-text' }, title, status), languageButton, voice.speaker, closeButton),
    banner, log, typing, quick, composer, h('div', { class: 'lx-footer' }, humanButton, powered));
  const root = h('div', { class: 'lx-root' }, panel, launcher);
  shadow.append(style, root);

  input.addEventListener('input', () => {
    sendButton.disabled = !input.value.trim();
    input.style.height = 'auto';
    input.style.height = `${Math.min(120, input.scrollHeight)}px`;
    if (!customerTyping) transport?.typing(true);
    clearTimeout(customerTyping);
    customerTyping = setTimeout(() => (transport?.typing(false), (customerTyping = undefined)), 3000);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });

  function hello(): Hello {
    return { tenantKey: options.tenantKey, customerId, hmac: options.hmac, conversationId, resumeToken, afterSeq: lastSeq, locale };
  }
  function connect() {
    transport = createTransport({ server: options.server, hello, emit: onEvent, prefer: options.transport });
    transport.start();
  }
  function onEvent(event: TransportEvent) {
    if (event.type === 'welcome') {
      conversationId = event.conversationId;
      if (!options.customerId && event.customerId !== customerId) storage?.setItem(`${storeKey}:customer`, event.customerId);
      customerId = event.customerId;
      if (event.resumeToken && event.resumeToken !== resumeToken) storage?.setItem(`${storeKey}:resume`, (resumeToken = event.resumeToken));
      setOwner(event.owner);
    } else if (event.type === 'message') addMessage(event.message);
    else if (event.type === 'owner') setOwner(event.owner);
    else if (event.type === 'typing') showTyping(event.on);
    else if (event.type === 'delta') showDelta(event.text, event.reset);
    else if (event.type === 'status') {
      connection = event.status;
      renderStatus();
    } else if (event.type === 'error' && event.clientId) {
      const row = pending.get(event.clientId);
      row?.classList.add('lx-failed');
      row?.setAttribute('title', `${strings.failed}: ${event.message}`);
      showTyping(false);
    }
  }

  function addMessage(message: Message) {
    if (messages.has(message.seq)) return;
    messages.set(message.seq, message);
    lastSeq = Math.max(lastSeq, message.seq);
    if (message.clientId && pending.has(message.clientId)) {
      pending.get(message.clientId)!.remove();
      pending.delete(message.clientId);
    }
    const row = renderMessage(message);
    rows.set(message.seq, row);
    const after = [...rows.keys()].filter((seq) => seq > message.seq).sort((a, b) => a - b)[0];
    const before = after !== undefined ? rows.get(after)! : (pending.values().next().value ?? log.querySelector('.lx-survey') ?? null);
    log.insertBefore(row, before);
    if (message.author === 'bot') dropDraft();
    if (message.author !== 'customer') {
      voice.heard(message);
      showTyping(false);
      if (!open) setUnread(unread + 1);
    }
    if (message.author === 'bot' && botPayload(message).persona) persona = botPayload(message).persona!;
    if (message.author === 'system' && owner === 'closed') maybeSurvey();
    renderQuickReplies();
    renderStatus();
    scrollDown();
    markRead();
  }

  /**
   * Read receipt for the proactive-message log: only while the panel is open and the page is visible (a message that
   * arrives in a background tab or a closed panel is not read), debounced, and only when the position moves forward.
   */
  function markRead() {
    if (!open || document.visibilityState !== 'visible' || lastSeq <= readSeq) return;
    clearTimeout(readTimer);
    readTimer = setTimeout(() => {
      if (!open || document.visibilityState !== 'visible' || lastSeq <= readSeq) return;
      readSeq = lastSeq;
      transport?.read(readSeq);
    }, 400);
  }

  function renderMessage(message: Message): HTMLElement {
    if (message.author === 'system') return h('li', { class: 'lx-system', 'data-seq': message.seq, dir: 'auto' }, message.text);
    const mine = message.author === 'customer';
    const payload = botPayload(message);
    const who = mine ? strings.you : message.author === 'agent' ? strings.agent : persona || payload.persona || strings.bot;
    const stack = h('div', { class: 'lx-stack' },
      mine ? null : h('span', { class: 'lx-name' }, who),
      h('div', { class: 'lx-bubble' }, renderText(message.text, message.author === 'bot')));
    if (message.author === 'bot') {
      for (const card of payload.cards ?? []) stack.append(renderCard(card, strings, locale, say));
      if (payload.sources?.length) stack.append(renderSources(payload.sources, strings));
    }
    return h('li', { class: `lx-row ${mine ? 'lx-mine' : 'lx-theirs'} lx-${message.author}`, 'data-seq': message.seq, 'data-author': message.author },
      mine ? null : h('span', { class: `lx-mini${message.author === 'agent' ? ' lx-human' : ''}`, 'aria-hidden': 'true' }, initial(who)),
      h('span', { class: 'lx-sr' }, `${who}: `), stack);
  }

  function renderQuickReplies() {
    const latest = [...messages.values()].sort((a, b) => b.seq - a.seq)[0];
    const replies = latest?.author === 'bot' ? (botPayload(latest).quickReplies ?? []) : [];
    quick.replaceChildren(...replies.map((reply) => h('button', { type: 'button', class: 'lx-chip', onclick: () => say(reply.payload) }, reply.label)));
  }

  function say(text: string) {
    if (!text.trim() || !transport) return;
    const clientId = randomId();
    const row = h('li', { class: 'lx-row lx-mine lx-customer lx-pending', 'data-client-id': clientId, onclick: () => row.classList.contains('lx-failed') && retry() },
      h('div', { class: 'lx-stack' }, h('div', { class: 'lx-bubble' }, renderText(text, false))));
    const retry = () => {
      row.classList.remove('lx-failed');
      transport?.send(clientId, text);
    };
    pending.set(clientId, row);
    log.append(row);
    quick.replaceChildren();
    if (owner === 'bot' || owner === 'closed') showTyping(true);
    voice.sent(lastSeq);
    transport.send(clientId, text);
    scrollDown();
  }
  function submit() {
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    input.style.height = 'auto';
    sendButton.disabled = true;
    clearTimeout(customerTyping);
    customerTyping = undefined;
    say(text);
  }

  function setOwner(next: Owner) {
    owner = next;
    if (owner === 'closed') maybeSurvey();
    renderStatus();
  }
  function maybeSurvey() {
    if (!conversationId || surveyShownFor === conversationId) return;
    surveyShownFor = conversationId;
    log.append(renderSurvey(strings, rate, restart));
    scrollDown();
  }
  async function rate(score: number, comment: string) {
    const started = await fetch(`${options.server}/v1/widget/conversations`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantKey: options.tenantKey, customerId, hmac: options.hmac, conversationId, resumeToken, locale }),
    }).then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))));
    const response = await fetch(`${options.server}/v1/widget/conversations/${conversationId}/rating`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${started.token}` },
      body: JSON.stringify({ score, ...(comment ? { comment } : {}) }),
    });
    if (!response.ok) throw new Error(String(response.status));
  }
  function restart() {
    transport?.stop();
    conversationId = undefined;
    lastSeq = readSeq = 0;
    clearTimeout(readTimer);
    owner = 'bot';
    messages.clear();
    rows.clear();
    pending.clear();
    log.replaceChildren();
    quick.replaceChildren();
    connect();
    input.focus();
  }

  /** Appends streamed text to the provisional bubble (plain text; hidden from screen readers, which read the final message). */
  function showDelta(text: string, reset: boolean) {
    if (reset) return dropDraft();
    if (!text) return;
    if (!draft) {
      const bubble = h('div', { class: 'lx-bubble', dir: 'auto' });
      const row = h('li', { class: 'lx-row lx-theirs lx-bot lx-draft', 'aria-hidden': 'true' },
        h('span', { class: 'lx-mini' }, initial(persona || strings.bot)), h('div', { class: 'lx-stack' }, bubble));
      draft = { row, bubble, text: '' };
      log.append(row);
    }
    draft.text += text;
    draft.bubble.textContent = draft.text;
    showTyping(false);
    scrollDown();
  }
  function dropDraft() {
    draft?.row.remove();
    draft = null;
  }

  function showTyping(on: boolean) {
    clearTimeout(typingTimer);
    typing.hidden = !on;
    if (on) typingTimer = setTimeout(() => (typing.hidden = true), 10_000);
  }
  function setUnread(count: number) {
    unread = count;
    badge.hidden = count === 0;
    badge.textContent = count > 99 ? '99+' : String(count);
    launcher.setAttribute('aria-label', count ? `${strings.open} · ${strings.unread(count)}` : strings.open);
  }

  function renderStatus() {
    const human = owner === 'human';
    const state = connection !== 'online' ? connection : owner === 'queued' ? 'queued' : human ? 'human' : owner === 'closed' ? 'closed' : 'online';
    const label = { connecting: strings.connecting, offline: strings.reconnecting, queued: strings.queued, human: strings.human, closed: strings.closed, online: strings.online }[state];
    status.replaceChildren(h('span', { class: 'lx-dot' }), h('span', {}, label));
    status.setAttribute('data-state', state);
    title.textContent = persona ? `${persona} · ${strings.title}` : strings.title;
    avatar.textContent = human ? '' : initial(persona || strings.bot);
    avatar.classList.toggle('lx-human', human);
    if (human) avatar.replaceChildren(icon(icons.person, 22));
    banner.hidden = !(human || owner === 'queued');
    banner.classList.toggle('lx-wait', owner === 'queued');
    banner.replaceChildren(icon(human ? icons.person : icons.chat, 16), h('span', {}, human ? strings.human : strings.queued));
    banner.setAttribute('data-owner', owner);
    root.setAttribute('data-owner', owner);
  }
  function renderStrings() {
    root.setAttribute('lang', locale === 'zh' ? 'zh-CN' : 'en');
    panel.setAttribute('aria-label', strings.title);
    closeButton.setAttribute('aria-label', strings.close);
    languageButton.textContent = strings.switchLanguage;
    languageButton.setAttribute('aria-label', strings.switchLanguageLabel);
    log.setAttribute('aria-label', strings.messages);
    quick.setAttribute('aria-label', strings.quickReplies);
    typing.replaceChildren(h('span', { class: 'lx-dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')), ` ${strings.typing}`);
    input.placeholder = strings.placeholder;
    input.setAttribute('aria-label', strings.inputLabel);
    sendButton.setAttribute('aria-label', strings.send);
    humanButton.querySelector('span')!.textContent = strings.talkToPerson;
    voice.setLocale(locale, strings);
    powered.textContent = strings.poweredBy;
    setUnread(unread);
    renderStatus();
  }
  function setLocale(next: WidgetLocale) {
    locale = next;
    strings = widgetStrings[next];
    storage?.setItem('lingxi:locale', next);
    renderStrings();
  }
  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }
  function show() {
    open = true;
    panel.hidden = false;
    root.classList.add('lx-open');
    launcher.setAttribute('aria-expanded', 'true');
    setUnread(0);
    if (!transport) connect();
    scrollDown();
    input.focus();
    markRead();
  }
  function hide(restoreFocus = false) {
    open = false;
    panel.hidden = true;
    root.classList.remove('lx-open');
    launcher.setAttribute('aria-expanded', 'false');
    if (restoreFocus) launcher.focus();
  }

  renderStrings();
  document.addEventListener('visibilitychange', markRead);
  // A returning visitor reconnects at once so that replies that came while away show as unread.
  if (customerId) connect();
  return { open: show, close: () => hide(), setLocale, get transport() { return transport; } };
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
