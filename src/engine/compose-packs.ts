import type { PackDefinition, Skill } from './pack.ts';
import type { CatalogTerms } from './nlu/types.ts';

/** A pack with the backend its tools run on. */
export interface PackBinding<Data = unknown> {
  pack: PackDefinition<Data>;
  data: Data;
}

export interface ComposedPacks {
  /** One definition with every pack's intents, knowledge, skills and hints; engine-level templates from the first pack that has them. */
  pack: PackDefinition<unknown>;
  /** Safety rules of every pack, each with the pack whose templates answer it. */
  safety: Array<{ binding: PackBinding<unknown>; check: NonNullable<PackDefinition['safety']> }>;
  /** The pack (templates, tools) and backend each skill runs with. */
  ownerOf(skill: Skill<unknown>): PackBinding<unknown>;
  catalog(): CatalogTerms;
}

/**
 * Lets a tenant enable several packs at once (e-commerce + logistics …). Intents with the same name (greet,
 * handoff …) pool their phrases; each skill keeps its own pack's templates, tools and data.
 */
export function composePacks(bindings: PackBinding<unknown>[]): ComposedPacks {
  if (!bindings.length) throw new Error('composePacks needs at least one pack');
  const owners = new Map<Skill<unknown>, PackBinding<unknown>>();
  const intents: PackDefinition['intents'] = {};
  const templates: PackDefinition['templates'] = { zh: {}, en: {} };
  for (const binding of bindings) {
    const { pack } = binding;
    for (const skill of pack.skills) {
      if ([...owners.keys()].some((s) => s.name === skill.name)) throw new Error(`skill "${skill.name}" is defined by two packs`);
      owners.set(skill, binding);
    }
    for (const [intent, phrases] of Object.entries(pack.intents)) {
      const merged = (intents[intent] ??= { zh: [], en: [] });
      merged.zh.push(...phrases.zh);
      merged.en.push(...phrases.en);
    }
    for (const locale of ['zh', 'en'] as const) {
      for (const [key, template] of Object.entries(pack.templates[locale])) templates[locale][key] ??= template;
    }
  }
  const first = bindings[0].pack;
  const pack: PackDefinition<unknown> = {
    name: bindings.map((b) => b.pack.name).join('+'),
    locales: first.locales,
    intents,
    intentLabels: Object.assign({}, ...bindings.map((b) => b.pack.intentLabels)),
    templates,
    knowledge: bindings.flatMap((b) => b.pack.knowledge),
    tools: Object.assign({}, ...bindings.map((b) => b.pack.tools)),
    skills: [...owners.keys()],
    catalog: () => ({ products: [], options: [] }),
    smallTalk: Object.assign({}, ...bindings.map((b) => b.pack.smallTalk)),
    intentHints: bindings.flatMap((b) => b.pack.intentHints ?? []),
  };
  return {
    pack,
    safety: bindings.filter((b) => b.pack.safety).map((binding) => ({ binding, check: binding.pack.safety! })),
    ownerOf: (skill) => owners.get(skill) ?? bindings[0],
    catalog: () => {
      const terms = bindings.map((b) => b.pack.catalog(b.data));
      return { products: terms.flatMap((t) => t.products), options: terms.flatMap((t) => t.options) };
    },
  };
}
