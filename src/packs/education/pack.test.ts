import { describe, expect, it } from 'vitest';
import { loadEducationPack, loadCourseNotes } from './pack.ts';
import { loadEducationData } from './store/load-data.ts';
import { createRetriever } from '../../engine/knowledge/retriever.ts';
import { createTokenizer } from '../../engine/text/tokenize.ts';
import { findNote } from './skills/homework-help.ts';

const pack = await loadEducationPack();
const SHARED = ['greet', 'goodbye', 'thanks', 'affirm', 'deny', 'handoff', 'cancel_flow', 'bot_identity'];

describe('education pack files', () => {
  it('has every template key in both locales', () => {
    expect(Object.keys(pack.templates.en).sort()).toEqual(Object.keys(pack.templates.zh).sort());
    for (const key of ['greeting', 'fallback.not_understood', 'handoff.customer_request', 'flow.cancelled', 'clarify.two', 'quick.yes', 'action.not_done', 'action.failed']) {
      expect(pack.templates.zh[key]).toBeDefined();
    }
  });
  it('has at least 30 phrases per task and shared intent and language', () => {
    for (const intent of [...SHARED, ...pack.skills.flatMap((s) => s.intents)]) {
      expect(pack.intents[intent]?.zh.length, intent).toBeGreaterThanOrEqual(30);
      expect(pack.intents[intent]?.en.length, intent).toBeGreaterThanOrEqual(30);
    }
  });
  it('has at least 40 FAQ entries per language', () => {
    expect(pack.knowledge.filter((d) => d.locale === 'zh').length).toBeGreaterThanOrEqual(40);
    expect(pack.knowledge.filter((d) => d.locale === 'en').length).toBeGreaterThanOrEqual(40);
  });
  it('ships demo data whose enrolments point at known students', async () => {
    const data = await loadEducationData();
    for (const enrolment of data.enrolments) expect(data.students[enrolment.student_id]).toBeDefined();
    data.enrolments[0].status = 'refunded';
    expect((await loadEducationData()).enrolments[0].status).toBe('active');
  });
});

describe('homework notes retrieval', async () => {
  const notes = await loadCourseNotes();
  const tokenizer = createTokenizer({ dropStopwords: true });
  const retriever = createRetriever({ docs: notes }, { tokenizer });
  const best = (q: string, locale: 'zh' | 'en') => retriever.retrieve(q, { locale, limit: 1 })[0];
  it('finds the right note section in both languages', () => {
    expect(best('不等式两边乘负数怎么办', 'zh').doc.id).toBe('education-notes/zh/MA201-inequality-sign');
    expect(best('how do I fix an IndentationError', 'en').doc.id).toBe('education-notes/en/PR101-indentation-error');
  });
  it('rejects a question that only shares the phrasing with a note', () => {
    expect(findNote({ notes: retriever, tokenizer }, '怎么做红烧肉', 'zh')).toBeNull();
    expect(findNote({ notes: retriever, tokenizer }, 'what caused the French Revolution', 'en')).toBeNull();
    expect(findNote({ notes: retriever, tokenizer }, 'which和that有什么区别', 'zh')?.id).toBe('education-notes/zh/EN201-relative-clauses');
  });
});
