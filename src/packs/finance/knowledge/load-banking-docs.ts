import { readdir, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LingxiError } from '../../../engine/errors.ts';
import type { KnowledgeDoc } from '../../../engine/knowledge/types.ts';

const documentSchema = z.object({ id: z.string().min(1), title: z.string().min(1), content: z.string().min(1) });

/**
 * The English knowledge base: τ²-bench banking_knowledge articles (MIT, Sierra Research; see banking-docs/README.md),
 * indexed as they are. Each doc's `source` is the article id, so every answer cites the document it came from.
 */
export async function loadBankingDocs(folder = new URL('./banking-docs/', import.meta.url)): Promise<KnowledgeDoc[]> {
  const files = (await readdir(folder)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(files.map(async (file) => {
    const parsed = documentSchema.safeParse(JSON.parse(await readFile(new URL(file, folder), 'utf8')));
    if (!parsed.success) throw new LingxiError('malformed_file', `banking-docs/${file}: ${parsed.error.issues[0].message}`);
    const { id, title, content } = parsed.data;
    return { id: `finance/en/${id}`, locale: 'en' as const, title, questions: [title], answer: content, source: id, tags: ['tau2-banking'] };
  }));
}
