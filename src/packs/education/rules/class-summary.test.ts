import { describe, expect, it } from 'vitest';
import { summarizeClasses, type StudentQuestion } from './class-summary.ts';

const q = (classId: string, studentId: string, intent: string, topic: string | undefined, text: string, answered = true): StudentQuestion =>
  ({ classId, studentId, intent, topic, text, answered });

const log: StudentQuestion[] = [
  q('MA201-A', 'S1', 'homework_help', 'quadratic', '二次方程怎么解'),
  q('MA201-A', 'S2', 'homework_help', 'quadratic', '二次方程怎么解'),
  q('MA201-A', 'S3', 'homework_help', 'quadratic', '判别式是什么'),
  q('MA201-A', 'S1', 'homework_help', 'functions', '一次函数的斜率'),
  q('MA201-A', 'S4', 'homework_help', 'inequality', '不等式两边乘负数', false),
  q('MA201-A', 'S4', 'course_schedule', undefined, '下节课几点'),
  q('EN201-B', 'S9', 'homework_help', 'present-perfect', 'when do I use present perfect'),
  q('EN201-B', 'S8', 'refund', undefined, 'can I get a refund'),
];

describe('summarizeClasses', () => {
  const [english, maths] = summarizeClasses(log);
  it('groups by class, sorted by id, with counts', () => {
    expect(english.classId).toBe('EN201-B');
    expect(maths).toMatchObject({ classId: 'MA201-A', totalQuestions: 6, students: 4 });
  });
  it('ranks intents and topics by how often they were asked, with the most common wording', () => {
    expect(maths.topIntents[0]).toEqual({ intent: 'homework_help', count: 5 });
    expect(maths.topTopics[0]).toMatchObject({ topic: 'quadratic', questions: 3, students: 3, example: '二次方程怎么解' });
  });
  it('flags topics many students asked about and topics the notes could not answer', () => {
    expect(maths.weakTopics.map((t) => t.topic)).toEqual(['quadratic', 'inequality']);
    expect(english.weakTopics).toEqual([]);
  });
  it('returns nothing for no questions', () => {
    expect(summarizeClasses([])).toEqual([]);
  });
});
