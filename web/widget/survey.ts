import { h, icon, icons } from './dom.ts';
import type { WidgetStrings } from './locales/strings.ts';

/**
 * The satisfaction survey shown when a conversation is closed: five star buttons (each a labelled toggle for screen
 * readers, arrow keys move between them), an optional comment, then thanks and a way to start over.
 */
export function renderSurvey(strings: WidgetStrings, submit: (score: number, comment: string) => Promise<void>, restart: () => void): HTMLElement {
  let score = 0;
  const stars = [1, 2, 3, 4, 5].map((value) => h('button', {
    type: 'button', class: 'lx-star', 'aria-label': strings.surveyScore(value), 'aria-pressed': 'false', 'data-score': value,
    onclick: () => choose(value),
    onkeydown: (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === 'ArrowRight' || key === 'ArrowLeft') stars[Math.max(0, Math.min(4, value - 1 + (key === 'ArrowRight' ? 1 : -1)))].focus();
    },
  }, icon(icons.star, 28)));
  const comment = h('textarea', { 'aria-label': strings.surveyComment, placeholder: strings.surveyComment, maxlength: 1000 }) as HTMLTextAreaElement;
  const send = h('button', { type: 'submit', class: 'lx-primary', disabled: true }, strings.surveySubmit) as HTMLButtonElement;
  const again = () => h('button', { type: 'button', class: 'lx-primary', onclick: restart }, strings.newConversation);
  const form = h('form', {
    class: 'lx-survey', 'aria-label': strings.surveyTitle,
    onsubmit: (event) => {
      event.preventDefault();
      if (!score) return;
      send.disabled = true;
      submit(score, comment.value.trim()).then(
        () => form.replaceChildren(h('h3', { role: 'status' }, strings.surveyThanks), again()),
        () => (send.disabled = false),
      );
    },
  }, h('h3', {}, strings.surveyTitle), h('div', { class: 'lx-stars', role: 'group', 'aria-label': strings.surveyTitle }, ...stars), comment, send, h('div', {}, again()));
  function choose(value: number) {
    score = value;
    stars.forEach((star, index) => star.setAttribute('aria-pressed', String(index < value)));
    send.disabled = false;
  }
  return form;
}
