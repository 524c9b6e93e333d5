import type { Localized } from '../../../engine/types.ts';
import type { Level } from '../rules/courses.ts';
import type { RefundQuote } from '../rules/refund.ts';

export interface Student {
  id: string;
  name: Localized;
  phone: string;
  level: Level;
  /** Course ids finished: the learner's progress, used by recommendations and prerequisite checks. */
  completed: string[];
  class_ids: string[];
}

export interface Enrolment {
  id: string;
  student_id: string;
  course_id: string;
  class_id: string;
  /** First lesson (ISO date). */
  start: string;
  paid: number;
  status: 'active' | 'refunded';
  refund?: RefundQuote;
}

/** The demo school backend the education tools run on. */
export interface EducationDb {
  currency: 'CNY';
  students: Record<string, Student>;
  enrolments: Enrolment[];
}
