import { readFile } from 'node:fs/promises';
import { parseFaqMarkdown } from '../../engine/knowledge/parse-faq-markdown.ts';
import type { PackDefinition, Template } from '../../engine/pack.ts';
import { contactsSchema, fillContactNumbers, type ContactNumbers } from './contact-numbers.ts';
import { createYamlReader, intentsSchema, templateSchema } from './pack-files.ts';

/** The small-talk intents every pack answers from its templates. */
export const STANDARD_SMALL_TALK: Record<string, string> = {
  greet: 'smalltalk.greet', goodbye: 'smalltalk.goodbye', thanks: 'smalltalk.thanks', bot_identity: 'smalltalk.bot_identity',
  affirm: 'smalltalk.affirm', deny: 'smalltalk.deny',
};

/** What every pack folder holds in the same files, as the part of a {@link PackDefinition} it gives. */
export type PackFolder = Pick<PackDefinition<unknown>, 'name' | 'locales' | 'intents' | 'templates' | 'knowledge' | 'smallTalk'>;

/**
 * Reads the files every pack folder has — `nlu/intents.yaml`, `templates/{zh,en}.yaml` and
 * `knowledge/faq.{zh,en}.md` — relative to the pack module, validated (a malformed file names itself). A pack's
 * loader spreads the result into its definition and adds its own labels, hints, tools, skills and extra knowledge,
 * so the shape shared by the six packs lives here once. Phone numbers the templates quote (`{contact.ambulance}`) come
 * from the optional `knowledge/contacts.yaml`, or from `options.contacts` (a tenant's own numbers) when given.
 *
 * @example return { ...(await readPackFolder(import.meta.url, 'travel')), intentLabels, tools, skills, catalog: noCatalog };
 */
export async function readPackFolder(packModuleUrl: string, name: string, options: { contacts?: ContactNumbers } = {}): Promise<PackFolder> {
  const readYaml = createYamlReader(packModuleUrl);
  const [intents, zh, en, faqZh, faqEn, contacts] = await Promise.all([
    readYaml('nlu/intents.yaml', intentsSchema),
    readYaml('templates/zh.yaml', templateSchema),
    readYaml('templates/en.yaml', templateSchema),
    readFile(new URL('knowledge/faq.zh.md', packModuleUrl), 'utf8'),
    readFile(new URL('knowledge/faq.en.md', packModuleUrl), 'utf8'),
    options.contacts ?? readYaml('knowledge/contacts.yaml', contactsSchema).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return { zh: {}, en: {} };
      throw error;
    }),
  ]);
  return {
    name,
    locales: ['zh', 'en'],
    intents,
    templates: fillContactNumbers({ zh: zh as Record<string, Template>, en: en as Record<string, Template> }, contacts),
    knowledge: [
      ...parseFaqMarkdown(faqZh, { pack: name, locale: 'zh', file: 'knowledge/faq.zh.md' }),
      ...parseFaqMarkdown(faqEn, { pack: name, locale: 'en', file: 'knowledge/faq.en.md' }),
    ],
    smallTalk: STANDARD_SMALL_TALK,
  };
}

/** The catalogue of a pack that sells no products (no product or option terms for the entity extractor). */
export const noCatalog = () => ({ products: [], options: [] });
