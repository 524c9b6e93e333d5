/** One question a student asked, as the conversation log records it. */
export interface StudentQuestion {
  classId: string;
  studentId: string;
  intent: string;
  /** Course-note topic the question was about (homework help), when known. */
  topic?: string;
  text: string;
  /** False when the assistant could not answer from the course notes. */
  answered: boolean;
}

export interface TopicStat {
  topic: string;
  questions: number;
  students: number;
  unanswered: number;
}

export interface ClassSummary {
  classId: string;
  totalQuestions: number;
  students: number;
  /** Intents by count, highest first. */
  topIntents: Array<{ intent: string; count: number }>;
  /** Topics by number of questions, highest first, with an example question each. */
  topTopics: Array<TopicStat & { example: string }>;
  /** Topics that several students asked about, or that the notes could not answer: candidates for re-teaching. */
  weakTopics: TopicStat[];
}

/**
 * Teacher-facing summary per class: the most asked intents and topics, and the weak topics. A topic is weak when
 * at least `minStudents` different students asked about it (default 2, or 30 % of the class's askers if larger)
 * or when any question on it went unanswered. Pure; classes sorted by id, ties broken alphabetically.
 */
export function summarizeClasses(questions: StudentQuestion[], options: { top?: number; minStudents?: number } = {}): ClassSummary[] {
  const top = options.top ?? 3;
  const byClass = new Map<string, StudentQuestion[]>();
  for (const question of questions) byClass.set(question.classId, [...(byClass.get(question.classId) ?? []), question]);
  return [...byClass.keys()].sort().map((classId) => {
    const list = byClass.get(classId)!;
    const askers = new Set(list.map((q) => q.studentId));
    const intents = new Map<string, number>();
    for (const q of list) intents.set(q.intent, (intents.get(q.intent) ?? 0) + 1);
    const topics = new Map<string, { stat: TopicStat; askers: Set<string>; examples: Map<string, number> }>();
    for (const q of list) {
      if (!q.topic) continue;
      const entry = topics.get(q.topic) ?? { stat: { topic: q.topic, questions: 0, students: 0, unanswered: 0 }, askers: new Set<string>(), examples: new Map<string, number>() };
      entry.stat.questions += 1;
      if (!q.answered) entry.stat.unanswered += 1;
      entry.askers.add(q.studentId);
      entry.stat.students = entry.askers.size;
      entry.examples.set(q.text, (entry.examples.get(q.text) ?? 0) + 1);
      topics.set(q.topic, entry);
    }
    const stats = [...topics.values()].sort((a, b) => b.stat.questions - a.stat.questions || b.stat.students - a.stat.students || a.stat.topic.localeCompare(b.stat.topic));
    const threshold = Math.max(options.minStudents ?? 2, Math.ceil(askers.size * 0.3));
    return {
      classId,
      totalQuestions: list.length,
      students: askers.size,
      topIntents: [...intents].map(([intent, count]) => ({ intent, count })).sort((a, b) => b.count - a.count || a.intent.localeCompare(b.intent)).slice(0, top),
      topTopics: stats.slice(0, top).map(({ stat, examples }) => ({ ...stat, example: [...examples].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0] })),
      weakTopics: stats.filter(({ stat }) => stat.students >= threshold || stat.unanswered > 0).map(({ stat }) => stat),
    };
  });
}
