import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';

/** `{ zh: [...], en: [...] }` — training phrases, symptoms, steps. */
export const localizedList = z.object({ zh: z.array(z.string().min(1)), en: z.array(z.string().min(1)) });
/** `nlu/intents.yaml`: intent → phrases per locale. */
export const intentsSchema = z.record(z.string(), localizedList);
/** `templates/{zh,en}.yaml`: key → one string or tone variants (neutral required). */
export const templateSchema = z.record(z.string(), z.union([z.string(), z.object({ neutral: z.string() }).catchall(z.string())]));

/**
 * Reads a pack's YAML files relative to the pack module (`import.meta.url`), validated by a zod schema; a malformed
 * file is a `malformed_file` error naming the file and the first problems. Every pack loader uses this one reader.
 */
export function createYamlReader(packModuleUrl: string): <T>(file: string, schema: z.ZodType<T>) => Promise<T> {
  return async (file, schema) => {
    const parsed = schema.safeParse(parse(await readFile(new URL(file, packModuleUrl), 'utf8')));
    if (!parsed.success) {
      throw new LingxiError('malformed_file', `${file}: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return parsed.data;
  };
}
