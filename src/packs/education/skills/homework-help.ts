import type { Skill } from '../../../engine/pack.ts';
import type { KnowledgeDoc, Retriever } from '../../../engine/knowledge/types.ts';
import type { Tokenizer } from '../../../engine/text/tokenize.ts';
import type { EducationDb } from '../store/types.ts';

/** Below this retriever confidence the notes do not answer the question and the assistant declines. */
export const HOMEWORK_THRESHOLD = 0.45;

/** Question words that say nothing about the topic: a match on these alone is no match. */
const GENERIC = new Set(['怎么', '怎么样', '什么', '如何', '为什么', '哪些', '做', '写', '用', '求', '算', '解', '有', '会', '不会', '这道', '题', '问题', '区别', '意思', '今天',
  'how', 'what', 'when', 'why', 'who', 'make', 'get', 'use', 'find', 'write', 'solv', 'solve', 'question', 'problem', 'explain', 'help', 'differ', 'differ', 'mean', 'today']);

/**
 * Topic words of the question found in the section (title, questions, answer): at least one, and at least half.
 * The retriever's confidence alone rates "怎么做红烧肉" close to "for 循环怎么写" (same question shape); this
 * keeps answers to questions that share the topic, not only the phrasing.
 */
export function sharesTopic(question: string, doc: KnowledgeDoc, tokenizer: Tokenizer): boolean {
  const words = [...new Set(tokenizer.words(question))].filter((word) => !GENERIC.has(word) && (word.length >= 2 || /\p{Script=Han}/u.test(word) === false && word.length >= 1));
  if (!words.length) return false;
  const docWords = new Set(tokenizer.words([doc.title, ...doc.questions, doc.answer].join(' ')));
  const found = words.filter((word) => docWords.has(word)).length;
  return found >= 1 && found * 2 >= words.length;
}

/** The best of the top three note sections that is confident enough and shares the question's topic, or null. */
export function findNote(deps: { notes: Retriever; tokenizer: Tokenizer }, question: string, locale: 'zh' | 'en', threshold = HOMEWORK_THRESHOLD): KnowledgeDoc | null {
  const hits = deps.notes.retrieve(question, { locale, limit: 3 });
  return hits.find((hit) => hit.confidence >= threshold && sharesTopic(question, hit.doc, deps.tokenizer))?.doc ?? null;
}

/**
 * Homework help limited to the course notes: the best matching note section in the learner's language, quoted
 * with its source; when no section is confident enough, a polite refusal naming what the notes do cover —
 * never an answer made up outside the course material.
 */
export function createHomeworkHelpSkill(deps: { notes: Retriever; tokenizer: Tokenizer; threshold?: number }): Skill<EducationDb> {
  const threshold = deps.threshold ?? HOMEWORK_THRESHOLD;
  return {
    name: 'homework_help',
    intents: ['homework_help'],
    async run(ctx) {
      const question = ctx.turn.text.replace(/^(老师|请问|麻烦问一下|作业题?|homework( question)?|can you help( me)? with)[,，:：\s]*/iu, '').trim();
      if (question.length < 3) { ctx.ask('reason', 'homework.ask_question'); return 'waiting'; }
      const doc = findNote(deps, question, ctx.locale, threshold);
      if (!doc) { ctx.say('homework.outside'); return 'done'; }
      // Remembered for the teacher-facing class summary (topic of the question).
      ctx.memory.lastHomeworkTopic = doc.id;
      ctx.say('homework.answer', { title: doc.title, answer: doc.answer.trim(), source: doc.source }, {
        sources: [{ id: doc.id, title: doc.title, source: doc.source }],
      });
      return 'done';
    },
  };
}
