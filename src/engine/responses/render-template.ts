import type { Locale, Tone } from '../types.ts';
import type { Template, TemplateSet } from '../pack.ts';

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Picks the tone variant of a template (falling back to `neutral`) and fills `{name}` placeholders.
 * A missing variable renders as an empty string — never as "undefined" in front of a customer — and a
 * missing template key returns the key itself so the gap is visible in tests.
 *
 * @example renderTemplate(templates, 'zh', 'warm', 'order.cancelled', { order: '#W1' })
 */
export function renderTemplate(templates: TemplateSet, locale: Locale, tone: Tone, key: string, vars: Record<string, unknown> = {}): string {
  const template: Template | undefined = templates[locale]?.[key] ?? templates[locale === 'zh' ? 'en' : 'zh']?.[key];
  if (template === undefined) return key;
  const text = typeof template === 'string' ? template : template[tone] ?? template.neutral;
  return text.replace(PLACEHOLDER, (_, name: string) => formatValue(vars[name]));
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  return String(value);
}
