import { LingxiError } from '../../engine/errors.ts';

/** Values a template may use: the tool's arguments plus `customer_id` and `conversation_id` of the turn. */
export type TemplateValues = Record<string, unknown>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z_]\w*)\s*\}\}$/;
const PATH_PLACEHOLDER = /\{([A-Za-z_]\w*)\}/g;

/**
 * Fills a JSON body template (issue 20 item 2). A string that is exactly `{{name}}` becomes the value itself with its
 * type (a number stays a number, a list a list; a missing value leaves the field out); `{{name}}` inside a longer
 * string is replaced by its text. Everything else is copied.
 *
 * @example renderBody({ id: '{{order_id}}', note: 'reason: {{reason}}' }, { order_id: '#1', reason: 'mistake' })
 *   // → { id: '#1', note: 'reason: mistake' }
 */
export function renderBody(template: unknown, values: TemplateValues): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE.exec(template);
    if (whole) return values[whole[1]];
    return template.replace(PLACEHOLDER, (_match, name: string) => text(values[name]));
  }
  if (Array.isArray(template)) return template.map((item) => renderBody(item, values)).filter((item) => item !== undefined);
  if (template && typeof template === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      const rendered = renderBody(value, values);
      if (rendered !== undefined) result[key] = rendered;
    }
    return result;
  }
  return template;
}

/**
 * A path template (`/orders/{order_id}/cancel`) with each `{name}` replaced by its URL-encoded value, so an argument
 * can never add path segments or a query (`#1/../admin` stays one segment). A missing value is an error.
 */
export function renderPath(template: string, values: TemplateValues): string {
  return template.replace(PATH_PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') throw new LingxiError('validation_failed', `The URL template needs "${name}", which the call does not have.`);
    return encodeURIComponent(text(value));
  });
}

/** Query parameters from templates; a parameter whose value comes out empty is left out. */
export function renderQuery(templates: Record<string, string>, values: TemplateValues): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, template] of Object.entries(templates)) {
    const value = renderBody(template, values);
    if (value === undefined || value === null || value === '') continue;
    query.set(name, text(value));
  }
  return query;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}
