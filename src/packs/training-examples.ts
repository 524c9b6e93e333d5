import type { PackDefinition } from '../engine/pack.ts';
import type { TrainingExample } from '../engine/nlu/types.ts';

/** Training examples of a pack: every intent's phrases in both languages, plus FAQ questions as `faq`. */
export function trainingExamples(pack: PackDefinition<unknown>): TrainingExample[] {
  const examples: TrainingExample[] = [];
  for (const [label, phrases] of Object.entries(pack.intents)) {
    for (const text of [...phrases.zh, ...phrases.en]) examples.push({ text, label });
  }
  for (const doc of pack.knowledge) for (const text of doc.questions) examples.push({ text, label: 'faq' });
  return examples;
}

