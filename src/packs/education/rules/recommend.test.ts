import { describe, expect, it } from 'vitest';
import { COURSES } from './courses.ts';
import { profileFromText, recommendCourses } from './recommend.ts';

describe('recommendCourses', () => {
  it('has a catalogue of about 30 courses whose prerequisites exist', () => {
    expect(COURSES.length).toBeGreaterThanOrEqual(30);
    for (const course of COURSES) for (const id of course.prerequisites) expect(COURSES.some((c) => c.id === id)).toBe(true);
  });
  it('gives a Python beginner who wants a career the intro Python course first', () => {
    const [best] = recommendCourses({ subject: 'programming', level: 1, goal: 'career' });
    expect(best.course.id).toBe('PR101');
    expect(best.reasons).toEqual(expect.arrayContaining(['subject', 'level_match', 'goal']));
  });
  it('never offers a course whose prerequisites are missing, nor a completed one', () => {
    const list = recommendCourses({ subject: 'programming', level: 1, completed: ['PR101'] }, 10);
    expect(list.map((r) => r.course.id)).not.toContain('PR101');
    expect(list.map((r) => r.course.id)).not.toContain('PR202');
    expect(list.map((r) => r.course.id)).toContain('PR201');
  });
  it('moves a learner who finished a course to the next level', () => {
    const [best] = recommendCourses({ subject: 'maths', level: 2, goal: 'school', completed: ['MA201'] });
    expect(best.course.level).toBeGreaterThanOrEqual(2);
    expect(['MA202', 'MA301', 'MA203']).toContain(best.course.id);
  });
  it('is deterministic', () => {
    expect(recommendCourses({ goal: 'exam', level: 3 })).toEqual(recommendCourses({ goal: 'exam', level: 3 }));
  });
  it('reads subject, goal and level from Chinese and English text', () => {
    expect(profileFromText('我零基础，想学编程找工作')).toEqual({ subject: 'programming', goal: 'career', level: 1 });
    expect(profileFromText('I have an intermediate level and want to prepare for IELTS')).toMatchObject({ subject: 'exam', goal: 'exam', level: 2 });
  });
});
