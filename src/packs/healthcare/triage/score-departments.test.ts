import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scoreDepartments, type TriageLexicon } from './score-departments.ts';

const lexicon = parse(readFileSync(new URL('./lexicon.yaml', import.meta.url), 'utf8')) as TriageLexicon;
const hospital = JSON.parse(readFileSync(new URL('../data/hospital.json', import.meta.url), 'utf8')) as { departments: Array<{ id: string }> };
const top = (text: string) => scoreDepartments(lexicon, text)[0]?.department;

describe('scoreDepartments', () => {
  it.each([
    ['咳嗽三天了，还有点发烧', 'respiratory'],
    ['最近老是胃痛，还反酸', 'gastroenterology'],
    ['膝盖疼，上楼更明显', 'orthopedics'],
    ['脸上长痘痘，皮肤痒', 'dermatology'],
    ['嗓子疼，吞咽困难', 'ent'],
    ['孩子咳嗽发烧两天了', 'pediatrics'],
    ['牙疼得睡不着', 'dentistry'],
    ['I have had a cough and a fever for three days', 'respiratory'],
    ['my knee hurts and my ankle is swollen', 'orthopedics'],
    ['itchy rash on my arms', 'dermatology'],
    ['terrible migraine and numbness in my fingers', 'neurology'],
    ['my heart is racing and my blood pressure is high', 'cardiology'],
    ['I need an annual check-up', 'health_check'],
  ])('%s → %s', (text, department) => {
    expect(top(text)).toBe(department);
  });

  it('explains the score with the words found, in text order', () => {
    expect(scoreDepartments(lexicon, '咳嗽三天了，还有点发烧')[0]).toEqual({ department: 'respiratory', score: 3, matched: ['咳嗽', '发烧'] });
  });

  it('matches English words from a word start only', () => {
    expect(scoreDepartments(lexicon, 'my heart').some((s) => s.department === 'ent')).toBe(false);
  });

  it('returns nothing for text without symptoms', () => {
    expect(scoreDepartments(lexicon, '你们几点开门')).toEqual([]);
  });

  it('covers only departments the hospital has', () => {
    const ids = new Set(hospital.departments.map((d) => d.id));
    for (const id of Object.keys(lexicon)) expect(ids.has(id)).toBe(true);
  });
});
