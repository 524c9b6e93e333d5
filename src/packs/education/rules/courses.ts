import type { Localized } from '../../../engine/types.ts';

/** Subject areas of the demo school. */
export type Subject = 'english' | 'maths' | 'programming' | 'exam';
/** 1 beginner … 4 advanced. */
export type Level = 1 | 2 | 3 | 4;
/** What a learner wants out of a course; matched against `Course.goals`. */
export type Goal = 'exam' | 'career' | 'travel' | 'school' | 'hobby';

/** One course of the catalogue. Prices in CNY, `lessons` of 90 minutes, weekly on `weekday` (1 = Monday). */
export interface Course {
  id: string;
  subject: Subject;
  level: Level;
  name: Localized;
  goals: Goal[];
  prerequisites: string[];
  lessons: number;
  price: number;
  weekday: number;
  time: string;
  start: string;
  hoursPerWeek: number;
}

const c = (id: string, subject: Subject, level: Level, zh: string, en: string, goals: Goal[], prerequisites: string[], lessons: number, price: number, weekday: number, time: string, start: string, hoursPerWeek = 3): Course =>
  ({ id, subject, level, name: { zh, en }, goals, prerequisites, lessons, price, weekday, time, start, hoursPerWeek });

/** The demo school's catalogue (written for this project): 32 courses in English, maths, programming and exam prep. */
export const COURSES: Course[] = [
  c('EN101', 'english', 1, '英语入门：发音与基础语法', 'English Foundations: Pronunciation and Basic Grammar', ['school', 'travel', 'hobby'], [], 16, 1600, 1, '19:00', '2026-12-07'),
  c('EN102', 'english', 1, '旅行英语口语', 'Travel English Conversation', ['travel', 'hobby'], [], 10, 1000, 6, '10:00', '2026-12-05', 2),
  c('EN201', 'english', 2, '英语进阶：语法与阅读', 'Intermediate English: Grammar and Reading', ['school', 'exam', 'career'], ['EN101'], 20, 2400, 2, '19:00', '2026-12-08'),
  c('EN202', 'english', 2, '英语听说强化', 'English Listening and Speaking', ['career', 'travel', 'exam'], ['EN101'], 16, 2000, 4, '19:00', '2026-12-10'),
  c('EN203', 'english', 2, '英语写作基础', 'English Writing Basics', ['school', 'exam'], ['EN101'], 12, 1500, 3, '19:00', '2026-12-09'),
  c('EN301', 'english', 3, '商务英语', 'Business English', ['career'], ['EN201'], 16, 2800, 3, '20:00', '2026-12-09'),
  c('EN302', 'english', 3, '学术英语写作', 'Academic English Writing', ['exam', 'school'], ['EN203'], 16, 2600, 5, '19:00', '2026-12-11'),
  c('EN401', 'english', 4, '高级英语演讲与辩论', 'Advanced Public Speaking and Debate', ['career', 'hobby'], ['EN301'], 12, 2400, 6, '14:00', '2026-12-12'),
  c('MA101', 'maths', 1, '数学基础：分数、比例与方程', 'Maths Foundations: Fractions, Ratios and Equations', ['school', 'exam'], [], 16, 1400, 1, '18:00', '2026-12-07'),
  c('MA102', 'maths', 1, '生活中的数学', 'Everyday Maths', ['hobby', 'career'], [], 8, 800, 6, '09:00', '2026-12-05', 2),
  c('MA201', 'maths', 2, '代数：函数与二次方程', 'Algebra: Functions and Quadratic Equations', ['school', 'exam'], ['MA101'], 20, 2200, 2, '18:00', '2026-12-08'),
  c('MA202', 'maths', 2, '几何与三角', 'Geometry and Trigonometry', ['school', 'exam'], ['MA101'], 16, 1800, 4, '18:00', '2026-12-10'),
  c('MA203', 'maths', 2, '统计与概率入门', 'Introduction to Statistics and Probability', ['career', 'school', 'exam'], ['MA101'], 16, 1900, 3, '18:00', '2026-12-09'),
  c('MA301', 'maths', 3, '微积分 I', 'Calculus I', ['school', 'exam', 'career'], ['MA201'], 24, 3000, 2, '20:00', '2026-12-08', 4),
  c('MA302', 'maths', 3, '线性代数', 'Linear Algebra', ['career', 'school'], ['MA201'], 20, 2800, 4, '20:00', '2026-12-10'),
  c('MA401', 'maths', 4, '数据分析中的数学', 'Mathematics for Data Analysis', ['career'], ['MA302', 'MA203'], 20, 3200, 5, '20:00', '2026-12-11', 4),
  c('PR101', 'programming', 1, 'Python 编程入门', 'Introduction to Python Programming', ['career', 'hobby', 'school'], [], 16, 2000, 2, '19:30', '2026-12-08'),
  c('PR102', 'programming', 1, '少儿编程：Scratch', 'Coding for Kids with Scratch', ['hobby', 'school'], [], 12, 1200, 6, '15:00', '2026-12-05', 2),
  c('PR103', 'programming', 1, '网页制作入门：HTML 与 CSS', 'Web Basics: HTML and CSS', ['career', 'hobby'], [], 12, 1500, 4, '19:30', '2026-12-10'),
  c('PR201', 'programming', 2, 'Python 数据处理', 'Python for Data Handling', ['career'], ['PR101'], 16, 2400, 3, '19:30', '2026-12-09'),
  c('PR202', 'programming', 2, 'JavaScript 编程', 'JavaScript Programming', ['career', 'hobby'], ['PR103'], 16, 2400, 1, '19:30', '2026-12-07'),
  c('PR203', 'programming', 2, '数据结构与算法入门', 'Introduction to Data Structures and Algorithms', ['career', 'exam', 'school'], ['PR101'], 20, 2800, 5, '19:30', '2026-12-11', 4),
  c('PR301', 'programming', 3, 'Web 全栈开发', 'Full-Stack Web Development', ['career'], ['PR202'], 24, 4200, 6, '09:30', '2026-12-12', 5),
  c('PR302', 'programming', 3, '机器学习入门', 'Introduction to Machine Learning', ['career'], ['PR201', 'MA203'], 20, 4000, 2, '20:00', '2026-12-08', 4),
  c('PR401', 'programming', 4, '软件工程项目实战', 'Software Engineering Project', ['career'], ['PR301'], 16, 4500, 7, '09:30', '2026-12-13', 5),
  c('EX201', 'exam', 2, '中考数学冲刺', 'Senior-School Entrance Maths Sprint', ['exam', 'school'], ['MA101'], 12, 1800, 7, '14:00', '2026-12-13'),
  c('EX202', 'exam', 2, '中考英语冲刺', 'Senior-School Entrance English Sprint', ['exam', 'school'], ['EN101'], 12, 1800, 7, '10:00', '2026-12-13'),
  c('EX301', 'exam', 3, '高考数学提分', 'Gaokao Maths Booster', ['exam', 'school'], ['MA201'], 20, 3200, 6, '14:00', '2026-12-12', 4),
  c('EX302', 'exam', 3, '雅思 6.5 强化', 'IELTS 6.5 Intensive', ['exam', 'career', 'travel'], ['EN201'], 24, 5800, 6, '09:00', '2026-12-12', 5),
  c('EX303', 'exam', 3, '托福 90 强化', 'TOEFL 90 Intensive', ['exam'], ['EN201'], 24, 5800, 7, '09:00', '2026-12-13', 5),
  c('EX304', 'exam', 3, '大学英语四六级', 'CET-4/6 Preparation', ['exam', 'school'], ['EN201'], 16, 1900, 5, '19:00', '2026-12-11'),
  c('EX401', 'exam', 4, '雅思 7.5 冲刺', 'IELTS 7.5 Sprint', ['exam', 'career'], ['EX302'], 12, 4800, 7, '14:00', '2026-12-13', 4),
];

/** A course by id (case-insensitive), or undefined. */
export function findCourse(id: string, catalogue: Course[] = COURSES): Course | undefined {
  return catalogue.find((course) => course.id === id.toUpperCase());
}

/** Course ids mentioned in a message ("EN201", "pr101"). */
export function courseIdsIn(text: string, catalogue: Course[] = COURSES): string[] {
  return [...text.matchAll(/\b([a-z]{2}\d{3})\b/giu)].map((m) => m[1].toUpperCase()).filter((id) => findCourse(id, catalogue));
}
