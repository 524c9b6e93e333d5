import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';
import type { Template } from '../../engine/pack.ts';
import type { Locale } from '../../engine/types.ts';

/**
 * Phone numbers a pack's replies quote (emergency services, crisis lines, the service hotline), per locale:
 * `knowledge/contacts.yaml` in the pack folder, which a tenant can override. Kept out of the reply templates so
 * that a Chinese hospital never tells its patients to dial a foreign number and no placeholder ("95xxx") reaches a
 * customer: a template names `{contact.ambulance}` and loading fails if the pack does not configure it.
 */
export const contactsSchema = z.object({
  zh: z.record(z.string(), z.string().min(1)).default({}),
  en: z.record(z.string(), z.string().min(1)).default({}),
});
export type ContactNumbers = z.infer<typeof contactsSchema>;

const CONTACT = /\{contact\.(\w+)\}/g;
/** Digits written as a placeholder ("95xxx", "400-XXX-XXXX"): never allowed as a configured number. */
const PLACEHOLDER_NUMBER = /\d[\d-]*x{2,}|x{3,}/i;

function fill(text: string, values: Record<string, string>, where: string): string {
  if (PLACEHOLDER_NUMBER.test(text)) throw new LingxiError('malformed_file', `${where}: a placeholder phone number; name a configured one as {contact.NAME}`);
  return text.replace(CONTACT, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new LingxiError('malformed_file', `${where}: {contact.${name}} is used but knowledge/contacts.yaml does not define it`);
    return value;
  });
}

/**
 * Replaces every `{contact.name}` in a locale's templates with the configured number (throws `malformed_file` naming
 * the template when a number is missing or is a placeholder).
 *
 * @example fillContactNumbers({ zh: { 'emergency.x': '请拨打 {contact.ambulance}' }, en: {} }, { zh: { ambulance: '120' }, en: {} })
 */
export function fillContactNumbers(templates: Record<Locale, Record<string, Template>>, contacts: ContactNumbers): Record<Locale, Record<string, Template>> {
  for (const locale of ['zh', 'en'] as const) {
    for (const [name, value] of Object.entries(contacts[locale])) {
      if (PLACEHOLDER_NUMBER.test(value)) throw new LingxiError('malformed_file', `knowledge/contacts.yaml: ${locale}.${name} is a placeholder ("${value}"), not a number`);
    }
  }
  const result = {} as Record<Locale, Record<string, Template>>;
  for (const locale of ['zh', 'en'] as const) {
    const values = contacts[locale];
    result[locale] = Object.fromEntries(Object.entries(templates[locale] ?? {}).map(([key, template]) => {
      const where = `templates/${locale}.yaml: ${key}`;
      if (typeof template === 'string') return [key, fill(template, values, where)];
      return [key, Object.fromEntries(Object.entries(template).map(([tone, text]) => [tone, fill(text, values, where)])) as Template];
    }));
  }
  return result;
}
